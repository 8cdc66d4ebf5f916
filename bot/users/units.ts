// Units (phòng, ban, xã...): from the plans' responsible names and from admins.
import { key } from "../../knowledge/vietnamese";
import type { DbQuery } from "../storage/db";

export interface Unit {
  id: number;
  name: string;
  source: "plan" | "admin";
}

export function unitKey(name: string): string {
  return key(name).replace(/[.,;:]+$/g, "");
}

/** The unit with this name (case and diacritics ignored), creating it when missing. */
export async function ensureUnit(q: DbQuery, name: string, source: "plan" | "admin"): Promise<Unit> {
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean) throw new Error("A unit needs a name.");
  await q.query("INSERT INTO units (name, name_key, source) VALUES ($1, $2, $3) ON CONFLICT (name_key) DO NOTHING", [clean, unitKey(clean), source]);
  const [u] = await q.query<Unit>("SELECT id, name, source FROM units WHERE name_key = $1", [unitKey(clean)]);
  return u;
}

export async function listUnits(q: DbQuery): Promise<Unit[]> {
  return q.query<Unit>("SELECT id, name, source FROM units ORDER BY name");
}

/**
 * The unit a person means by a name: the exact name, else the only unit whose name contains the
 * words ("nội vụ" -> "Phòng Nội vụ"). Several candidates: returns them all, the caller asks.
 */
export async function findUnits(q: DbQuery, name: string): Promise<Unit[]> {
  const k = unitKey(name);
  if (!k) return [];
  const exact = await q.query<Unit>("SELECT id, name, source FROM units WHERE name_key = $1", [k]);
  if (exact.length) return exact;
  const all = await listUnits(q);
  const padded = ` ${k} `;
  return all.filter((u) => ` ${unitKey(u.name)} `.includes(padded));
}
