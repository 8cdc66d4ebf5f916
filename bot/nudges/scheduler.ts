// The nudge scheduler: ticks every minute in the server process (clock injected). Each tick first
// retries failed rows and takes over abandoned claims, then, on a working day from NUDGE_HOUR on,
// plans the due nudges and coordinator summaries, claims each and sends it.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import pino, { type Logger } from "pino";
import { localDate } from "../../knowledge/occurrences";
import { nudgeOffsets, type Config } from "../config";
import type { ChannelName, ProactiveSender } from "../messages";
import type { Db } from "../storage/db";
import { loadCalendar, type WorkingCalendar } from "./calendar";
import { claimMany, deliverAll, deliverBatches, reclaimPending, DEFAULT_DELIVERY, type DeliveryOptions, type DeliveryOutcome, type Senders } from "./delivery";
import { loadNudgeState } from "./nudge-state";
import {
  DEFAULT_CATCH_UP_DAYS,
  DEFAULT_ESCALATION_DAYS,
  isSendingTime,
  planEscalations,
  planNudges,
  type NudgeRules,
  type PlannedMessage,
} from "./planner";

/** Planned messages claimed in one statement, then sent opts.delivery.concurrency at a time. */
const CLAIM_BATCH = 500;

export interface NudgeSchedulerOptions {
  db: Db;
  /** The channels' proactive senders (adapters/server.ts passes its map). */
  senders: ReadonlyMap<ChannelName, ProactiveSender> | readonly ProactiveSender[];
  config: Config;
  /** The clock; tests pass a fake one. Default: the system clock. */
  clock?: () => Date;
  log?: Logger;
  /** Default: built-in holidays.json + HOLIDAYS_FILE. */
  calendar?: WorkingCalendar;
  delivery?: Partial<DeliveryOptions>;
  catchUpDays?: number;
  escalationDays?: number;
  /** Default 60 000 (a tick a minute). */
  tickMs?: number;
  /** Called after each timer tick with its report (or its error): for metrics, and for tests to await ticks. */
  onTick?: (r: TickReport | Error) => void;
  /**
   * Planning (reading the whole nudge state) runs at the first tick of a day from NUDGE_HOUR on,
   * then at most this often (default 5 min); retries run at every tick.
   */
  planEveryMs?: number;
}

export interface TickReport {
  /** Rows retried or taken over from a dead process. */
  recovered: number;
  planned: number;
  claimed: number;
  outcomes: Record<DeliveryOutcome, number>;
}

function toMap(s: NudgeSchedulerOptions["senders"]): Senders {
  if (s instanceof Map) return s;
  return new Map((s as readonly ProactiveSender[]).map((x) => [x.channel, x]));
}

export function nudgeRules(config: Config, calendar: WorkingCalendar, opts: { catchUpDays?: number; escalationDays?: number } = {}): NudgeRules {
  return {
    calendar,
    hour: config.NUDGE_HOUR,
    offsets: nudgeOffsets(config),
    catchUpDays: opts.catchUpDays ?? DEFAULT_CATCH_UP_DAYS,
    escalationDays: opts.escalationDays ?? DEFAULT_ESCALATION_DAYS,
  };
}

