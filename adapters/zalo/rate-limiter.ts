// Outgoing throttle for Zalo: one thread never gets messages faster than threadIntervalMs, and the
// account never sends faster than globalIntervalMs (Zalo blocks accounts that send in bursts).
// A thread's next slot is reserved once its previous message has gone out (a send delayed by a busy
// event loop never brings the next one closer); global slots are reserved at once, so a thread with
// a backlog does not hold up other threads (they take the free global slots).

export interface RateLimits {
  threadIntervalMs: number;
  globalIntervalMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { threadIntervalMs: 1_500, globalIntervalMs: 300 };

export class RateLimiter {
  /** Reserved send instants of the account, ascending. */
  private globalSlotsMs: number[] = [];
  private readonly lastByThreadMs = new Map<string, number>();
  /** Each thread's last pending acquire: the next one of that thread waits for it. */
  private readonly pendingByThread = new Map<string, Promise<void>>();

  constructor(
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    /** A monotonic clock: wall-clock adjustments must not shorten a wait. */
    private readonly nowMs: () => number = () => performance.now(),
    private readonly sleepMs: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a message to `thread` may be sent. */
  async acquire(thread: string): Promise<void> {
    const mine = (this.pendingByThread.get(thread) ?? Promise.resolve()).then(() => this.reserve(thread));
    this.pendingByThread.set(thread, mine);
    try {
      await mine;
    } finally {
      if (this.pendingByThread.get(thread) === mine) this.pendingByThread.delete(thread);
    }
  }

  private async reserve(thread: string): Promise<void> {
    const now = this.nowMs();
    const gap = this.limits.globalIntervalMs;
    this.globalSlotsMs = this.globalSlotsMs.filter((t) => t + gap > now);
    let slot = Math.max(now, (this.lastByThreadMs.get(thread) ?? Number.NEGATIVE_INFINITY) + this.limits.threadIntervalMs);
    // The earliest instant at least `gap` away from every reserved global slot.
    for (const taken of this.globalSlotsMs) {
      if (taken + gap <= slot) continue;
      if (slot + gap <= taken) break;
      slot = taken + gap;
    }
    this.globalSlotsMs.push(slot);
    this.globalSlotsMs.sort((a, b) => a - b);
    this.lastByThreadMs.set(thread, slot);
    if (this.lastByThreadMs.size > 10_000) this.forgetOld(now);
    // Timers may wake a little early; wait out the rest so the limit always holds.
    for (let left = slot - now; left > 0; left = slot - this.nowMs()) await this.sleepMs(Math.ceil(left));
    // The thread's next message counts from when this one actually goes out.
    this.lastByThreadMs.set(thread, Math.max(slot, this.nowMs()));
  }

  private forgetOld(now: number): void {
    for (const [thread, last] of this.lastByThreadMs) {
      if (last + this.limits.threadIntervalMs < now) this.lastByThreadMs.delete(thread);
    }
  }
}
