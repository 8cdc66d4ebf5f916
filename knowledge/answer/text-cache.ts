// The readers of the answer pipeline see the same candidate sentences and clauses again on every
// question; a bounded cache per reader keeps their work to once per text and memory flat.
// Results are shared: callers copy before changing.
const CACHE_MAX = 20_000;

export function cachedByText<T>(read: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = read(s);
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(s, v);
    }
    return v as T;
  };
}
