// Configuration errors a newcomer makes, each said with the variable and the fix: a DATABASE_URL
// that is not a URL, a closed port, a database that does not exist; a missing PLANS_DIR is in
// test/bot/first-use.test.ts. ZALO_CREDENTIALS_FILE follows DATA_DIR.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config";
import { openDbFromConfig } from "../../bot/storage/open-db";

const PG = process.env.TEST_DATABASE_URL;

describe("configuration errors name the variable and the fix", () => {
  it("DATABASE_URL that is not a PostgreSQL URL stops at once", () => {
    expect(() => loadConfig({ DATABASE_URL: "not-a-url" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "not-a-url" })).toThrow(/^DATABASE_URL is not a URL \("not-a-url"\)\. Set it to a PostgreSQL connection string such as postgres:\/\//);
    expect(() => loadConfig({ DATABASE_URL: "mysql://u:secret@h/db" })).toThrow(/DATABASE_URL must start with postgres:\/\//);
    // The password never appears in the message.
    expect(() => loadConfig({ DATABASE_URL: "postgres//u:secret@h/db" })).toThrow(/^(?!.*secret).*DATABASE_URL/s);
  });

  it("a closed port and a missing database say what to do", async () => {
    expect(PG, "set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test_i12) to run this suite").toBeTruthy();
    const u = new URL(PG ?? "");
    const closed = new URL(u);
    closed.port = "1";
    await expect(openDbFromConfig(loadConfig({ DATABASE_URL: closed.toString() }))).rejects.toThrow(/^DATABASE_URL: nothing accepts connections at 127\.0\.0\.1:1\. Start PostgreSQL there, or correct the host and port/);
    const missing = new URL(u);
    missing.pathname = "/tlkh_i12_no_such_db";
    await expect(openDbFromConfig(loadConfig({ DATABASE_URL: missing.toString() }))).rejects.toThrow(/^DATABASE_URL: the database "tlkh_i12_no_such_db" does not exist on .*\. Create it \(e\.g\. createdb/);
  });

  it("ZALO_CREDENTIALS_FILE defaults to a file in DATA_DIR", () => {
    expect(loadConfig({ DATA_DIR: "/srv/tlkh" }).ZALO_CREDENTIALS_FILE).toBe("/srv/tlkh/zalo-credentials.json");
    expect(loadConfig({ DATA_DIR: "/srv/tlkh", ZALO_CREDENTIALS_FILE: "/etc/z.json" }).ZALO_CREDENTIALS_FILE).toBe("/etc/z.json");
  });
});
