// Chat commands about nudges: "lịch nhắc", "tắt nhắc" / "tắt nhắc việc này" / "bật nhắc",
// "nhắc lại sau N ngày", "đã xong" (in answer to a nudge) and, for admins and coordinators,
// "đặt hạn báo cáo 6 tháng 15/6". English forms get English replies.
import { addDays, daysBetween, formatVnDate } from "../../knowledge/occurrences";
import { key } from "../../knowledge/vietnamese";
import { nudgeOffsets, type Config } from "../config";
import type { OutgoingMessage } from "../messages";
import type { CommandHandler, TurnContext } from "../turn";
import type { WorkingCalendar } from "./calendar";
import { recordEntry } from "../updates/entries";
import { currentNudge, isDone } from "./done";
import { DONE_STATUS } from "./nudge-state";
import { datedOccurrences } from "./due-dates";
import { loadDone, loadNudgeObligations } from "./nudge-state";
import { deadlineTarget, parseSetDeadline, setOfficeDeadline, undatedObligations } from "./office-deadlines";
import { obligationLabel } from "../updates/match";
import { doneKey, MAX_SNOOZE_DAYS, nudgeEvents } from "./planner";
import { numericDates, periodLabel } from "../../knowledge/time";
import { daysLeftText, longDate } from "./text";

type Lang = "vi" | "en";

type Intent =
  | { kind: "schedule"; lang: Lang }
  | { kind: "mute"; lang: Lang; scope: "all" | "this" }
  | { kind: "unmute"; lang: Lang }
  | { kind: "snooze"; lang: Lang; days: number }
  | { kind: "done"; lang: Lang }
  | { kind: "setDeadline"; lang: Lang; rest: string };

