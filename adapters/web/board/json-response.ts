// A JSON body as the board sends it: serialised once, a validator (ETag) taken from its bytes so
// a repeated view that did not change is a 304 with no body, and compressed (br, else gzip) when
// the client accepts it. The validator is a hash of what would be sent, so it is right after any
// write by construction: no version counter to forget to bump.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this many bytes compressing costs more than it saves. */
const MIN_COMPRESS = 1024;

export interface EncodedJson {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

/** The encoding to use from an Accept-Encoding header: br, else gzip, else none (q=0 refuses). */
export function pickEncoding(header: string | undefined): "br" | "gzip" | null {
  const q = new Map<string, number>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name.trim(), qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (q.get(name) ?? q.get("*") ?? 0) > 0;
  return ok("br") ? "br" : ok("gzip") ? "gzip" : null;
}

/** Does If-None-Match name this ETag (weak comparison, as for GET)? */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => bare(t) === bare(etag));
}

export async function encodeJson(
  status: number,
  value: unknown,
  headers: Record<string, string>,
  req: { acceptEncoding?: string; ifNoneMatch?: string },
): Promise<EncodedJson> {
  const raw = Buffer.from(JSON.stringify(value));
  const etag = `W/"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"`;
  const common = { ...headers, etag, vary: "Accept-Encoding, Cookie" };
  if (status === 200 && matches(req.ifNoneMatch, etag)) return { status: 304, headers: common, body: null };
  const encoding = raw.length >= MIN_COMPRESS ? pickEncoding(req.acceptEncoding) : null;
  const body =
    encoding === "br"
      ? await brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : encoding === "gzip"
        ? await gz(raw, { level: 3 })
        : raw;
  return {
    status,
    headers: { ...common, "content-type": "application/json; charset=utf-8", "content-length": body.length, ...(encoding ? { "content-encoding": encoding } : {}) },
    body,
  };
}
