// Files sent back to users (the draft report export) as signed, expiring download links served by
// this server: Teams bots cannot attach a file in a personal chat without the file-consent flow,
// and the web page needs a link anyway. Files live under DATA_DIR/downloads until they expire.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { FileMessage } from "../bot/messages";
import { sign, verify } from "./signing";

const PURPOSE = "download";
const metaSchema = z.object({ fileName: z.string(), mimeType: z.string(), expiresAtMs: z.number() });

export interface DownloadOptions {
  dir: string;
  secret: string;
  /** Public base URL of this server, without a trailing slash (known once the port is bound). */
  baseUrl: () => string;
  ttlMs?: number;
}

export interface StoredDownload {
  fileName: string;
  mimeType: string;
  data: Buffer;
}

export class Downloads {
  readonly ttlMs: number;

  constructor(private readonly opts: DownloadOptions) {
    this.ttlMs = opts.ttlMs ?? 24 * 3600_000;
  }

  /** Keeps the file and returns its signed URL, valid for ttlMs after `now`. */
  async put(file: FileMessage, now: Date): Promise<string> {
    await mkdir(this.opts.dir, { recursive: true });
    await this.sweep(now);
    const id = randomBytes(12).toString("hex");
    const expiresAtMs = now.getTime() + this.ttlMs;
    await writeFile(join(this.opts.dir, `${id}.bin`), file.data, { mode: 0o600 });
    const meta = { fileName: file.fileName, mimeType: file.mimeType, expiresAtMs };
    await writeFile(join(this.opts.dir, `${id}.json`), JSON.stringify(meta), { mode: 0o600 });
    const sig = sign(this.opts.secret, PURPOSE, `${id}.${expiresAtMs}`);
    return `${this.opts.baseUrl()}/files/${id}/${encodeURIComponent(file.fileName)}?exp=${expiresAtMs}&sig=${sig}`;
  }

  /** The file behind a link, or null when the link is forged, expired or unknown. */
  async get(id: string, exp: string, sig: string, now: Date): Promise<StoredDownload | null> {
    if (!/^[0-9a-f]{24}$/.test(id) || !/^\d{1,15}$/.test(exp)) return null;
    if (!verify(this.opts.secret, PURPOSE, `${id}.${exp}`, sig)) return null;
    if (Number(exp) < now.getTime()) return null;
    try {
      const meta = metaSchema.parse(JSON.parse(await readFile(join(this.opts.dir, `${id}.json`), "utf8")));
      const data = await readFile(join(this.opts.dir, `${id}.bin`));
      return { fileName: meta.fileName, mimeType: meta.mimeType, data };
    } catch {
      return null; // removed by a sweep, or never written on this replica
    }
  }

  /**
   * The file behind a request path such as "/files/ID/NAME?exp=...&sig=...". The query string is
   * read here (the server has no query parser), so the link put() returns is the link get() accepts.
   */
  async fromUrl(url: string, now: Date): Promise<StoredDownload | null> {
    const u = new URL(url, "http://local");
    const m = /^\/files\/([^/]+)\/[^/]*$/.exec(u.pathname);
    if (!m) return null;
    return this.get(m[1], u.searchParams.get("exp") ?? "", u.searchParams.get("sig") ?? "", now);
  }

  /** Deletes expired files. */
  async sweep(now: Date): Promise<void> {
    const names = await readdir(this.opts.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const id = name.slice(0, -5);
      const meta = await readFile(join(this.opts.dir, name), "utf8")
        .then((t) => metaSchema.parse(JSON.parse(t)))
        .catch(() => null);
      const old = meta === null && (await stat(join(this.opts.dir, name))).mtimeMs < now.getTime() - this.ttlMs;
      if ((meta && meta.expiresAtMs < now.getTime()) || old) {
        await rm(join(this.opts.dir, `${id}.bin`), { force: true });
        await rm(join(this.opts.dir, name), { force: true });
      }
    }
  }
}