/** What a message asks of the nudge commands, or null when it is not one of them. */
export function nudgeIntent(text: string): Intent | null {
  const f = key(text)
    .replace(/[.!?,;:…]+/g, " ")
    .replace(/\b(?:nhe|nha|a|giup toi|giup minh|cho toi|cho minh|please|di)\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (/^(?:xem )?lich nhac(?: han| nho)?(?: cua toi| cua minh)?$/.test(f)) return { kind: "schedule", lang: "vi" };
  if (/^(?:my |show )?(?:reminders|reminder schedule|nudges)$/.test(f)) return { kind: "schedule", lang: "en" };
  if (/^(?:tat|dung|ngung) nhac(?: nho| han)? (?:viec nay|cai nay|nay)$/.test(f)) return { kind: "mute", lang: "vi", scope: "this" };
  if (/^(?:tat|dung|ngung) (?:het )?nhac(?: nho| han)?$/.test(f)) return { kind: "mute", lang: "vi", scope: "all" };
  if (/^(?:mute|stop) (?:this|this reminder)$/.test(f)) return { kind: "mute", lang: "en", scope: "this" };
  if (/^(?:mute|stop)(?: all)? (?:reminders|nudges)$/.test(f)) return { kind: "mute", lang: "en", scope: "all" };
  if (/^bat (?:lai )?nhac(?: nho| han)?$/.test(f)) return { kind: "unmute", lang: "vi" };
  if (/^(?:unmute|turn on reminders|resume reminders)$/.test(f)) return { kind: "unmute", lang: "en" };
  let m = /^(?:nhac (?:lai |toi |minh )?(?:sau|trong)|hoan(?: nhac)?(?: lai)?(?: them)?) (\d{1,3}) ngay(?: nua)?$/.exec(f);
  if (m) return { kind: "snooze", lang: "vi", days: Number(m[1]) };
  m = /^(?:snooze|remind me(?: again)? in)(?: for)? (\d{1,3}) days?$/.exec(f);
  if (m) return { kind: "snooze", lang: "en", days: Number(m[1]) };
  if (/^(?:da xong|xong roi|da hoan thanh|hoan thanh roi|da nop|da gui)(?: roi)?$/.test(f)) return { kind: "done", lang: "vi" };
  if (/^(?:done|it s done|i m done|finished)$/.test(f.replace(/'/g, " "))) return { kind: "done", lang: "en" };
  m = /^dat (?:lai )?han (.+)$/.exec(f);
  if (m) return { kind: "setDeadline", lang: "vi", rest: m[1] };
  m = /^set (?:the )?deadline (?:for )?(.+)$/.exec(f);
  if (m) return { kind: "setDeadline", lang: "en", rest: m[1] };
  return null;
}

const say = (text: string, quickReplies?: string[]): OutgoingMessage[] => [{ kind: "text", text, ...(quickReplies ? { quickReplies } : {}) }];

const NOT_REGISTERED: Record<Lang, string> = {
  vi: "Bạn chưa đăng ký nên chưa có nhắc hạn. Hãy đăng ký bằng mã mời do quản trị viên cấp, rồi thử lại.",
  en: "You are not registered yet, so there are no reminders for you. Register with the invite code your admin gave you, then try again.",
};

export interface NudgeCommandOptions {
  calendar: WorkingCalendar;
  config: Config;
}

/** The nudge commands as one CommandHandler for the core's router. */
export function createNudgeCommands(opts: NudgeCommandOptions): CommandHandler {
  return async (ctx) => {
    const intent = nudgeIntent(ctx.msg.text);
    if (!intent) return null;
    const user = ctx.user;
    if (!user) return intent.kind === "done" ? null : say(NOT_REGISTERED[intent.lang]);
    switch (intent.kind) {
      case "schedule":
        return schedule(ctx, intent.lang, opts);
      case "mute":
        return mute(ctx, intent.lang, intent.scope);
      case "unmute":
        await ctx.db.query("UPDATE users SET nudges_muted = false WHERE id = $1", [user.id]);
        await ctx.db.query("DELETE FROM nudge_mutes WHERE user_id = $1", [user.id]);
        return say(intent.lang === "vi" ? "Đã bật lại nhắc hạn cho bạn." : "Reminders are on again.");
      case "snooze":
        return snooze(ctx, intent.lang, intent.days, opts.calendar);
      case "done":
        return done(ctx, intent.lang);
      case "setDeadline":
        return setDeadline(ctx, intent.lang, intent.rest);
    }
  };
}

async function mute(ctx: TurnContext, lang: Lang, scope: "all" | "this"): Promise<OutgoingMessage[]> {
  const user = ctx.user!;
  if (scope === "all") {
    await ctx.db.query("UPDATE users SET nudges_muted = true WHERE id = $1", [user.id]);
    return say(lang === "vi" ? 'Đã tắt mọi nhắc hạn cho bạn. Gõ "bật nhắc" để nhận lại.' : 'All reminders are off. Say "unmute" to turn them on again.');
  }
  const cur = await currentNudge(ctx.db, user.id, ctx.now);
  if (!cur) return say(lang === "vi" ? 'Gần đây không có nhắc hạn nào gửi cho bạn. Muốn tắt mọi nhắc hạn, gõ "tắt nhắc".' : 'No reminder was sent to you recently. To turn all reminders off, say "mute reminders".');
  await ctx.db.query(
    "INSERT INTO nudge_mutes (user_id, plan_id, obligation_id, muted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    [user.id, cur.payload.planId, cur.payload.obligationId, ctx.now],
  );
  return say(
    lang === "vi"
      ? `Đã tắt nhắc việc "${cur.payload.task}". Gõ "bật nhắc" để nhận lại mọi nhắc hạn.`
      : `Reminders for "${cur.payload.task}" are off. Say "unmute" to get all reminders again.`,
  );
}

async function snooze(ctx: TurnContext, lang: Lang, days: number, calendar: WorkingCalendar): Promise<OutgoingMessage[]> {
  if (days < 1 || days > MAX_SNOOZE_DAYS) {
    return say(lang === "vi" ? `Chỉ hoãn được từ 1 đến ${MAX_SNOOZE_DAYS} ngày, ví dụ: "nhắc lại sau 2 ngày".` : `Snooze for 1 to ${MAX_SNOOZE_DAYS} days, e.g. "snooze 2 days".`);
  }
  const user = ctx.user!;
  const cur = await currentNudge(ctx.db, user.id, ctx.now);
  if (!cur) return say(lang === "vi" ? "Gần đây không có nhắc hạn nào gửi cho bạn để hoãn." : "No reminder was sent to you recently, so there is nothing to snooze.");
  const p = cur.payload;
  const until = addDays(ctx.today, days);
  await ctx.db.query(
    `INSERT INTO nudge_snoozes (user_id, plan_id, obligation_id, occurrence, until, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, plan_id, obligation_id, occurrence) DO UPDATE SET until = EXCLUDED.until, created_at = EXCLUDED.created_at`,
    [user.id, p.planId, p.obligationId, p.lastDay, until, ctx.now],
  );
  const back = calendar.workingDayOnOrAfter(until);
  const late = back > p.lastDay ? (lang === "vi" ? ` (sau hạn cuối ${formatVnDate(p.lastDay)})` : ` (after the last day, ${formatVnDate(p.lastDay)})`) : "";
  return say(
    lang === "vi"
      ? `Được. Tôi sẽ nhắc lại việc "${p.task}" vào ${longDate(back)}${late}.`
      : `OK. I will remind you of "${p.task}" again on ${formatVnDate(back)}${late}.`,
  );
}

async function done(ctx: TurnContext, lang: Lang): Promise<OutgoingMessage[] | null> {
  const user = ctx.user!;
  const cur = await currentNudge(ctx.db, user.id, ctx.now);
  // Not an answer to a nudge: the core's progress-update flow handles "đã xong".
  if (!cur || user.unitId === null) return null;
  const p = cur.payload;
  const label = periodLabel(p.periodKey);
  if (await isDone(ctx.db, user.unitId, p)) {
    return say(lang === "vi" ? `${user.unitName ?? "Đơn vị"} đã báo cáo hoàn thành "${p.task}" kỳ ${label} rồi; không còn nhắc việc này.` : `${user.unitName ?? "Your unit"} already reported "${p.task}" (${p.periodKey}) done; no more reminders for it.`);
  }
  await recordEntry(ctx.db, {
    unitId: user.unitId,
    reporterId: user.id,
    planId: p.planId,
    obligationId: p.obligationId,
    period: p.periodKey,
    status: DONE_STATUS,
    percent: 100,
    note: "Trả lời nhắc hạn: đã xong",
    channel: ctx.msg.channel,
    sourceMessageId: ctx.msg.messageId,
    doneOn: ctx.today,
    now: ctx.now,
  });
  return say(
    lang === "vi"
      ? `Đã ghi nhận: ${user.unitName ?? "đơn vị của bạn"} đã hoàn thành "${p.task}" kỳ ${label} (hạn cuối ${formatVnDate(p.lastDay)}). Sẽ không nhắc việc này nữa. Nhầm thì gõ "hủy".`
      : `Recorded: ${user.unitName ?? "your unit"} has completed "${p.task}" for ${p.periodKey} (last day ${formatVnDate(p.lastDay)}). No more reminders for it. Say "hủy" to undo.`,
  );
}

async function schedule(ctx: TurnContext, lang: Lang, opts: NudgeCommandOptions): Promise<OutgoingMessage[]> {
  const user = ctx.user!;
  if (user.unitId === null) {
    return say(lang === "vi" ? "Bạn chưa thuộc đơn vị nào nên chưa có việc để nhắc. Hãy nhờ quản trị viên gắn bạn với đơn vị." : "You are not linked to a unit yet, so there is nothing to remind you of. Ask your admin to link you to a unit.");
  }
  const [obligations, doneSet, [muted]] = await Promise.all([
    loadNudgeObligations(ctx.db, user.unitId),
    loadDone(ctx.db, Number(ctx.today.slice(0, 4)) - 1, user.unitId),
    ctx.db.query<{ nudges_muted: boolean }>("SELECT nudges_muted FROM users WHERE id = $1", [user.id]),
  ]);
  const mutedRows = await ctx.db.query<{ plan_id: string; obligation_id: string }>("SELECT plan_id, obligation_id FROM nudge_mutes WHERE user_id = $1", [user.id]);
  const mutedSet = new Set(mutedRows.map((r) => `${r.plan_id}|${r.obligation_id}`));
  const offsets = nudgeOffsets(opts.config);
  const horizon = addDays(ctx.today, 366);
  const lines: { date: string; text: string }[] = [];
  const undated: string[] = [];
  for (const o of obligations) {
    const next = datedOccurrences(o.schedule, o.officeSchedule, ctx.today, horizon, o.validity)[0];
    if (!next) {
      if (o.schedule.some((i) => !i.due) && o.officeSchedule.length === 0 && (!o.validity || o.validity.to >= Number(ctx.today.slice(0, 4)))) undated.push(o.task);
      continue;
    }
    const doneNow = doneSet.has(doneKey(user.unitId, o.planId, o.obligationId, next.periodKey));
    const nextNudge = nudgeEvents(next.lastDay, offsets, opts.calendar).find((e) => e.sendDate > ctx.today);
    const notes: string[] = [];
    if (lang === "vi") {
      if (next.setByOffice) notes.push("hạn do văn phòng đặt");
      if (doneNow) notes.push("đơn vị đã báo cáo xong");
      else if (mutedSet.has(`${o.planId}|${o.obligationId}`)) notes.push("bạn đã tắt nhắc việc này");
      else if (nextNudge) notes.push(`nhắc tiếp ngày ${formatVnDate(nextNudge.sendDate)}`);
      lines.push({
        date: next.lastDay,
        text: `• ${o.task} (kỳ ${periodLabel(next.periodKey)}): hạn cuối ${longDate(next.lastDay)}, ${daysLeftText(ctx.today, next.lastDay)}${notes.length ? `; ${notes.join("; ")}` : ""}.`,
      });
    } else {
      if (next.setByOffice) notes.push("deadline set by the office");
      if (doneNow) notes.push("your unit reported it done");
      else if (mutedSet.has(`${o.planId}|${o.obligationId}`)) notes.push("you muted it");
      else if (nextNudge) notes.push(`next reminder ${formatVnDate(nextNudge.sendDate)}`);
      const left = daysBetween(ctx.today, next.lastDay);
      lines.push({ date: next.lastDay, text: `• ${o.task} (${next.periodKey}): last day ${formatVnDate(next.lastDay)}, ${left === 0 ? "today" : `${left} days left`}${notes.length ? `; ${notes.join("; ")}` : ""}.` });
    }
  }
  lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out: string[] = [];
  const unit = user.unitName ?? (lang === "vi" ? "đơn vị của bạn" : "your unit");
  if (lines.length === 0) out.push(lang === "vi" ? `Không có hạn nào sắp tới cho ${unit} trong các kế hoạch đã nạp.` : `No upcoming deadlines for ${unit} in the loaded plans.`);
  else out.push(lang === "vi" ? `Lịch hạn sắp tới của ${unit} (hôm nay ${formatVnDate(ctx.today)}):` : `Upcoming deadlines of ${unit} (today ${formatVnDate(ctx.today)}):`, ...lines.slice(0, 10).map((l) => l.text));
  if (lines.length > 10) out.push(lang === "vi" ? `... và ${lines.length - 10} hạn khác.` : `... and ${lines.length - 10} more.`);
  if (undated.length) {
    out.push(
      lang === "vi"
        ? `Việc định kỳ mà kế hoạch không nêu ngày (không nhắc cho đến khi văn phòng đặt hạn, ví dụ "đặt hạn báo cáo 6 tháng 15/6"): ${undated.slice(0, 5).join("; ")}.`
        : `Recurring tasks without a date in the plan (no reminders until the office sets one): ${undated.slice(0, 5).join("; ")}.`,
    );
  }
  if (muted?.nudges_muted) out.push(lang === "vi" ? 'Bạn đang tắt nhắc hạn; gõ "bật nhắc" để nhận lại.' : 'Your reminders are off; say "unmute" to turn them on.');
  return say(out.join("\n"));
}

async function setDeadline(ctx: TurnContext, lang: Lang, rest: string): Promise<OutgoingMessage[]> {
  const user = ctx.user!;
  if (user.role !== "admin" && user.role !== "coordinator") {
    return say(lang === "vi" ? "Chỉ quản trị viên hoặc người điều phối (tổng hợp) được đặt hạn. Hãy nhờ họ đặt giúp." : "Only an admin or a coordinator can set a deadline.");
  }
  const parsed = parseSetDeadline(rest);
  if (!parsed.ok) return say(parsed.problem);
  const { period, due, words } = parsed.request;
  const plans = await ctx.db.query<{ id: string; title: string }>("SELECT id, title FROM plans ORDER BY id");
  const named = plans.find((p) => words.some((w) => key(w) === key(p.id)));
  let plan = named ?? plans.find((p) => p.id === user.planId);
  if (!plan) {
    const withUndated: typeof plans = [];
    for (const p of plans) if ((await undatedObligations(ctx.db, p.id, period)).length) withUndated.push(p);
    if (withUndated.length === 1) plan = withUndated[0];
    else if (withUndated.length === 0) return say(lang === "vi" ? "Không kế hoạch nào đã nạp có việc kỳ này mà chưa nêu ngày; không cần đặt hạn." : "No loaded plan has a task of this period without a date; nothing to set.");
    else return say(`Kế hoạch nào? Hãy ghi thêm mã kế hoạch, ví dụ: "đặt hạn ${rest} ${withUndated[0].id}". Các kế hoạch: ${withUndated.map((p) => p.id).join(", ")}.`);
  }
  // The task the words name, matched like an update; a date the plan states is never replaced.
  const date = numericDates(rest, true)[0];
  const lead = date ? /(?:trước|truoc|before)?\s*(?:ngày|ngay)?\s*$/iu.exec(rest.slice(0, date.index))![0].length : 0;
  const topic = (date ? rest.slice(0, date.index - lead) + " " + rest.slice(date.index + date.length) : rest).replace(/\s+/g, " ").trim();
  const target = await deadlineTarget(ctx.db, plan.id, period, topic);
  if (target.kind === "stated") {
    return say(
      lang === "vi"
        ? `Kế hoạch "${plan.title}" đã nêu hạn cho việc này: "${target.due.text}" (${obligationLabel({ task: target.task })}). Hạn của kế hoạch được giữ nguyên; không đặt hạn khác.${
            target.others.length
              ? ` Nếu bạn muốn đặt hạn cho việc kế hoạch không nêu ngày, hãy gửi lại kèm vài chữ trong tên việc:\n${target.others.map((o, i) => `${i + 1}. ${obligationLabel({ task: o.task })}`).join("\n")}`
              : ""
          }`
        : `"${plan.title}" already states a date for this task: "${target.due.text}" (${obligationLabel({ task: target.task })}). The plan's date stands; nothing was set.`,
    );
  }
  if (target.kind === "several") {
    const list = target.choices.map((c, i) => `${i + 1}. ${obligationLabel({ task: c.task })}`).join("\n");
    return say(
      lang === "vi"
        ? `Có ${target.choices.length} việc kỳ này mà kế hoạch không nêu ngày; chưa đặt hạn. Hãy gửi lại kèm vài chữ trong tên việc, ví dụ: "đặt hạn ${rest} ${target.choices[0].task.split(/\s+/).slice(0, 4).join(" ")}".\n${list}`
        : `${target.choices.length} tasks of this period have no date; nothing set. Repeat with words of the task's name.\n${list}`,
    );
  }
  const set = target.kind === "one" ? await setOfficeDeadline(ctx.db, { planId: plan.id, period, due, userId: user.id, now: ctx.now, targets: [target.target] }) : [];
  if (set.length === 0) {
    return say(lang === "vi" ? `Kế hoạch "${plan.title}" không có việc kỳ này mà chưa nêu ngày (kế hoạch đã ghi hạn thì theo kế hoạch).` : `"${plan.title}" has no task of this period without a date (the plan's own dates stand).`);
  }
  const next = datedOccurrences([], [{ period, due }], ctx.today, addDays(ctx.today, 800), null)[0];
  const tasks = set.map((t) => `• ${t.task}`).join("\n");
  return say(
    lang === "vi"
      ? `Đã đặt hạn "${due.text}" cho ${set.length} việc trong "${plan.title}". Câu trả lời và nhắc hạn sẽ ghi rõ hạn này do văn phòng đặt, không phải kế hoạch.${next ? ` Hạn cuối gần nhất: ${longDate(next.lastDay)}.` : ""}\n${tasks}`
      : `Deadline "${due.text}" set for ${set.length} task(s) in "${plan.title}"; answers and reminders will say the office set it.${next ? ` Next last day: ${formatVnDate(next.lastDay)}.` : ""}\n${tasks}`,
  );
}
