import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "../../../adapters/zalo/backoff";

describe("backoffDelayMs", () => {
  const opts = { baseDelayMs: 1000, maxDelayMs: 10_000 };
  it("doubles per attempt, in milliseconds, between half and all of the step", () => {
    expect(backoffDelayMs(1, opts, () => 0)).toBe(500);
    expect(backoffDelayMs(1, opts, () => 1)).toBe(1000);
    expect(backoffDelayMs(2, opts, () => 0)).toBe(1000);
    expect(backoffDelayMs(2, opts, () => 1)).toBe(2000);
    expect(backoffDelayMs(3, opts, () => 0.5)).toBe(3000);
  });
  it("is capped at maxDelayMs", () => {
    expect(backoffDelayMs(30, opts, () => 1)).toBe(10_000);
  });
});
