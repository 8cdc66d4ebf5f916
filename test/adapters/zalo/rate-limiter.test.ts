import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimiter } from "../../../adapters/zalo/rate-limiter";

describe("RateLimiter", () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it("spaces messages to one thread by the thread interval, and all messages by the global one", async () => {
    const limiter = new RateLimiter({ threadIntervalMs: 1000, globalIntervalMs: 200 }, () => Date.now());
    const times: [string, number][] = [];
    const send = (thread: string) => limiter.acquire(thread).then(() => times.push([thread, Date.now()]));
    const all = Promise.all([send("a"), send("a"), send("b"), send("a"), send("c")]);
    await vi.runAllTimersAsync();
    await all;
    const t0 = 1_000_000;
    expect(times).toEqual([
      ["a", t0],
      ["b", t0 + 200],
      ["c", t0 + 400],
      ["a", t0 + 1000],
      ["a", t0 + 2000],
    ]);
  });


  it("counts a thread's next message from when a late one actually went out", async () => {
    // A busy event loop wakes the first waiter 8 ms late; the next message still waits the full interval.
    let late = 8;
    const sleep = (ms: number) => {
      const extra = late;
      late = 0;
      return new Promise<void>((r) => setTimeout(r, ms + extra));
    };
    const limiter = new RateLimiter({ threadIntervalMs: 150, globalIntervalMs: 20 }, () => Date.now(), sleep);
    const times: number[] = [];
    const send = () => limiter.acquire("a").then(() => times.push(Date.now()));
    const all = Promise.all([send(), send(), send()]);
    await vi.runAllTimersAsync();
    await all;
    expect(times.map((t) => t - 1_000_000)).toEqual([0, 158, 308]);
  });
});
