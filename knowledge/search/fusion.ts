// Reciprocal rank fusion: each ranked list adds 1 / (k + rank) to the items it holds.

/** Fused scores of the items of several best-first lists; k = 60 as in Cormack et al. (2009). */
export function reciprocalRankFusion<T>(lists: readonly (readonly T[])[], k = 60, weights?: readonly number[]): Map<T, number> {
  const out = new Map<T, number>();
  lists.forEach((list, li) => {
    const w = weights?.[li] ?? 1;
    list.forEach((item, rank) => out.set(item, (out.get(item) ?? 0) + w / (k + rank + 1)));
  });
  return out;
}
