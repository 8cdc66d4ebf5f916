// The rows every turn reads and that rarely change, kept in this process: who speaks (user, unit,
// role), their pending question, the office-set dates, and which conversation addresses were
// saved lately. Freshness across processes and replicas: migration 175 keeps a counter per group
// of tables (cache_epochs), moved by a trigger in the same transaction as any write, whoever
// writes; each turn reads the counters first (one small query instead of four) and drops the
// groups whose counter moved. A turn therefore sees every write committed before it started.
// Entries are capped (BoundedMap): memory stays flat however many people write.
import type { OfficeDate } from "../../knowledge/answer/office-dates";
import type { TurnUser } from "../turn";
import type { Db, DbQuery } from "./db";
import { BoundedMap } from "./bounded-map";

export interface PendingRow<T = unknown> {
  kind: string;
  payload: T;
  expires_at: Date;
}

type Group = "users" | "pending" | "office" | "addresses";

/** Entries per cached kind: beyond it the least recently used are read again from the store. */
export const TURN_CACHE_MAX = 10_000;

/**
 * An address saved again only after this long, or when what is stored would change: its
 * updated_at (most recently used first, for nudges) is that precise.
 */
export const ADDRESS_RESAVE_MS = 10 * 60_000;

const caches = new WeakMap<DbQuery, TurnCache>();

/** The turn cache of this database handle, when a conversation core keeps one. */
export function turnCacheOf(db: DbQuery): TurnCache | undefined {
  return caches.get(db);
}

/** One cache per database handle, shared by every core on it (each syncs it at its turns). */
export function turnCacheFor(db: Db): TurnCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new TurnCache(db)));
  return c;
}

export class TurnCache {
  private epochs = new Map<Group, string>();
  private readonly users = new BoundedMap<string, TurnUser | null>(TURN_CACHE_MAX);
  private readonly pending = new BoundedMap<string, PendingRow | null>(TURN_CACHE_MAX);
  private readonly addresses = new BoundedMap<string, { stored: string; at: number }>(TURN_CACHE_MAX);
  private office: OfficeDate[] | null = null;
  private officeRead: { epoch: string | undefined; dates: Promise<OfficeDate[]> } | null = null;
  /** The read of the counters now running, and the next one, not yet sent, that turns arriving meanwhile share. */
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /**
   * Reads the counters and drops what moved since the last turn: call once at the start of a turn.
   * Turns that arrive while a read runs share the next read, sent when it ends: still sent after
   * each of them arrived (so it sees every write committed before), one statement for all of them.
   */
  sync(): Promise<void> {
    if (this.next) return this.next;
    const next = this.running.then(
      () => this.read(),
      () => this.read(),
    );
    this.next = next;
    this.running = next;
    return next;
  }

  private async read(): Promise<void> {
    this.next = null;
    const rows = await this.db.query<{ name: Group; n: string }>("SELECT name, n::text AS n FROM cache_epochs");
    for (const r of rows) {
      if (this.epochs.get(r.name) === r.n) continue;
      this.epochs.set(r.name, r.n);
      if (r.name === "users") this.users.clear();
      else if (r.name === "pending") this.pending.clear();
      else if (r.name === "office") this.office = null;
      else this.addresses.clear();
    }
  }

  async user(channel: string, channelUserId: string, read: () => Promise<TurnUser | null>): Promise<TurnUser | null> {
    return this.through(this.users, `${channel}\u0000${channelUserId}`, "users", read);
  }

  async pendingRow(channel: string, channelUserId: string, read: () => Promise<PendingRow | null>): Promise<PendingRow | null> {
    return this.through(this.pending, `${channel}\u0000${channelUserId}`, "pending", read);
  }

  /** This process wrote the identity's pending question: the next read goes to the store. */
  forgetPending(channel: string, channelUserId: string): void {
    this.pending.delete(`${channel}\u0000${channelUserId}`);
  }

  /**
   * The office dates. Turns that need them while they are being read share that read when no
   * write moved their counter since it began (after a restart, every first turn read them at once).
   */
  async officeDates(read: () => Promise<OfficeDate[]>): Promise<OfficeDate[]> {
    if (this.office) return this.office;
    const epoch = this.epochs.get("office");
    const reading = this.officeRead;
    if (reading && reading.epoch === epoch) return reading.dates;
    const dates = read();
    const current = { epoch, dates };
    this.officeRead = current;
    try {
      const v = await dates;
      if (this.epochs.get("office") === epoch) this.office = v;
      return v;
    } finally {
      if (this.officeRead === current) this.officeRead = null;
    }
  }

  /** True when this address, as it would be stored, was saved less than ADDRESS_RESAVE_MS ago. */
  addressFresh(key: string, stored: string, nowMs: number): boolean {
    const a = this.addresses.get(key);
    return a !== undefined && a.stored === stored && nowMs - a.at >= 0 && nowMs - a.at < ADDRESS_RESAVE_MS;
  }

  addressSaved(key: string, stored: string, nowMs: number): void {
    this.addresses.set(key, { stored, at: nowMs });
  }

  forgetAddress(key: string): void {
    this.addresses.delete(key);
  }

  /** A read kept only when no newer counter was seen while it ran (it may predate that write). */
  private async through<V>(map: BoundedMap<string, V>, key: string, group: Group, read: () => Promise<V>): Promise<V> {
    if (map.has(key)) return map.get(key) as V;
    const epoch = this.epochs.get(group);
    const v = await read();
    if (this.epochs.get(group) === epoch) map.set(key, v);
    return v;
  }
}
