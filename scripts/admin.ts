// npm run admin -- <command>: invite codes, units and users (the operator's side of registration).
import { z } from "zod";
import { formatDate } from "../bot/core/replies";
import { openDbFromConfig } from "../bot/storage/open-db";
import { createInvite } from "../bot/users/invites";
import { ensureUnit, findUnits, listUnits } from "../bot/users/units";
import { listUsers, ROLE_LABEL, ROLES } from "../bot/users/users";
import { cliArgs, cliConfig, runCli, UsageError } from "./cli";

const HELP = `Usage: npm run admin -- <command> [options]

Commands:
  invite --unit "Phòng Nội vụ" --role coordinator|member|admin [--days 7] [--plan PLAN_ID]
             prints a single-use invite code; the person types "đăng ký MÃ" to the bot
  bootstrap [--unit "Văn phòng"] [--days 7]
             the first admin's invite code (refused once an admin exists, unless --force)
  add-unit --unit NAME   adds a unit that no plan names
  units      lists units (from plans and from admins)
  users      lists registered users with their unit, role and channel identities
  -h, --help this text`;

const inviteArgs = z.object({
  unit: z.string().trim().min(1, "--unit is required: the unit's name, e.g. --unit \"Phòng Nội vụ\""),
  role: z.enum(ROLES as [string, ...string[]], { message: "--role must be coordinator, member or admin" }),
  days: z.coerce.number().int().min(1).max(365, "--days must be 1 to 365").default(7),
  plan: z.string().optional(),
});

async function main(): Promise<number> {
  const { values, positionals } = cliArgs(
    {
      allowPositionals: true,
      options: {
        unit: { type: "string" },
        role: { type: "string" },
        days: { type: "string" },
        plan: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  );
  const cmd = positionals[0];
  if (!cmd) throw new UsageError("Give a command.");
  if (!["invite", "bootstrap", "add-unit", "units", "users"].includes(cmd)) throw new UsageError(`Unknown command "${cmd}".`);
  const config = cliConfig();
  const db = await openDbFromConfig(config);
  const now = new Date();
  try {
    if (cmd === "units") {
      for (const u of await listUnits(db)) process.stdout.write(`${String(u.id).padStart(4)}  ${u.name}  (${u.collective ? "tên chung trong kế hoạch" : u.source === "plan" ? "từ kế hoạch" : "do quản trị thêm"})\n`);
      return 0;
    }
    if (cmd === "users") {
      for (const u of await listUsers(db)) {
        process.stdout.write(`${String(u.id).padStart(4)}  ${u.name}  ${u.unitName ?? "-"}  ${ROLE_LABEL[u.role]}  ${u.planId ?? "-"}  ${u.identities.join(", ")}\n`);
      }
      return 0;
    }
    if (cmd === "add-unit") {
      if (!values.unit?.trim()) throw new UsageError('--unit is required, e.g. --unit "Phòng Tư pháp"');
      const u = await ensureUnit(db, values.unit, "admin");
      process.stdout.write(`Unit ${u.id}: ${u.name}\n`);
      return 0;
    }
    let args: z.infer<typeof inviteArgs>;
    if (cmd === "bootstrap") {
      const admins = await db.query("SELECT 1 FROM users WHERE role = 'admin'");
      if (admins.length && !values.force) throw new UsageError("An admin already exists; ask them for an invite (or pass --force).");
      args = parse({ unit: values.unit ?? "Văn phòng", role: "admin", days: values.days });
    } else args = parse({ unit: values.unit, role: values.role, days: values.days, plan: values.plan });
    if (args.plan && !(await db.query("SELECT 1 FROM plans WHERE id = $1", [args.plan])).length) {
      throw new UsageError(`No plan "${args.plan}" in the store; run npm run ingest first or check the id (file name without extension).`);
    }
    // The admin's own unit is taken by its exact name; an invite may name a unit by part of it.
    const found = cmd === "bootstrap" ? [await ensureUnit(db, args.unit, "admin")] : await findUnits(db, args.unit);
    if (found.length > 1) throw new UsageError(`"${args.unit}" matches several units: ${found.map((u) => u.name).join("; ")}. Give the full name.`);
    const unit = found[0] ?? (await ensureUnit(db, args.unit, "admin"));
    const inv = await createInvite(db, { unitId: unit.id, role: args.role as (typeof ROLES)[number], planId: args.plan ?? null, now, days: args.days });
    process.stdout.write(
      `${inv.code}\n` +
        `Unit: ${unit.name}${found.length ? "" : " (new)"}; role: ${args.role}; single use; expires ${formatDate(inv.expiresAt)}.\n` +
        `The person types to the bot: đăng ký ${inv.code}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

function parse(raw: Record<string, unknown>): z.infer<typeof inviteArgs> {
  const r = inviteArgs.safeParse(raw);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join("; "));
  return r.data;
}

runCli("admin", HELP, main);
