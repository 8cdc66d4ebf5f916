// A Map with a size cap that forgets the least recently used key first: every per-user memory of
// the process (cached rows, sessions, throttles) stays bounded however many people write.

export class BoundedMap<K, V> {
  private readonly m = new Map<K, V>();

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new Error(`BoundedMap needs a size above 0 (got ${max}).`);
  }

  get size(): number {
    return this.m.size;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(k: K): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }

  has(k: K): boolean {
    return this.m.has(k);
  }

  set(k: K, v: V): this {
    this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as K);
    return this;
  }

  delete(k: K): boolean {
    return this.m.delete(k);
  }

  clear(): void {
    this.m.clear();
  }
}
