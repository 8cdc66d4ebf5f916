// Exponential backoff with jitter for reconnecting the Zalo listener. Units are in the names.

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1-based): the exponential step capped at maxDelayMs, then
 * "equal jitter" (half fixed, half random) so several replicas or accounts do not retry in step.
 */
export function backoffDelayMs(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const stepMs = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(stepMs / 2 + random() * (stepMs / 2));
}
