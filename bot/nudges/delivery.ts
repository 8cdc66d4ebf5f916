// Exactly-once delivery of nudge_log rows. A row is claimed before anything is sent: the INSERT
// ... ON CONFLICT DO NOTHING on its unique key is won by one scheduler only, also across replicas
// on one PostgreSQL. Then it is sent to the user's live addresses and marked sent. A channel
// failure is retried with backoff; a claim left behind by a process that died before sending is
// taken over once its lease has expired (so a live scheduler's claim is never taken over).
// Claims and leases use the database's clock at the moment of the statement (clock_timestamp()),
// never the tick's `now`: a long tick or a replica whose clock is off cannot make a fresh claim
// look abandoned. Just before the channel is called the row becomes 'sending'; a 'sending' row
// whose process died may have reached the user, so it is given up, never sent a second time.
import type { Logger } from "pino";
import { localDate } from "../../knowledge/occurrences";
import { markAddressDead } from "../addresses";
import { DeadAddressError, type ChannelName, type ConversationAddress, type ProactiveSender } from "../messages";
import type { DbQuery } from "../storage/db";
import { DONE_STATUS } from "./nudge-state";
import type { Payload, PlannedMessage } from "./planner";
import { renderPayload } from "./text";
import { GroupWrite } from "../storage/group-write";

export interface DeliveryOptions {
  /** Who claims: unique per scheduler instance (host:pid:random by default). */
  workerId: string;
  /** A claim older than this, not sent, is taken to belong to a dead process. */
  leaseMs: number;
  /** Sends tried per row (claims included) before it is given up as 'dead'. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one, up to retryMaxDelayMs. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** A send that takes longer counts as failed; must stay well below leaseMs. */
  sendTimeoutMs: number;
  /** Sends in flight at once (a channel's latency, not this process, bounds a morning's wave). */
  concurrency: number;
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, "workerId"> = {
  leaseMs: 10 * 60_000,
  maxAttempts: 6,
  retryBaseDelayMs: 60_000,
  retryMaxDelayMs: 60 * 60_000,
  sendTimeoutMs: 60_000,
  concurrency: 64,
};

export type Senders = ReadonlyMap<ChannelName, ProactiveSender>;

export type DeliveryOutcome = "sent" | "failed" | "dead" | "skipped" | "lost";

/** A claimed row, ready to send. */
export interface ClaimedRow {
  key: string;
  userId: number;
  kind: "nudge" | "escalation";
  payload: Payload;
  /** Attempts including this one. */
  attempts: number;
}

/** Wait before the next try after `attempts` failed tries: base, 2x base, 4x base... capped. */
export function retryDelayMs(attempts: number, opts: Pick<DeliveryOptions, "retryBaseDelayMs" | "retryMaxDelayMs">): number {
  return Math.min(opts.retryBaseDelayMs * 2 ** Math.max(0, attempts - 1), opts.retryMaxDelayMs);
}

/** Inserts the row as claimed by this worker; null when the key is already taken (by anyone, at any time). */
export async function claim(db: DbQuery, m: PlannedMessage, _now: Date, workerId: string): Promise<ClaimedRow | null> {
  const rows = await db.query<{ key: string }>(
    `INSERT INTO nudge_log (key, user_id, plan_id, obligation_id, occurrence, offset_days, status, attempts, claimed_by, claimed_at, kind, payload)
     VALUES ($1, $2, $3, $4, $5, $6, 'claimed', 1, $7, clock_timestamp(), $8, $9::jsonb)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [m.key, m.userId, m.planId, m.obligationId, m.occurrence, m.offsetDays, workerId, m.kind, JSON.stringify(m.payload)],
  );
  return rows.length ? { key: m.key, userId: m.userId, kind: m.kind, payload: m.payload, attempts: 1 } : null;
}

/** claim() for many messages in one statement: the rows this worker won, in the order given. */
export async function claimMany(db: DbQuery, ms: readonly PlannedMessage[], workerId: string): Promise<ClaimedRow[]> {
  if (ms.length === 0) return [];
  const won = await db.query<{ key: string }>(
    `INSERT INTO nudge_log (key, user_id, plan_id, obligation_id, occurrence, offset_days, status, attempts, claimed_by, claimed_at, kind, payload)
     SELECT key, user_id, plan_id, obligation_id, occurrence, offset_days, 'claimed', 1, $9, clock_timestamp(), kind, payload
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::date[], $6::int[], $7::text[], $8::jsonb[])
         AS m(key, user_id, plan_id, obligation_id, occurrence, offset_days, kind, payload)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [
      ms.map((m) => m.key),
      ms.map((m) => m.userId),
      ms.map((m) => m.planId),
      ms.map((m) => m.obligationId),
      ms.map((m) => m.occurrence),
      ms.map((m) => m.offsetDays),
      ms.map((m) => m.kind),
      ms.map((m) => JSON.stringify(m.payload)),
      workerId,
    ],
  );
  const keys = new Set(won.map((r) => r.key));
  return ms.filter((m) => keys.has(m.key)).map((m) => ({ key: m.key, userId: m.userId, kind: m.kind, payload: m.payload, attempts: 1 }));
}

