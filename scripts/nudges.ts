// npm run nudges -- --now 2023-06-01T08:00 --dry-run [--days 7]
// Lists the nudges and coordinator summaries that would go out, and to whom; sends nothing.
// Sending is the server's job (npm start with NUDGES_ENABLED=true).
import { z } from "zod";
import { loadCalendar } from "../bot/nudges/calendar";
import { localInstant, localTime, parseLocalDateTime } from "../bot/nudges/clock";
import { loadNudgeState } from "../bot/nudges/nudge-state";
import { planEscalations, planNudges, type PlannedMessage } from "../bot/nudges/planner";
import { nudgeRules } from "../bot/nudges/scheduler";
import { longDate } from "../bot/nudges/text";
import { periodLabel } from "../knowledge/time";
import { openDbFromConfig } from "../bot/storage/open-db";
import { addDays, formatVnDate, localDate } from "../knowledge/occurrences";
import { cliArgs, cliConfig, runCli, UsageError } from "./cli";

const HELP = `Usage: npm run nudges -- --dry-run [--now 2023-06-01T08:00] [--days N]

  --dry-run  required: list what would be sent and to whom, send nothing
  --now      the local time (Asia/Ho_Chi_Minh) to plan for, YYYY-MM-DDTHH:MM; default: now
  --days     also list the next N-1 days at NUDGE_HOUR (default 1: only --now)

Reads the store (DATABASE_URL or DATA_DIR), NUDGE_HOUR, NUDGE_OFFSETS and HOLIDAYS_FILE.`;

const argsSchema = z.object({
  "dry-run": z.literal(true, { message: "Add --dry-run: this command only lists nudges; the server (npm start, NUDGES_ENABLED=true) sends them." }),
  now: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return new Date(); // the CLI is the edge that reads the clock
      const d = parseLocalDateTime(s);
      if (!d) {
        ctx.addIssue({ code: "custom", message: `--now must be a local date-time like 2023-06-01T08:00; got "${s}"` });
        return z.NEVER;
      }
      return d;
    }),
  days: z.coerce.number({ message: "--days must be a number" }).int("--days must be a whole number").min(1).max(366).default(1),
});

function describe(m: PlannedMessage, who: Map<number, { name: string; unit: string | null; channels: string[] }>): string {
  const u = who.get(m.userId);
  const person = `${u?.name ?? `user ${m.userId}`}${u?.unit ? ` (${u.unit})` : ""} via ${u?.channels.join("/") || "?"}`;
  if (m.payload.kind === "escalation") {
    const lines = m.payload.items.map((i) => `      ${i.task.slice(0, 70)} [${i.planId}/${i.obligationId}, ${i.periodKey}, hạn ${formatVnDate(i.lastDay)}]: ${i.units.map((x) => x.name).join(", ")}`);
    return `  summary -> ${person}: ${m.payload.items.length} overdue item(s)\n${lines.join("\n")}`;
  }
  const p = m.payload;
  const when = m.offsetDays > 0 ? `${m.offsetDays} day(s) before` : m.offsetDays === 0 ? "on the last day" : `${-m.offsetDays} day(s) after`;
  const caught = p.afterSnooze ? ", after a snooze" : "";
  return `  nudge   -> ${person}: "${p.task.slice(0, 80)}" ${periodLabel(p.periodKey)}, last day ${longDate(p.lastDay)} (${when}${caught}${p.setByOffice ? ", date set by the office" : ""}) [${p.planId}/${p.obligationId}]`;
}

async function main(): Promise<number> {
  const raw = cliArgs({ options: { "dry-run": { type: "boolean" }, now: { type: "string" }, days: { type: "string" }, help: { type: "boolean", short: "h" } } }, HELP).values;
  const args = argsSchema.safeParse(raw);
  if (!args.success) throw new UsageError(args.error.issues.map((i) => i.message).join("\n"));
  const config = cliConfig();
  const calendar = loadCalendar(config.HOLIDAYS_FILE);
  const rules = nudgeRules(config, calendar);
  const db = await openDbFromConfig(config);
  try {
    const start = args.data.now;
    const state = await loadNudgeState(db, localDate(start));
    const people = await db.query<{ id: number; name: string; unit: string | null; channels: string[] }>(
      `SELECT u.id, u.name, n.name AS unit, COALESCE((SELECT json_agg(DISTINCT a.channel) FROM addresses a WHERE a.user_id = u.id AND NOT a.dead), '[]'::json) AS channels
         FROM users u LEFT JOIN units n ON n.id = u.unit_id`,
    );
    const who = new Map(people.map((p) => [p.id, p]));
    process.stdout.write(
      `Dry run: nothing is sent. ${state.obligations.length} obligation(s) with responsible units, ${state.users.length} user(s) who can be nudged; NUDGE_HOUR ${rules.hour}, NUDGE_OFFSETS ${rules.offsets.join(",")}.\n`,
    );
    let total = 0;
    for (let i = 0; i < args.data.days; i++) {
      const date = addDays(localDate(start), i);
      const now = i === 0 ? start : localInstant(date, rules.hour);
      const off = calendar.dayOff(date);
      const planned = [...planNudges(state, now, rules), ...planEscalations(state, now, rules)];
      for (const m of planned) state.logged.add(m.key); // later days assume these went out
      const head = `${longDate(date)}${i === 0 ? ` ${localTime(now)}` : ""}`;
      if (off) process.stdout.write(`${head}: day off (${off}), nothing goes out\n`);
      else if (planned.length === 0) process.stdout.write(`${head}: nothing due${i === 0 && now < localInstant(date, rules.hour) ? ` before ${rules.hour}:00` : ""}\n`);
      else process.stdout.write(`${head}: ${planned.length} message(s)\n${planned.map((m) => describe(m, who)).join("\n")}\n`);
      total += planned.length;
    }
    if (state.users.length === 0) {
      process.stdout.write("No registered user linked to a unit has a live address yet: users get nudges after they register and write to the bot once.\n");
    }
    process.stdout.write(`${total} message(s) in all.\n`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli("nudges", HELP, main);
