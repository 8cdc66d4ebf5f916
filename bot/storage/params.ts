// PostgreSQL text and jsonb cannot hold the NUL character (22021 / 22P05): a note that contains one
// would fail the whole update. NUL carries no meaning in chat text, so it is dropped from every
// string parameter, and its JSON escape from JSON strings, before a query reaches either engine.

// A \u0000 escape preceded by an even number of backslashes (so "\\u0000" typed literally stays).
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

function clean(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (!v.includes("\u0000") && !v.includes("\\u0000")) return v;
  return v.replace(/\u0000/g, "").replace(JSON_NUL, "$1");
}

export function cleanParams(params: unknown[] | undefined): unknown[] | undefined {
  if (!params) return params;
  return params.some((p) => typeof p === "string") ? params.map(clean) : params;
}
