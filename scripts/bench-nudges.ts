// npm run bench:nudges: one scheduler tick's due-nudge computation with 10,000 users and 2,000
// obligations (target: under 1 s). Prints the planner's time on in-memory state and the time to
// load that state from an embedded database (PGlite), then the sum.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { loadCalendar } from "../bot/nudges/calendar";
import { localInstant } from "../bot/nudges/clock";
import { loadNudgeState } from "../bot/nudges/nudge-state";
import { doneKey, muteKey, nudgeKey, planEscalations, planNudges, snoozeKey, type NudgeObligation, type NudgeRules, type NudgeState, type NudgeUser } from "../bot/nudges/planner";
import { openDb } from "../bot/storage/open-db";
import { addDays } from "../knowledge/occurrences";
import type { ScheduleItem } from "../knowledge/types";

const { values } = parseArgs({
  options: { users: { type: "string", default: "10000" }, obligations: { type: "string", default: "2000" }, units: { type: "string", default: "500" }, "no-db": { type: "boolean", default: false } },
});
const USERS = Number(values.users);
const OBLIGATIONS = Number(values.obligations);
const UNITS = Number(values.units);
const TODAY = "2023-06-09"; // a busy Friday: the 6-month reports' last day, monthly and quarterly dates near
const NOW = localInstant(TODAY, 8, 0);

// Deterministic pseudo-random numbers (mulberry32), so every run measures the same data.
let seed = 20230609;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const SCHEDULES: ScheduleItem[][] = [
  [{ period: "half_year", due: { day: 10, month: 6, before: true, text: "trước ngày 10/6" } }, { period: "yearly", due: { day: 25, month: 11, before: true, text: "trước ngày 25/11" } }],
  [{ period: "monthly", due: { day: 15, before: true, text: "trước ngày 15 hằng tháng" } }],
  [{ period: "monthly", due: { day: 20, before: false, text: "ngày 20 hằng tháng" } }],
  [{ period: "quarterly", due: { day: 15, monthInPeriod: "last", before: false, text: "ngày 15 tháng cuối quý" } }],
  [{ period: "yearly", due: { day: 15, month: 12, before: false, text: "ngày 15/12" } }],
  [{ period: "half_year", due: null }, { period: "yearly", due: null }],
];

