// The storage seam: one SQL dialect (PostgreSQL) on two engines, embedded PGlite by default and a
// PostgreSQL server when DATABASE_URL is set. Implementation: see openDb (owned by the storage module).

export interface DbQuery {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends DbQuery {
  readonly kind: "pglite" | "postgres";
  /** Runs fn in one transaction: all of it is committed, or none of it. */
  transaction<T>(fn: (tx: DbQuery) => Promise<T>): Promise<T>;
  /**
   * Takes a session-level advisory lock on its own connection, or returns null when another
   * session (another replica) holds it. PGlite is one process, so the lock is always granted there.
   * `onLost` is called when the lock's connection dies (the server released the lock with it).
   */
  tryAdvisoryLock(key: number, onLost?: (err: Error) => void): Promise<{ release(): Promise<void> } | null>;
  close(): Promise<void>;
}
