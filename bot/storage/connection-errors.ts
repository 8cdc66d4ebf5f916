// Which database errors mean "the connection is gone" (the server terminated the backend, restarted,
// or the socket broke) rather than "this statement is wrong". Only those are worth one retry on a
// fresh connection; a constraint violation or a syntax error would fail again.

// SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown,
// cannot connect now).
const SQLSTATES = /^(08\d{3}|57P0[1-3])$/;
const SOCKET_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTCONN", "EHOSTUNREACH"]);
const MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|terminating connection/i;

export function isConnectionLost(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (SQLSTATES.test(code) || SOCKET_CODES.has(code))) return true;
  return MESSAGES.test(String((err as { message?: unknown }).message ?? ""));
}

/** Raised when the database stays unreachable after the retry: the turn answers "try again". */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the database connection was lost and could not be re-established", { cause });
    this.name = "DatabaseUnavailableError";
  }
}