function buildState(): NudgeState {
  const obligations: NudgeObligation[] = [];
  for (let i = 0; i < OBLIGATIONS; i++) {
    const unitIds = new Set<number>();
    const n = 1 + Math.floor(rand() * 3);
    while (unitIds.size < n) unitIds.add(1 + Math.floor(rand() * UNITS));
    obligations.push({
      planId: `plan-${i % 40}`,
      planTitle: `Kế hoạch số ${i % 40}`,
      obligationId: `o${i}`,
      task: `Báo cáo kết quả thực hiện nhiệm vụ ${i}`,
      schedule: pick(SCHEDULES),
      officeSchedule: i % 50 === 0 ? [{ period: "half_year", due: { day: 12, month: 6, before: false, text: "ngày 12/6" } }] : [],
      validity: { from: 2022, to: 2026 },
      unitIds: [...unitIds],
    });
  }
  const users: NudgeUser[] = [];
  for (let i = 0; i < USERS; i++) users.push({ id: i + 1, unitId: 1 + (i % UNITS), role: i % 250 === 0 ? "coordinator" : "member", planId: null });
  const state: NudgeState = {
    obligations,
    users,
    unitNames: new Map(Array.from({ length: UNITS }, (_, i) => [i + 1, `Đơn vị ${i + 1}`])),
    mutes: new Set(),
    snoozes: new Map(),
    done: new Set(),
    logged: new Set(),
  };
  // Some people muted or snoozed things, some units are done, earlier nudges were sent.
  for (const o of obligations) {
    for (const u of o.unitIds) if (rand() < 0.1) state.done.add(doneKey(u, o.planId, o.obligationId, "2023-H1"));
  }
  for (let i = 0; i < USERS / 100; i++) {
    const o = pick(obligations);
    state.mutes.add(muteKey(1 + Math.floor(rand() * USERS), o.planId, o.obligationId));
    state.snoozes.set(snoozeKey(1 + Math.floor(rand() * USERS), o.planId, o.obligationId, "2023-06-09"), "2023-06-12");
  }
  for (const u of users) for (const o of obligations.slice(0, 200)) if (o.unitIds.includes(u.unitId!)) state.logged.add(nudgeKey(u.id, o.planId, o.obligationId, "2023-06-09", 1));
  return state;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

async function main(): Promise<void> {
  const calendar = loadCalendar();
  const rules: NudgeRules = { calendar, hour: 8, offsets: [7, 3, 1, 0, -1], catchUpDays: 7, escalationDays: 30 };
  const state = buildState();
  console.log(`bench:nudges: ${USERS.toLocaleString("en")} users in ${UNITS} units, ${OBLIGATIONS.toLocaleString("en")} obligations, tick at ${TODAY} 08:00 (Asia/Ho_Chi_Minh)`);
  time(() => planNudges(state, NOW, rules)); // warm-up (JIT, calendar caches)
  const runs: number[] = [];
  let nudges = 0;
  let summaries = 0;
  for (let i = 0; i < 5; i++) {
    const r = time(() => [planNudges(state, NOW, rules), planEscalations(state, NOW, rules)] as const);
    runs.push(r.ms);
    nudges = r.result[0].length;
    summaries = r.result[1].length;
  }
  runs.sort((a, b) => a - b);
  const planMs = runs[2];
  console.log(`  plan (in memory):    median ${planMs.toFixed(1)} ms, max ${runs[4].toFixed(1)} ms over 5 runs -> ${nudges.toLocaleString("en")} nudges, ${summaries} coordinator summaries due`);
  if (values["no-db"]) return;

  const db = await openDb({ dataDir: "memory" });
  try {
    const t0 = performance.now();
    await db.query(`INSERT INTO units (id, name, name_key) SELECT g, 'Đơn vị ' || g, 'don vi ' || g FROM generate_series(1, $1) g`, [UNITS]);
    await db.query(
      `INSERT INTO users (id, name, unit_id, role) SELECT g, 'Người ' || g, 1 + ((g - 1) % $2), CASE WHEN (g - 1) % 250 = 0 THEN 'coordinator' ELSE 'member' END FROM generate_series(1, $1) g`,
      [USERS, UNITS],
    );
    await db.query(`INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data) SELECT 'zalo', 'c' || g, 'z' || g, g, '{}'::jsonb FROM generate_series(1, $1) g`, [USERS]);
    const plans = [...new Set(state.obligations.map((o) => o.planId))];
    await db.query(`INSERT INTO plans (id, file, sha256, title, meta, doc) SELECT p, p || '.txt', '0', p, '{"period": {"from": 2022, "to": 2026}}'::jsonb, '{}'::jsonb FROM unnest($1::text[]) p`, [plans]);
    await db.query(
      `INSERT INTO obligations (plan_id, id, section_id, section, responsible, task, schedule, quote)
       SELECT p, o, 's0', '', '[]'::jsonb, t, s::jsonb, t FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(p, o, t, s)`,
      [state.obligations.map((o) => o.planId), state.obligations.map((o) => o.obligationId), state.obligations.map((o) => o.task), state.obligations.map((o) => JSON.stringify(o.schedule))],
    );
    const links = state.obligations.flatMap((o) => o.unitIds.map((u) => [o.planId, o.obligationId, u] as const));
    await db.query(`INSERT INTO obligation_units (plan_id, obligation_id, unit_id) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`, [
      links.map((l) => l[0]),
      links.map((l) => l[1]),
      links.map((l) => l[2]),
    ]);
    const logged = [...state.logged];
    await db.query(
      `INSERT INTO nudge_log (key, user_id, plan_id, obligation_id, occurrence, offset_days, status) SELECT k, split_part(k, ':', 2)::int, split_part(k, ':', 3), split_part(k, ':', 4), '2023-06-09', 1, 'sent' FROM unnest($1::text[]) k`,
      [logged],
    );
    console.log(`  (seeded PGlite in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${links.length.toLocaleString("en")} unit links, ${logged.length.toLocaleString("en")} nudge_log rows)`);
    await loadNudgeState(db, TODAY); // warm-up
    const loads: number[] = [];
    let loaded: NudgeState | null = null;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      loaded = await loadNudgeState(db, TODAY);
      loads.push(performance.now() - t);
    }
    loads.sort((a, b) => a - b);
    const loadMs = loads[1];
    const planRuns = [0, 1, 2].map(() => time(() => planNudges(loaded!, NOW, rules).length + planEscalations(loaded!, NOW, rules).length));
    planRuns.sort((a, b) => a.ms - b.ms);
    const plan = planRuns[1];
    console.log(`  load state (PGlite): median ${loadMs.toFixed(1)} ms over 3 runs; plan on it: median ${plan.ms.toFixed(1)} ms`);
    console.log(`  one tick, load + plan: ${(loadMs + plan.ms).toFixed(1)} ms -> ${plan.result.toLocaleString("en")} messages due (target < 1000 ms)`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:nudges failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
