// How a replica runs the Zalo bot. Webhook mode: every replica registers the webhook and answers
// the calls it receives. Polling mode: one getUpdates loop per bot token, so only the replica holding
// the advisory lock polls (the zca-js listener's leader election, with a lock key of its own so both
// Zalo channels can run at once); the others stand by and take over if it dies.
import type { Logger } from "pino";
import { runWhenLeader } from "../zalo/leader";
import type { ZaloBotChannel } from "./channel";

/** Advisory lock key of the Zalo bot poller (the zca-js listener uses 520 001). */
export const ZALO_BOT_POLLER_LOCK = 520_002;

export interface RunZaloBotOptions {
  tryLock(key: number, onLost?: (err: Error) => void): Promise<{ release(): Promise<void> } | null>;
  log: Logger;
  /** How often a standby replica asks for the lock again (default 60 s). */
  retryMs?: number;
}

export function runZaloBot(channel: ZaloBotChannel, opts: RunZaloBotOptions): { stop(): Promise<void> } {
  if (channel.mode === "webhook") {
    const started = channel.start();
    return {
      async stop() {
        await channel.stop();
        await started;
      },
    };
  }
  return runWhenLeader({
    tryLock: (onLost) => opts.tryLock(ZALO_BOT_POLLER_LOCK, onLost),
    start: () => channel.start(),
    stop: () => channel.stop(),
    log: opts.log.child({ channel: "zalo-bot" }),
    retryMs: opts.retryMs,
    what: "the Zalo bot poller",
  });
}
