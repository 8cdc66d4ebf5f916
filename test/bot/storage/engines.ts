// How the storage tests open each engine. PostgreSQL runs in a fresh schema per test file, dropped
// afterwards, so parallel files and other people's runs never meet.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { EngineDb } from "../../../bot/storage/engine";
import { openDb } from "../../../bot/storage/open-db";

export const PG_URL = process.env.TEST_DATABASE_URL;
export const PG_MISSING =
  "TEST_DATABASE_URL is not set: the storage suite must also run on PostgreSQL. Set it, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (.ci/run sets it).";

export function freshSchema(tag: string): string {
  return `t_${tag}_${randomBytes(4).toString("hex")}`;
}

export async function openPg(schema: string, skipMigrations = false): Promise<EngineDb> {
  if (!PG_URL) throw new Error(PG_MISSING);
  return openDb({ databaseUrl: PG_URL, schema, skipMigrations });
}

export async function dropSchema(schema: string): Promise<void> {
  if (!PG_URL) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

export function openMemory(): Promise<EngineDb> {
  return openDb({ dataDir: "memory" });
}
