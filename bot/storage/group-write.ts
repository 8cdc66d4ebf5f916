// A group commit: writes asked for within `lingerMs` of each other, or while one statement runs, go
// out together in one statement, so many concurrent callers cost a few statements, not one each:
// on the embedded database every statement runs on the event loop that also answers chat. Each
// write is still done before its caller goes on.
export class GroupWrite<T extends { key: string }> {
  private queue: { item: T; done: (ours: boolean) => void; fail: (err: unknown) => void }[] = [];
  private running = false;
  /**
   * `write` stores a batch (at most 1,000 items) and returns the keys it applied to, for callers
   * that need to know (add resolves true for those); the others may return none.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<{ key: string }[]>,
    private readonly lingerMs: number,
  ) {}

  add(item: T): Promise<boolean> {
    return new Promise((done, fail) => {
      this.queue.push({ item, done, fail });
      if (this.running) return;
      this.running = true;
      setTimeout(() => void this.flush(), this.lingerMs);
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, 1000);
      try {
        const ours = new Set((await this.write(batch.map((b) => b.item))).map((r) => r.key));
        for (const b of batch) b.done(ours.has(b.item.key));
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
    this.running = false;
  }
}
