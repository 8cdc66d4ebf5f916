// Graceful close of a Node HTTP server that loses no request: answer every request that has
// reached the server, stop accepting connections once nothing is in progress, then close them.
//
// Node's own server.close() also closes every connection without a request in progress at once,
// including one just accepted whose request is still in the socket buffer: that client gets "other
// side closed". Here such a connection keeps a short grace to deliver its request, which is served
// (with Connection: close) like any other; idle keep-alive connections are closed after one turn
// of the event loop, which reads any bytes that already arrived on them.
import { Server as NetServer, type Socket } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** How long a connection that has sent nothing yet may take to deliver its request during a close. */
export const FIRST_REQUEST_GRACE_MS = 2_000;
/** The longest the listener stays open after close() while requests are being answered. */
export const ACCEPT_WHILE_BUSY_MS = 10_000;

interface Conn {
  active: number;
  served: number;
  opened: number;
}

export interface HttpDrain {
  /** Requests whose response has not been sent yet. */
  readonly activeRequests: number;
  readonly openConnections: number;
  /** Stops accepting; resolves when every request received has been answered and every connection is closed. */
  close(onStoppedAccepting?: () => void): Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function drainable(server: Server, graceMs = FIRST_REQUEST_GRACE_MS): HttpDrain {
  const conns = new Map<Socket, Conn>();
  const responses = new Set<ServerResponse>();
  let closing = false;
  let changed: () => void = () => {};

  server.on("connection", (socket: Socket) => {
    const conn: Conn = { active: 0, served: 0, opened: Date.now() };
    conns.set(socket, conn);
    socket.once("close", () => {
      conns.delete(socket);
      changed();
    });
    // A connection opened while closing (before the listener was closed) is treated like the others.
  });
  // First among the request listeners, so the bookkeeping precedes the application's handler.
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const conn = conns.get(req.socket);
    if (conn) conn.active++;
    responses.add(res);
    if (closing) res.shouldKeepAlive = false;
    res.once("close", () => {
      responses.delete(res);
      if (conn) {
        conn.active--;
        conn.served++;
      }
      changed();
    });
  });

  /** Connections with a request in progress, or opened within the grace and not yet heard from. */
  const busy = () => [...conns.values()].filter((c) => c.active > 0 || (c.served === 0 && Date.now() - c.opened < graceMs)).length;

  /** Resolves on the next change (a response sent, a connection closed) or after `ms`. */
  const changeOrAfter = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        changed = () => {};
        resolve();
      }
      changed = done;
    });

  async function close(onStoppedAccepting?: () => void): Promise<void> {
    closing = true;
    const started = Date.now();
    // Responses not yet started end with Connection: close, so their sockets close once answered.
    for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
    // Keep accepting while requests are being answered: clients that connected before the close
    // may still wait in the kernel's queue, and closing the listener would reset them. Stop once
    // nothing is in progress for one turn of the event loop (or after ACCEPT_WHILE_BUSY_MS).
    for (;;) {
      await nextTurn();
      await nextTurn();
      if (busy() === 0 || Date.now() - started >= ACCEPT_WHILE_BUSY_MS) break;
      await changeOrAfter(Math.min(graceMs, ACCEPT_WHILE_BUSY_MS - (Date.now() - started)));
    }
    // net.Server's close, not http.Server's: the latter would also drop connections whose request
    // has not been read yet.
    const listenerClosed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    onStoppedAccepting?.();
    // One more turn reads what already arrived on the open connections.
    await nextTurn();
    const quietSince = Date.now();
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const check = () => {
        for (const [socket, conn] of conns) {
          if (conn.active > 0) continue;
          // Idle after a response (keep-alive), or silent for the whole grace: nothing to answer.
          if (conn.served > 0 || Date.now() - quietSince >= graceMs) socket.destroy();
        }
        if (conns.size === 0) {
          if (timer) clearTimeout(timer);
          changed = () => {};
          resolve();
        } else if (!timer && [...conns.values()].some((c) => c.active === 0 && c.served === 0)) {
          timer = setTimeout(() => {
            timer = null;
            check();
          }, graceMs - (Date.now() - quietSince));
        }
      };
      changed = check;
      check();
    });
    await listenerClosed;
    // http.Server's own close work (its connection-checking interval); there are no connections left.
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  return {
    get activeRequests() {
      return responses.size;
    },
    get openConnections() {
      return conns.size;
    },
    close,
  };
}