export class NudgeScheduler {
  readonly rules: NudgeRules;
  readonly delivery: DeliveryOptions;
  private readonly senders: Senders;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private running: Promise<TickReport> | null = null;
  private lastPlan: { date: string; at: number } | null = null;
  /** No planning before this time (ms): set by start(). */
  private planFrom = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: NudgeSchedulerOptions) {
    this.rules = nudgeRules(opts.config, opts.calendar ?? loadCalendar(opts.config.HOLIDAYS_FILE), opts);
    this.delivery = {
      ...DEFAULT_DELIVERY,
      workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
      ...opts.delivery,
    };
    if (this.delivery.sendTimeoutMs >= this.delivery.leaseMs) {
      throw new Error(`Nudge delivery: sendTimeoutMs (${this.delivery.sendTimeoutMs}) must be below leaseMs (${this.delivery.leaseMs}), or a slow send could be taken over and sent twice.`);
    }
    this.senders = toMap(opts.senders);
    this.clock = opts.clock ?? (() => new Date());
    this.log = (opts.log ?? pino({ level: "silent" })).child({ module: "nudges", worker: this.delivery.workerId });
  }

  /** What a tick at `now` would claim, without writing anything (the --dry-run). */
  async plan(now: Date = this.clock()): Promise<PlannedMessage[]> {
    if (!isSendingTime(now, this.rules)) return [];
    const state = await loadNudgeState(this.opts.db, localDate(now));
    return [...planNudges(state, now, this.rules), ...planEscalations(state, now, this.rules)];
  }

  /** One tick; a tick still running when the next is due makes that one a no-op. */
  tick(now: Date = this.clock()): Promise<TickReport> {
    if (this.running) return this.running.then(() => emptyReport());
    this.running = this.runTick(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runTick(now: Date): Promise<TickReport> {
    const report = emptyReport();
    const db = this.opts.db;
    const recovered = await reclaimPending(db, now, this.delivery);
    report.recovered = recovered.length;
    for (const o of await deliverAll(db, this.senders, recovered, now, this.delivery, this.log)) report.outcomes[o]++;
    const today = localDate(now);
    const every = this.opts.planEveryMs ?? 5 * 60_000;
    const planNow = now.getTime() >= this.planFrom && isSendingTime(now, this.rules) && (this.lastPlan?.date !== today || now.getTime() - this.lastPlan.at >= every || now.getTime() < this.lastPlan.at);
    const planned = planNow ? await this.plan(now) : [];
    if (planNow) this.lastPlan = { date: today, at: now.getTime() };
    report.planned = planned.length;
    // Claimed a batch at a time, just before its sends: a claim is a promise to send soon, and
    // another replica can take the rest meanwhile.
    let i = 0;
    const nextBatch = async () => {
      if (i >= planned.length) return null;
      const rows = await claimMany(db, planned.slice(i, (i += CLAIM_BATCH)), this.delivery.workerId);
      report.claimed += rows.length;
      return rows;
    };
    await deliverBatches(db, this.senders, nextBatch, now, this.delivery, this.log, (_row, o) => report.outcomes[o]++, planned.length > 1 ? undefined : 0);
    if (report.claimed || report.recovered) this.log.info({ ...report, at: now.toISOString() }, "nudge tick");
    return report;
  }

  start(): void {
    if (this.timer) return;
    const every = this.opts.tickMs ?? 60_000;
    const tick = () => {
      this.tick().then(
        (r) => this.opts.onTick?.(r),
        (err: unknown) => {
          this.log.error({ err }, "nudge tick failed; the next tick retries");
          this.opts.onTick?.(err instanceof Error ? err : new Error(String(err)));
        },
      );
    };
    this.timer = setInterval(tick, every);
    this.timer.unref();
    // At once, so a restart does not wait a minute to take over abandoned claims; planning (reading
    // the whole nudge state, most of a second at 1,000 plans) waits for the timer's first tick: the
    // readiness check and the first turns after a restart go first.
    this.planFrom = this.clock().getTime() + every / 2;
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}

function emptyReport(): TickReport {
  return { recovered: 0, planned: 0, claimed: 0, outcomes: { sent: 0, failed: 0, dead: 0, skipped: 0, lost: 0 } };
}

/** Starts ticking every minute (the server calls this when NUDGES_ENABLED); stop() waits for the current tick. */
export function startNudgeScheduler(opts: NudgeSchedulerOptions): { scheduler: NudgeScheduler; stop(): Promise<void> } {
  const scheduler = new NudgeScheduler(opts);
  scheduler.start();
  return { scheduler, stop: () => scheduler.stop() };
}
