// The storage contract on the embedded engine, in a folder so that a restart can be tested.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openDb } from "../../../bot/storage/open-db";
import { storageContract } from "./contract";

const dir = mkdtempSync(join(tmpdir(), "tlkh-pglite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storageContract("PGlite", () => openDb({ dataDir: dir }), { reopen: () => openDb({ dataDir: dir }) });
