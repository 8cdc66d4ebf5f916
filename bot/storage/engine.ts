// What the two engines offer beyond the shared Db seam: running a multi-statement SQL script
// (a migration file) inside a transaction. Only the migration runner needs it.
import type { Db, DbQuery } from "./db";

export interface ScriptTx extends DbQuery {
  /** Runs several ;-separated statements (no parameters). */
  exec(sql: string): Promise<void>;
}

export interface EngineDb extends Db {
  transaction<T>(fn: (tx: ScriptTx) => Promise<T>): Promise<T>;
}
