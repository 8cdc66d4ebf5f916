// Runs the Zalo listener only on the replica holding a database advisory lock (one listener per
// account; two would kick each other off). Others retry the lock, to take over if the holder dies.
import type { Logger } from "pino";

/** Advisory lock key for the Zalo listener (any fixed 32-bit number, unique in this database). */
export const ZALO_LISTENER_LOCK = 520_001;

export interface LeaderOptions {
  tryLock(): Promise<{ release(): Promise<void> } | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
  log: Logger;
  retryMs?: number;
  /** What runs under the lock, for the log lines (default "the Zalo listener"). */
  what?: string;
}

export function runWhenLeader(opts: LeaderOptions): { stop(): Promise<void> } {
  let lock: { release(): Promise<void> } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const what = opts.what ?? "the Zalo listener";

  const attempt = async (): Promise<void> => {
    timer = undefined;
    try {
      lock = await opts.tryLock();
    } catch (err) {
      opts.log.warn({ err }, `could not ask for the lock of ${what}`);
    }
    if (stopped) return;
    if (lock) {
      await opts.start();
      return;
    }
    opts.log.info(`another replica runs ${what}; standing by`);
    timer = setTimeout(() => void attempt(), opts.retryMs ?? 60_000).unref();
  };
  const first = attempt();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await first.catch(() => {});
      if (lock) {
        await opts.stop();
        await lock.release().catch((err: unknown) => opts.log.warn({ err }, `could not release the lock of ${what}`));
        lock = null;
      }
    },
  };
}
