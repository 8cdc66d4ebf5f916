// The board's JSON on the wire: compressed as the client accepts, an ETag of its bytes, 304 for a
// repeated view that did not change and 200 as soon as anything in it did.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeJson, pickEncoding } from "../../../adapters/web/board/json-response";

const board = { rows: Array.from({ length: 200 }, (_, i) => ({ unitId: i, name: `UBND xã ${i}`, cells: Array.from({ length: 100 }, (_, j) => (i * j) % 3269) })) };

describe("the board's JSON response", () => {
  it("picks br, else gzip, and honours q=0", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip, br;q=0")).toBe("gzip");
    expect(pickEncoding("deflate")).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding("*, br;q=0, gzip;q=0")).toBeNull();
  });

  it("sends the same JSON compressed either way, and plain when not accepted", async () => {
    const text = JSON.stringify(board);
    const br = await encodeJson(200, board, {}, { acceptEncoding: "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body!.length).toBeLessThan(text.length / 2);
    expect(brotliDecompressSync(br.body!).toString()).toBe(text);
    const gz = await encodeJson(200, board, {}, { acceptEncoding: "gzip" });
    expect(gunzipSync(gz.body!).toString()).toBe(text);
    const plain = await encodeJson(200, board, {}, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body!.toString()).toBe(text);
    expect(plain.headers["content-length"]).toBe(Buffer.byteLength(text));
    // One validator for the same JSON whatever the encoding; Vary says what it depends on.
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(br.headers.vary).toBe("Accept-Encoding, Cookie");
    // A small body is not worth compressing.
    expect((await encodeJson(403, { error: "no" }, {}, { acceptEncoding: "br" })).headers["content-encoding"]).toBeUndefined();
  });

  it("answers 304 without a body while the JSON is the same, 200 once one cell changed", async () => {
    const first = await encodeJson(200, board, {}, { acceptEncoding: "br" });
    const etag = String(first.headers.etag);
    const again = await encodeJson(200, board, {}, { acceptEncoding: "br", ifNoneMatch: etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect((await encodeJson(200, board, {}, { ifNoneMatch: `"other", ${etag.replace(/^W\//, "")}` })).status).toBe(304);
    const changed = structuredClone(board);
    changed.rows[123].cells[45] += 32; // one more percent in one cell
    const after = await encodeJson(200, changed, {}, { acceptEncoding: "br", ifNoneMatch: etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    // An error is never turned into a 304.
    const err = await encodeJson(403, { error: "no" }, {}, {});
    expect((await encodeJson(403, { error: "no" }, {}, { ifNoneMatch: String(err.headers.etag) })).status).toBe(403);
  });
});
