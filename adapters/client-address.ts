// The address a request came from. Behind a reverse proxy on this machine (Caddy, nginx) every
// request arrives from 127.0.0.1: the per-address rate limits would count all users as one, and an
// outside caller would look local to the Teams Emulator gate. With TRUST_PROXY the address is the
// last X-Forwarded-For entry, the one the proxy itself appended (earlier entries are the client's
// own word). Without it, a request that carries a forwarding header is not taken as this machine's.

type Headers = Record<string, string | string[] | undefined>;

const FORWARDING = ["x-forwarded-for", "forwarded", "x-real-ip"];

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(",") : v;
}

export function clientAddress(req: { headers: Headers; socket?: { remoteAddress?: string } }, trustProxy: boolean): string | undefined {
  const peer = req.socket?.remoteAddress;
  if (!trustProxy) return peer;
  const last = first(req.headers["x-forwarded-for"])
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return last ?? peer;
}

/** The address the Teams Emulator gate may call local: none when an untrusted proxy forwarded it. */
export function gateAddress(req: { headers: Headers; socket?: { remoteAddress?: string } }, trustProxy: boolean): string | undefined {
  if (!trustProxy && FORWARDING.some((h) => req.headers[h] !== undefined)) return undefined;
  return clientAddress(req, trustProxy);
}
