// HMAC signatures for the web session cookie and the expiring download links, and the secret
// behind them: WEB_SESSION_SECRET, or one generated once and kept in the database, so every replica
// on one PostgreSQL signs and checks with the same key.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DbQuery } from "../bot/storage/db";

/** Shortest accepted secret: 32 bytes (OWASP ASVS 6.4 / NIST SP 800-107 for HMAC-SHA256). */
export const MIN_SECRET_BYTES = 32;

/** A base64url HMAC-SHA256 of `payload`, domain-separated by `purpose`. */
export function sign(secret: string, purpose: string, payload: string): string {
  return createHmac("sha256", secret).update(`${purpose}\n${payload}`).digest("base64url");
}

export function verify(secret: string, purpose: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The configured secret, or the one kept in DATA_DIR (created with mode 0600 on first use). */
export function loadOrCreateSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, "web-session-secret");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * The secret every replica shares: the configured one, else the one in the database (app_secrets),
 * created by whichever replica comes first. A secret an earlier version kept in DATA_DIR is moved
 * into the database, so existing cookies and links stay valid.
 */
export async function sharedSecret(db: DbQuery, configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const read = async () => (await db.query<{ value: string }>("SELECT value FROM app_secrets WHERE name = 'web-session'"))[0]?.value;
  const kept = await read();
  if (kept) return kept;
  const file = dataDir === "memory" ? null : join(dataDir, "web-session-secret");
  const legacy = file && existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  const candidate = Buffer.byteLength(legacy) >= MIN_SECRET_BYTES ? legacy : randomBytes(32).toString("base64url");
  await db.query("INSERT INTO app_secrets (name, value) VALUES ('web-session', $1) ON CONFLICT (name) DO NOTHING", [candidate]);
  return (await read()) ?? candidate;
}
