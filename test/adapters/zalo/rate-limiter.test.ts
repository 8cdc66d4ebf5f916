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
});
