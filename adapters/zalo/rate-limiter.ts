// Outgoing throttle for Zalo: one thread never gets messages faster than threadIntervalMs, and the
// account never sends faster than globalIntervalMs (Zalo blocks accounts that send in bursts).
// Slots are reserved synchronously, so callers are served in order and both limits always hold.

export interface RateLimits {
  threadIntervalMs: number;
  globalIntervalMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { threadIntervalMs: 1_500, globalIntervalMs: 300 };

export class RateLimiter {
  private lastGlobalMs = Number.NEGATIVE_INFINITY;
  private readonly lastByThreadMs = new Map<string, number>();

  constructor(
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    private readonly nowMs: () => number = Date.now,
    private readonly sleepMs: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a message to `thread` may be sent. */
  async acquire(thread: string): Promise<void> {
    const now = this.nowMs();
    const threadLast = this.lastByThreadMs.get(thread) ?? Number.NEGATIVE_INFINITY;
    const slot = Math.max(now, threadLast + this.limits.threadIntervalMs, this.lastGlobalMs + this.limits.globalIntervalMs);
    this.lastByThreadMs.set(thread, slot);
    this.lastGlobalMs = slot;
    if (this.lastByThreadMs.size > 10_000) this.forgetOld(now);
    if (slot > now) await this.sleepMs(slot - now);
  }

  private forgetOld(now: number): void {
    for (const [thread, last] of this.lastByThreadMs) {
      if (last + this.limits.threadIntervalMs < now) this.lastByThreadMs.delete(thread);
    }
  }
}
