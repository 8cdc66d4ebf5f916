// Runs the Zalo listener only on the replica holding a database advisory lock (one listener per
// account; two would kick each other off). Others retry the lock, to take over if the holder dies.
// The lock lives on one connection: when that connection is lost (the server terminated it or
// restarted) the lock is gone too, so the holder stops its listener and asks for the lock again.
import type { Logger } from "pino";

/** Advisory lock key for the Zalo listener (any fixed 32-bit number, unique in this database). */
export const ZALO_LISTENER_LOCK = 520_001;

export interface LeaderOptions {
  /** Takes the lock; `onLost` is called when the lock's connection dies. */
  tryLock(onLost: (err: Error) => void): Promise<{ release(): Promise<void> } | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
  log: Logger;
  retryMs?: number;
  /** Wait before asking again after the lock was lost (default 1 s). */
  reacquireMs?: number;
  /** What runs under the lock, for the log lines (default "the Zalo listener"). */
  what?: string;
}

export function runWhenLeader(opts: LeaderOptions): { stop(): Promise<void>; readonly leader: boolean } {
  let lock: { release(): Promise<void> } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const what = opts.what ?? "the Zalo listener";

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void (running = attempt()), ms).unref();
  };

  const onLost = (err: Error) => {
    if (stopped || !lock) return;
    lock = null;
    opts.log.warn({ err: { code: (err as { code?: string }).code, message: err.message } }, `lost the lock of ${what} with its database connection; stopping it and asking again`);
    running = running
      .then(() => opts.stop())
      .catch((e: unknown) => opts.log.warn({ err: e }, `could not stop ${what}`))
      .then(() => schedule(opts.reacquireMs ?? 1000));
  };

  const attempt = async (): Promise<void> => {
    timer = undefined;
    try {
      lock = await opts.tryLock(onLost);
    } catch (err) {
      opts.log.warn({ err }, `could not ask for the lock of ${what}`);
    }
    if (stopped) {
      await lock?.release().catch(() => {});
      lock = null;
      return;
    }
    if (lock) {
      await opts.start();
      return;
    }
    opts.log.info(`another replica runs ${what}; standing by`);
    schedule(opts.retryMs ?? 60_000);
  };
  running = attempt();

  return {
    get leader() {
      return lock !== null;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
      if (lock) {
        await opts.stop();
        await lock.release().catch((err: unknown) => opts.log.warn({ err }, `could not release the lock of ${what}`));
        lock = null;
      }
    },
  };
}