/**
 * Takes over rows due for another try: failed rows whose next_attempt_at has come, and claims
 * whose lease expired (their process died between claim and send). Each row goes to one worker.
 */
export async function reclaimPending(db: DbQuery, now: Date, opts: DeliveryOptions, limit = 200): Promise<ClaimedRow[]> {
  const lease = `${Math.max(1, Math.round(opts.leaseMs))} milliseconds`;
  // Stale claims that used up their attempts are given up rather than sent again; a stale
  // 'sending' row may have been delivered by the process that died, so it is never sent again.
  await db.query(
    `UPDATE nudge_log SET status = 'dead', last_error = COALESCE(last_error, 'claimed but never sent') || ' (gave up)'
      WHERE status = 'claimed' AND claimed_at < clock_timestamp() - $1::interval AND attempts >= $2`,
    [lease, opts.maxAttempts],
  );
  await db.query(
    `UPDATE nudge_log SET status = 'dead', last_error = 'the sender stopped during the send; it may have arrived, so it is not sent again'
      WHERE status = 'sending' AND claimed_at < clock_timestamp() - $1::interval`,
    [lease],
  );
  // Failed rows wait for next_attempt_at, which was set from the tick's clock like `now`.
  const rows = await db.query<{ key: string; user_id: number; kind: "nudge" | "escalation"; payload: Payload; attempts: number }>(
    `UPDATE nudge_log SET status = 'claimed', claimed_by = $1, claimed_at = clock_timestamp(), attempts = attempts + 1
      WHERE key IN (
        SELECT key FROM nudge_log
         WHERE ((status = 'failed' AND next_attempt_at <= $2) OR (status = 'claimed' AND claimed_at < clock_timestamp() - $3::interval)) AND attempts < $4
         ORDER BY key LIMIT $5 FOR UPDATE SKIP LOCKED)
        AND ((status = 'failed' AND next_attempt_at <= $2) OR (status = 'claimed' AND claimed_at < clock_timestamp() - $3::interval)) AND attempts < $4
      RETURNING key, user_id, kind, payload, attempts`,
    [opts.workerId, now, lease, opts.maxAttempts, limit],
  );
  return rows.map((r) => ({ key: r.key, userId: r.user_id, kind: r.kind, payload: r.payload, attempts: r.attempts }));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface Outcome {
  key: string;
  status: "sent" | "failed" | "dead" | "skipped";
  lastError: string | null;
  /** For 'failed': when to try again. */
  nextAttemptAt: Date | null;
}

const MARK_LINGER_MS = 20;

/** The row marks of one worker's deliveries at `now`: 'sending' just before a send, then the outcome. */
export class Marks {
  private readonly sendingWrites: GroupWrite<{ key: string }>;
  private readonly outcomeWrites: GroupWrite<Outcome>;

  constructor(db: DbQuery, workerId: string, now: Date, lingerMs = 0) {
    this.sendingWrites = new GroupWrite((rows) =>
      db.query<{ key: string }>(
        `UPDATE nudge_log SET status = 'sending', claimed_at = clock_timestamp()
          WHERE key = ANY($1::text[]) AND claimed_by = $2 AND status IN ('claimed', 'sending') RETURNING key`,
        [rows.map((r) => r.key), workerId],
      ),
      lingerMs,
    );
    this.outcomeWrites = new GroupWrite((rows) =>
      db.query<{ key: string }>(
        `UPDATE nudge_log n SET status = x.status, last_error = x.last_error,
                sent_at = CASE WHEN x.status = 'sent' THEN $5::timestamptz ELSE n.sent_at END,
                next_attempt_at = CASE WHEN x.status = 'failed' THEN x.next_attempt_at ELSE n.next_attempt_at END
           FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS x(key, status, last_error, next_attempt_at)
          WHERE n.key = x.key AND n.claimed_by = $6 AND n.status IN ('claimed', 'sending') RETURNING n.key`,
        [rows.map((r) => r.key), rows.map((r) => r.status), rows.map((r) => r.lastError), rows.map((r) => r.nextAttemptAt?.toISOString() ?? null), now.toISOString(), workerId],
      ),
      lingerMs,
    );
  }

  /** Just before the channel is called: still ours, and now 'sending' (false: taken over, do not send). */
  sending(row: ClaimedRow): Promise<boolean> {
    return this.sendingWrites.add({ key: row.key });
  }

  /** Marks the row's outcome unless another worker has taken it over meanwhile (false: 'lost'). */
  finish(row: ClaimedRow, status: Outcome["status"], lastError: string | null = null, nextAttemptAt: Date | null = null): Promise<boolean> {
    return this.outcomeWrites.add({ key: row.key, status, lastError, nextAttemptAt });
  }
}

/** What deliver() needs to know of a row just before it: why it should no longer go out, or where to. */
export interface RowCheck {
  /** Done or muted since it was planned, or the user deleted; null: send it. */
  skip: string | null;
  /** The user's live addresses, most recent first. */
  addresses: ConversationAddress[];
}

/** check() for many rows in one query (no query per row): keyed by the row's key. */
export async function check(db: DbQuery, rows: readonly ClaimedRow[]): Promise<Map<string, RowCheck>> {
  const nudge = (r: ClaimedRow) => (r.payload.kind === "nudge" ? r.payload : null);
  const found = await db.query<{ key: string; gone: boolean; muted: boolean; obligation_muted: boolean; done: boolean; addresses: ConversationAddress[] }>(
    `SELECT x.key, u.id IS NULL AS gone, COALESCE(u.nudges_muted, false) AS muted,
            EXISTS (SELECT 1 FROM nudge_mutes m WHERE m.user_id = x.user_id AND m.plan_id = x.plan_id AND m.obligation_id = x.obligation_id) AS obligation_muted,
            EXISTS (SELECT 1 FROM report_entries e
                     WHERE e.unit_id = u.unit_id AND e.plan_id = x.plan_id AND e.obligation_id = x.obligation_id AND e.period = x.period
                       AND e.status = $6 AND e.withdrawn_at IS NULL) AS done,
            COALESCE((SELECT json_agg(json_build_object('channel', a.channel, 'conversationKey', a.conversation_key, 'channelUserId', a.channel_user_id, 'data', a.data)
                                      ORDER BY a.updated_at DESC)
                        FROM addresses a WHERE a.user_id = x.user_id AND NOT a.dead), '[]'::json) AS addresses
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS x(key, user_id, plan_id, obligation_id, period)
       LEFT JOIN users u ON u.id = x.user_id`,
    [
      rows.map((r) => r.key),
      rows.map((r) => r.userId),
      rows.map((r) => nudge(r)?.planId ?? null),
      rows.map((r) => nudge(r)?.obligationId ?? null),
      rows.map((r) => nudge(r)?.periodKey ?? null),
      DONE_STATUS,
    ],
  );
  const out = new Map<string, RowCheck>();
  for (const f of found) {
    const skip = f.gone ? "user deleted" : f.muted || f.obligation_muted ? "muted before it was sent" : f.done ? "done before it was sent" : null;
    out.set(f.key, { skip, addresses: f.addresses });
  }
  return out;
}

/**
 * Sends a claimed row to the user's live addresses, most recent first, until one works. A dead
 * address is marked dead and the next one tried; other failures schedule a retry with backoff.
 */
export async function deliver(
  db: DbQuery,
  senders: Senders,
  row: ClaimedRow,
  now: Date,
  opts: DeliveryOptions,
  log?: Logger,
  shared?: { checked?: RowCheck; marks?: Marks },
): Promise<DeliveryOutcome> {
  const { skip, addresses } = shared?.checked ?? (await check(db, [row])).get(row.key)!;
  const marks = shared?.marks ?? new Marks(db, opts.workerId, now);
  if (skip) return (await marks.finish(row, "skipped", skip)) ? "skipped" : "lost";
  const messages = renderPayload(row.payload, localDate(now));
  let lastError: string | null = null;
  for (const address of addresses) {
    const sender = senders.get(address.channel);
    if (!sender) continue;
    if (!(await marks.sending(row))) return "lost";
    try {
      await withTimeout(sender.send(address, messages), opts.sendTimeoutMs);
      const ok = await marks.finish(row, "sent");
      log?.info({ key: row.key, channel: address.channel, attempts: row.attempts }, ok ? "nudge sent" : "nudge sent, but another worker had taken the claim over");
      return ok ? "sent" : "lost";
    } catch (err) {
      if (err instanceof DeadAddressError) {
        await markAddressDead(db, address.channel, address.conversationKey);
        log?.warn({ key: row.key, channel: address.channel, reason: err.message }, "address is dead; trying the next one");
        continue;
      }
      lastError = `${address.channel}: ${(err as Error).message ?? String(err)}`.slice(0, 500);
      log?.warn({ key: row.key, channel: address.channel, attempts: row.attempts, err: lastError }, "nudge send failed");
    }
  }
  if (lastError === null) return (await marks.finish(row, "skipped", "no live address on a channel this server can send to")) ? "skipped" : "lost";
  if (row.attempts >= opts.maxAttempts) return (await marks.finish(row, "dead", `${lastError} (gave up after ${row.attempts} attempts)`)) ? "dead" : "lost";
  const next = new Date(now.getTime() + retryDelayMs(row.attempts, opts));
  return (await marks.finish(row, "failed", lastError, next)) ? "failed" : "lost";
}

/**
 * Delivers claimed rows, up to opts.concurrency at once: one query checks them all, then each is
 * marked 'sending', sent and marked as deliver() does, the marks of concurrent rows written
 * together. Outcomes in the order of `rows`.
 */
export async function deliverAll(db: DbQuery, senders: Senders, rows: readonly ClaimedRow[], now: Date, opts: DeliveryOptions, log?: Logger): Promise<DeliveryOutcome[]> {
  if (rows.length === 0) return [];
  const outcomes: DeliveryOutcome[] = new Array(rows.length);
  const index = new Map(rows.map((r, i) => [r.key, i]));
  let given = false;
  await deliverBatches(db, senders, async () => (given ? null : ((given = true), rows)), now, opts, log, (row, o) => (outcomes[index.get(row.key)!] = o), rows.length > 1 ? MARK_LINGER_MS : 0);
  return outcomes;
}

/**
 * Delivers the batches `next` gives (claimed rows; null when there are no more) with
 * opts.concurrency lanes that do not wait for each other at a batch's end: the next batch is
 * claimed and checked while the last rows of the current one are still being sent, so a wave of
 * many batches keeps every lane busy instead of draining and refilling at each one.
 */
export async function deliverBatches(
  db: DbQuery,
  senders: Senders,
  next: () => Promise<readonly ClaimedRow[] | null>,
  now: Date,
  opts: DeliveryOptions,
  log: Logger | undefined,
  onOutcome: (row: ClaimedRow, outcome: DeliveryOutcome) => void,
  // Marks wait up to 20 ms for others: a nudge goes out 20 ms later, and a wave costs a statement
  // per few dozen nudges instead of one per nudge.
  lingerMs = MARK_LINGER_MS,
): Promise<void> {
  const marks = new Marks(db, opts.workerId, now, lingerMs);
  const lanes = Math.max(1, opts.concurrency);
  const queue: { row: ClaimedRow; checked: RowCheck | undefined }[] = [];
  let done = false;
  let failure: { err: unknown } | null = null;
  let filling: Promise<void> | null = null;
  // A failed claim or check ends the wave after the rows already claimed are delivered.
  const fill = (): Promise<void> =>
    (filling ??= (async () => {
      try {
        const rows = await next();
        if (rows === null) {
          done = true;
          return;
        }
        const checked = rows.length ? await check(db, rows) : new Map<string, RowCheck>();
        for (const row of rows) queue.push({ row, checked: checked.get(row.key) });
      } catch (err) {
        failure ??= { err };
        done = true;
      }
    })().finally(() => (filling = null)));
  const lane = async (): Promise<void> => {
    for (;;) {
      // Fetch ahead while a lane's worth of rows is still queued.
      if (!done && queue.length <= lanes) void fill();
      const item = queue.shift();
      if (!item) {
        if (done) return;
        await fill();
        continue;
      }
      onOutcome(item.row, await deliver(db, senders, item.row, now, opts, log, { checked: item.checked, marks }));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure) throw (failure as { err: unknown }).err;
}
