// Units (phòng, ban, xã...): from the plans' responsible names and from admins.
import { key } from "../../knowledge/vietnamese";
import type { Db, DbQuery } from "../storage/db";
import { linkCoveredUnits } from "./unit-links";
import { parseCollective } from "./unit-coverage";

export interface Unit {
  id: number;
  name: string;
  source: "plan" | "admin";
  /** A collective name from a plan ("Ủy ban nhân dân các phường, xã"), not one office. */
  collective: boolean;
}

const UNIT_COLUMNS = "id, name, source, collective";

export function unitKey(name: string): string {
  return key(name).replace(/[.,;:]+$/g, "");
}

function isDb(q: DbQuery): q is Db {
  return typeof (q as Partial<Db>).transaction === "function";
}

/**
 * The unit with this name (case and diacritics ignored), creating it when missing. A new unit is
 * linked (obligation_units) to every obligation whose responsible name covers it, in the same
 * transaction, unless `link: false` (the plan ingest links in bulk).
 */
export async function ensureUnit(q: DbQuery, name: string, source: "plan" | "admin", o: { link?: boolean } = {}): Promise<Unit & { created: boolean }> {
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean) throw new Error("A unit needs a name.");
  const run = async (tx: DbQuery): Promise<Unit & { created: boolean }> => {
    const created = await tx.query<{ id: number }>(
      "INSERT INTO units (name, name_key, source, collective) VALUES ($1, $2, $3, $4) ON CONFLICT (name_key) DO NOTHING RETURNING id",
      [clean, unitKey(clean), source, parseCollective(clean) !== null],
    );
    if (created.length && o.link !== false) await linkCoveredUnits(tx, { unitIds: [created[0].id] });
    const [u] = await tx.query<Unit>(`SELECT ${UNIT_COLUMNS} FROM units WHERE name_key = $1`, [unitKey(clean)]);
    return { ...u, created: created.length > 0 };
  };
  return isDb(q) && o.link !== false ? q.transaction(run) : run(q);
}

/** ensureUnit for many plan names at once, without linking (the plan ingest links in bulk); returns the ids created. */
export async function ensureUnits(q: DbQuery, names: readonly string[]): Promise<number[]> {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const clean = name.replace(/\u0000/g, "").replace(/\s+/g, " ").trim();
    const k = clean && unitKey(clean);
    if (k && !byKey.has(k)) byKey.set(k, clean);
  }
  if (byKey.size === 0) return [];
  const clean = [...byKey.values()];
  const rows = await q.query<{ id: number }>(
    `INSERT INTO units (name, name_key, source, collective)
     SELECT x.name, x.name_key, 'plan', x.collective FROM unnest($1::text[], $2::text[], $3::boolean[]) AS x(name, name_key, collective)
     ON CONFLICT (name_key) DO NOTHING RETURNING id`,
    [clean, [...byKey.keys()], clean.map((n) => parseCollective(n) !== null)],
  );
  return rows.map((r) => r.id);
}

/** Every unit by name, real units first (collective names from plans after them). */
export async function listUnits(q: DbQuery): Promise<Unit[]> {
  return q.query<Unit>(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY collective, name`);
}

/**
 * The unit a person means by a name: the exact name, else the only unit whose name contains the
 * words ("nội vụ" -> "Phòng Nội vụ"); when real units and collective names both contain them, the
 * real units. Several candidates: returns them all, the caller asks.
 */
export async function findUnits(q: DbQuery, name: string): Promise<Unit[]> {
  const k = unitKey(name);
  if (!k) return [];
  const exact = await q.query<Unit>(`SELECT ${UNIT_COLUMNS} FROM units WHERE name_key = $1`, [k]);
  if (exact.length) return exact;
  const all = await listUnits(q);
  const padded = ` ${k} `;
  const found = all.filter((u) => ` ${unitKey(u.name)} `.includes(padded));
  const real = found.filter((u) => !u.collective);
  return real.length ? real : found;
}
