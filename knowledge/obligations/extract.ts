// Obligations of a plan: each clause that assigns work or a report, with the responsible units,
// the task, the recipient and the schedule.
//
// A clause is an obligation when it states a period or due date together with a task or report
// word, or when a unit is made responsible for it (a unit heading such as "1. Phòng Nội vụ:",
// "Giao X chủ trì", "X có trách nhiệm", or a unit as the subject before the verb).
// Responsible units come, in order of preference, from the clause itself, from an earlier clause of
// the same paragraph, from the nearest unit heading above it, and finally from the issuing bodies.
import type { Obligation, Plan, ScheduleItem, Section } from "../types";
import { CLOSING_RE, isBackMatter, sectionAt } from "../document/sections";
import { bodyStart } from "../document/meta";
import { cellTexts } from "../document/tables";
import { firstVerb, splitClauses } from "./clauses";
import { assignObligationIds } from "./ids";
import { fieldOf, fieldSchedule, fieldUnits } from "./fields";
import { findRecipient } from "./recipient";
import { clauseSchedule } from "./schedule";
import { headerColumns, rowTask, type TableColumns } from "./table-rows";
import { headingUnit, isVerbAt, unitAt, unitListAt, unitsIn } from "./units";
import { CITATION_START, REPORT_WORDS } from "./vocabulary";

type PlanInput = Omit<Plan, "obligations">;

interface Clause {
  start: number; // offset in plan.text
  end: number;
  text: string;
  section: Section;
  paragraph: number;
  sentence: number;
  first: boolean; // first clause of its sentence
  last: boolean; // last clause of its sentence
  schedule: ScheduleItem[];
  verb: number;
  own: string[]; // units the clause itself makes responsible
  recipient: { name: string; start: number; end: number } | null;
}

const DIRECTING = /^(?:chỉ đạo|giao|đề nghị|yêu cầu)\s+/u;
const EXPLICIT = /(?:^|[,;:]\s*|\s)(?:Giao|giao|Đề nghị|đề nghị|Yêu cầu|yêu cầu)(?:\s+cho)?\s+(?=\p{Lu}|các\s|người đứng đầu\s)/gu;
const REQUEST_NOUN = /(?:hồ sơ|văn bản|tờ trình|danh sách|công văn|giấy|phiếu|mẫu)\s$/iu;
// A decision's own articles: who executes it and when it takes effect are not plan tasks.
// So are its scope ("Quyết định này quy định ...") and a notice's closing words ("Văn phòng Chính phủ
// thông báo để Bộ Tư pháp ... biết, thực hiện./.", "... trân trọng thông báo./.").
const DECISION_BOILERPLATE = /(?:chịu trách nhiệm|có trách nhiệm) thi hành (?:Quyết định|Chỉ thị) này|^Quyết định này có hiệu lực|^Ban hành kèm theo|^(?:Quyết định|Thông tư|Nghị định|Nghị quyết|Quy chế|Quy định) này quy định|thông báo(?:\s+để\s[^.]{0,200}?)?(?:\s+biết(?:,?\s*thực hiện)?)?\s*\.\/\.\s*$/u;
const ADVERBIAL_LEAD = /^(?:(?:Trong quá trình|Quá trình|Nếu|nếu|Khi|khi|Trường hợp|trường hợp|Sau khi|Trước khi)[^,;]{0,80},\s*)+/u;
const SKIP_PARAGRAPH = /^(?:Nơi nhận|TM\.|T\/M|KT\.|K\/T|TL\.)/u;
// "Trên đây là Kế hoạch ..." sums the plan up, "Căn cứ ..." cites, "Kính gửi ..." addresses; the sentences after them may still assign work.
const SKIP_SENTENCE = /^(?:Trên đây là|Căn cứ|Kính gửi)/u;
// "Căn cứ Kế hoạch này, các Sở ... xây dựng kế hoạch ...": a lead-in, not a citation; "Trên đây là
// ..., Ban Chỉ đạo đề nghị các Bộ ... báo cáo ... trước Thứ Tư ngày 03/12/2025": the closing words assign a dated report.
const KEEP_SENTENCE = /^Căn cứ\s+(?:\S+\s+){1,3}này\s*,/u;

/**
 * The units a clause names as responsible: "Giao X chủ trì", "X và Y <verb>", "chỉ đạo X <verb>".
 * After a short label ("Báo cáo quý: Ủy ban nhân dân các xã báo cáo ...") the rest is read first.
 */
function ownUnits(text: string, verb: number): string[] {
  const label = /^[^:]{2,50}:\s+/u.exec(text);
  if (label) {
    const rest = text.slice(label[0].length);
    const units = clauseUnits(rest, firstVerb(rest));
    if (units.length) return units;
  }
  return clauseUnits(text, verb);
}

function clauseUnits(text: string, verb: number): string[] {
  for (const m of text.matchAll(EXPLICIT)) {
    // "Hồ sơ đề nghị Chủ tịch UBND tỉnh khen thưởng": a request document, not an assignment.
    if (REQUEST_NOUN.test(text.slice(Math.max(0, m.index - 20), m.index + 1))) continue;
    const units = unitListAt(text, m.index + m[0].length);
    if (units.length) return units.map((u) => u.name);
  }
  if (verb < 0) return [];
  // "Phòng X là cơ quan thường trực Ban Chỉ đạo ..., tham mưu ...": what follows "là" is a predicate.
  const copula = / là /u.exec(text.slice(0, verb));
  const subject = unitsIn(text, 0, copula ? copula.index : verb).filter((u) => !/^(?:của|với|cho|về)\s*$/u.test(text.slice(Math.max(0, u.start - 5), u.start).trim().split(/\s+/u).pop() ?? ""));
  const rest = text.slice(verb);
  const directing = DIRECTING.exec(rest);
  if (directing) {
    const doers = unitListAt(text, verb + directing[0].length);
    if (doers.length && unitAt(text, verb + directing[0].length)) return doers.map((u) => u.name);
  }
  // Units introduced by "của", "với" or "cho" before the verb are not its subject.
  const own = subject.filter((u) => {
    const before = text.slice(Math.max(0, u.start - 12), u.start);
    return !/(?:của|với|cho|về|thuộc|giữa|đến|từ|trong|tại|ở|vào|đối với|đề nghị|giúp)\s+$/u.test(before);
  });
  return own.length ? own.map((u) => u.name) : commaSubject(text);
}

/**
 * A topic first and the subject after a comma: "Hồ sơ đề nghị ... khen thưởng, các cơ quan, đơn vị
 * gửi về ...", "Sơ kết 6 tháng vào tháng 7/2025, Công an thành phố chủ trì tổ chức". A unit after a
 * comma that follows another unit is a list ("phối hợp với Sở A, Sở B thực hiện"), not a subject.
 */
function commaSubject(text: string): string[] {
  if (!text.includes(",")) return [];
  const units = unitsIn(text);
  for (const u of units) {
    const comma = /,\s*$/u.exec(text.slice(Math.max(0, u.start - 4), u.start));
    if (!comma || !/^\s+/u.test(text.slice(u.end)) || !isVerbAt(text, u.end + 1)) continue;
    const beforeComma = u.start - (text.slice(0, u.start).length - text.slice(0, u.start).replace(/,\s*$/u, "").length);
    if (units.some((o) => o !== u && o.end === beforeComma)) continue;
    return [u.name];
  }
  return [];
}

/** A unit heading on its own ("Phòng Nội vụ:", "Ban Dân vận Tỉnh ủy có trách nhiệm"), with no task after the name. */
function unitHeadingOnly(text: string): boolean {
  const unit = headingUnit(text.replace(/[:.]$/u, ""));
  if (!unit) return false;
  const at = text.indexOf(unit);
  return at >= 0 && /^\s*(?:(?:có|chịu) trách nhiệm|thực hiện|chủ trì)?\s*[:.]?\s*$/u.test(text.slice(at + unit.length));
}

/** The verb that starts the clause's task, skipping verbs inside a unit name ("Bộ phận tiếp nhận và trả kết quả", "Trung tâm Phục vụ hành chính công"). */
function taskVerb(text: string): number {
  let verb = firstVerb(text);
  // Unit names start with a capital ("Bộ phận ...", "Trung tâm ..."): none before the verb, nothing to skip.
  if (verb <= 0 || !/\p{Lu}/u.test(text.slice(0, verb))) return verb;
  for (let guard = 0; verb >= 0 && guard < 4; guard++) {
    const inside = unitsIn(text, 0, Math.min(text.length, verb + 60)).find((u) => u.start < verb && verb < u.end);
    if (!inside) break;
    verb = firstVerb(text, inside.end);
  }
  return verb;
}

function issuerUnits(issuer: string | null): string[] {
  if (!issuer) return [];
  const parts = unitListAt(issuer, 0).map((u) => u.name);
  return parts.length ? parts : [issuer];
}

function headingUnitFor(plan: PlanInput, section: Section, byId: Map<string, Section>): string[] {
  for (let s: Section | undefined = section; s; s = s.parentId ? byId.get(s.parentId) : undefined) {
    if (s.number === "-" || s.number === "+" || s.number === "") continue;
    const u = headingUnit(s.title);
    if (u) return [u];
    // A list intro names the doers of its items: "1. Giao người đứng đầu các cơ quan ..., Chủ tịch
    // Ủy ban nhân dân các xã ... thực hiện các nội dung sau:", "Các đơn vị gửi báo cáo về ... theo thời gian sau:".
    const line = plan.text.slice(s.start, plan.text.indexOf("\n", s.start) < 0 ? plan.text.length : plan.text.indexOf("\n", s.start));
    // "Giao người đứng đầu ...": the doer's name starts after the verb, capitalised as a unit name is.
    const intro = line.replace(/^\S{1,8}\s+/u, "").replace(/^((?:Giao|Đề nghị|Yêu cầu)\s+)(\p{Ll})/u, (_m, verb: string, c: string) => verb + c.toLocaleUpperCase("vi"));
    if ((/:\s*$/u.test(intro) || /^(?:Giao|Đề nghị|Yêu cầu)\s/u.test(intro)) && intro.length <= 400) {
      const units = ownUnits(intro, taskVerb(intro));
      if (units.length) return units;
    }
  }
  return [];
}

// "Label: value" pairs and nothing else; a value is a date or at most three words.
const INFO_PAIRS = /^(?:\p{Lu}[\p{L}]*(?:\s[\p{L}]+){0,3}:\s*(?:\d{1,2}\/\d{1,2}\/\d{4}|[\p{L}]+(?:\s[\p{L}]+){0,2})\s*)+$/u;

const AIMS_RE = /^(?:MỤC ĐÍCH|YÊU CẦU|MỤC TIÊU|QUAN ĐIỂM|SỰ CẦN THIẾT|CĂN CỨ|Mục đích|Yêu cầu|Mục tiêu|Quan điểm|Căn cứ)/u;

/** Whether a section is (under) the plan's aims and requirements. */
function inAims(section: Section, byId: Map<string, Section>): boolean {
  // "Yêu cầu Thủ trưởng các phòng ..." opens the closing words, not the aims.
  for (let s: Section | undefined = section; s; s = s.parentId ? byId.get(s.parentId) : undefined) if (AIMS_RE.test(s.title) && !CLOSING_RE.test(s.title)) return true;
  return false;
}

function taskText(c: Clause): string {
  let from = c.verb >= 0 && c.verb < c.text.length * 0.7 ? c.verb : 0;
  // Leading "Định kỳ ...," / "Hàng năm," belong to the schedule, not the task.
  if (from === 0) from = /^(?:Định kỳ|Hàng năm|Hằng năm|Hàng quý|Hằng quý|Hàng tháng|Hằng tháng)[^,]{0,60},\s*/u.exec(c.text)?.[0].length ?? 0;
  let to = c.text.length;
  if (c.recipient && c.recipient.start > from) to = Math.min(to, c.text.lastIndexOf(" ", c.recipient.start - 2));
  const purpose = / để (?!được)/u.exec(c.text.slice(from, to));
  if (purpose && purpose.index > 20) to = from + purpose.index;
  let t = c.text.slice(from, to).replace(/[\s,;:.]+$/u, "").replace(/\s+(?:về|cho|lên|đến)$/u, "");
  if (t.length > 160) t = `${t.slice(0, t.lastIndexOf(" ", 158))}…`;
  return t.charAt(0).toLocaleUpperCase("vi") + t.slice(1);
}

function bodySentence(plan: PlanInput, sectionOf: (o: number) => Section, byId: Map<string, Section>, start: number, body: number): boolean {
  const section = sectionOf(start);
  // The preamble is read from the end of the header block (letters and notices state their duties there).
  if (section.id === "s0") return start >= body;
  for (let s: Section | undefined = section; s; s = s.parentId ? byId.get(s.parentId) : undefined) {
    if (s.number === "" && s.level === 1 && (/^(?:Nơi nhận|Chú thích)/u.test(s.title) || isBackMatter(s.title))) return false;
  }
  return true;
}

export function extractObligations(plan: PlanInput): Obligation[] {
  const byId = new Map(plan.sections.map((s) => [s.id, s]));
  const sectionById = (id: string) => byId.get(id) ?? plan.sections[0];
  const issuers = issuerUnits(plan.meta.issuer);
  const body = preambleStart(plan);

  // Paragraph index of each sentence (paragraphs are lines of the normalised text).
  const paraStarts: number[] = [0];
  for (let i = plan.text.indexOf("\n"); i >= 0; i = plan.text.indexOf("\n", i + 1)) paraStarts.push(i + 1);
  const paragraphOf = (offset: number) => {
    let lo = 0;
    let hi = paraStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paraStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const out: Obligation[] = [];
  const titles: string[] = [];
  const tables = tableObligations(plan, paraStarts, byId, issuers);
  for (const t of tables.obligations) {
    out.push(t.obligation);
    titles.push(t.sectionTitle);
  }

  const clauses: Clause[] = [];
  plan.sentences.forEach((sent, si) => {
    const section = sectionById(sent.sectionId);
    const paragraph = paragraphOf(sent.start);
    if (tables.paragraphs.has(paragraph)) return;
    if (!bodySentence(plan, () => section, byId, sent.start, body)) return;
    if (SKIP_PARAGRAPH.test(plan.text.slice(paraStarts[paragraph], paraStarts[paragraph] + 20))) return;
    if (SKIP_SENTENCE.test(sent.text) && !KEEP_SENTENCE.test(sent.text) && !(/^Trên đây là/u.test(sent.text) && clauseSchedule(sent.text).items.some((it) => it.due))) return;
    const parts = splitClauses(sent.text);
    parts.forEach(([a, b], k) => {
      const text = sent.text.slice(a, b);
      const verb = taskVerb(text);
      clauses.push({
        start: sent.start + a,
        end: sent.start + b,
        text,
        section,
        paragraph,
        sentence: si,
        first: k === 0,
        last: k === parts.length - 1,
        schedule: clauseSchedule(text).items,
        verb,
        own: ownUnits(text, verb),
        recipient: findRecipient(text),
      });
    });
  });

  const labelled = labelledFields(plan, clauses, byId);
  let carried: { paragraph: number; units: string[] } | null = null;
  let lastRecipient: string | null = null;
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (labelled.sentences.has(c.sentence)) continue;
    if (carried && carried.paragraph !== c.paragraph) carried = null;
    const fields = labelled.bySection.get(c.section.id);
    const heading = fields?.lead.length ? fields.lead : headingUnitFor(plan, c.section, byId);
    // "Sơ kết 6 tháng ... và tổng kết năm ..., Công an thành phố chủ trì tổ chức": a subject named
    // later in the sentence also does the earlier tasks, when no heading names a unit.
    let later: string[] | undefined;
    for (let j = i + 1; !c.own.length && !carried?.units.length && !heading.length && j < clauses.length && clauses[j].sentence === c.sentence && !later; j++) {
      if (clauses[j].own.length) later = clauses[j].own;
    }
    let responsible = c.own.length ? c.own : carried?.units.length ? carried.units : heading.length ? heading : later ?? issuers;
    if (c.own.length) carried = { paragraph: c.paragraph, units: c.own };

    const hasTask = c.verb >= 0 || REPORT_WORDS.test(c.text.toLowerCase());
    // "báo cáo quý gửi Phòng Nội vụ huyện trước ngày 15 ...; báo cáo năm gửi trước ngày 05/12": a
    // later periodic report of the same sentence and units, naming no recipient, goes to the same one
    // (an ad hoc report goes to whoever asks for it).
    if (c.first) lastRecipient = null;
    const recurring = c.schedule.some((it) => it.period !== "once" && it.period !== "ad_hoc");
    const elliptic = !c.recipient && !c.first && !c.own.length && recurring && REPORT_WORDS.test(c.text.toLowerCase()) ? lastRecipient : null;
    if (c.recipient) lastRecipient = recurring ? c.recipient.name : null;
    let schedule = c.schedule;
    let quoteEnd = c.end;
    let recipient = c.recipient;

    // "1. Phòng Nội vụ: Theo dõi ... . Định kỳ 6 tháng, năm ... tổng hợp, báo cáo ...": a task
    // sentence without a schedule, followed in its paragraph by the schedule with no subject of its
    // own, is one obligation.
    const next = clauses[i + 1];
    if (!schedule.length && c.last && next && next.first && next.paragraph === c.paragraph && next.schedule.length && !next.own.length && /^(?:Định kỳ|Hàng|Hằng|Mỗi|Cuối|Trước ngày|Chậm nhất|Thời hạn|Thời gian hoàn thành|Hoàn thành)/u.test(next.text)) {
      schedule = next.schedule;
      quoteEnd = next.end;
      recipient = recipient ?? next.recipient;
      if (!c.own.length && !carried && heading.length) responsible = heading;
      i++;
    }

    // "Thời gian thực hiện: ..." under the item gives its time; the quote runs on to the labelled lines.
    if (!schedule.length && fields?.time.length) {
      schedule = fields.time;
      if (labelled.lastTask.get(c.section.id) === i) quoteEnd = fields.end;
    }

    // Not tasks: a clause that only cites a document, a unit heading on its own line, and
    // the aims of the plan ("I. MỤC ĐÍCH, YÊU CẦU") unless they state a schedule.
    if (CITATION_START.test(c.text) && !schedule.some((it) => it.due)) continue;
    if (unitHeadingOnly(c.text)) continue;
    if (DECISION_BOILERPLATE.test(c.text)) continue;
    const aims = inAims(c.section, byId);
    // Without a schedule, a unit must be assigned: by a heading, explicitly, or as the subject that opens the clause.
    // Leading adverbials ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, ...") do not count.
    const lead = ADVERBIAL_LEAD.exec(c.text)?.[0].length ?? 0;
    const opensWithSubject = c.own.length > 0 && c.verb >= 0 && c.verb - lead <= 160 && (unitsIn(c.text, 0, c.verb)[0]?.start ?? lead) - lead <= 50;
    const isObligation = (schedule.length > 0 && hasTask) || (!aims && c.verb >= 0 && (heading.length > 0 || opensWithSubject));
    if (!isObligation) continue;
    if (c.section.path === plan.sections[0].path && !preambleDuty(c.text, c.verb)) continue;
    // A page's info box ("Ban hành: 24/11/2025 Hiệu lực: Đã biết Cập nhật: 25/11/2025", a list of
    // related documents each with "Cập nhật: 17/06/2025"): only "Label: value" pairs with a date, no task.
    if (INFO_PAIRS.test(c.text.trim()) && /\d{1,2}\/\d{1,2}\/\d{4}/u.test(c.text)) continue;
    // A page's info table ("Ngày ban hành: | 02/12/2025") or a table's header row is not a task.
    if (c.text.includes("|") && (/:\s*\|/u.test(c.text) || cellTexts(c.text).every((cell) => cell.length <= 40))) continue;
    // The quote is the whole sentence (the source quote adds its list marker, see format.ts).
    const sentence = plan.sentences[c.sentence];
    const quoteStart = sentence.start;
    quoteEnd = Math.max(quoteEnd, sentence.end);
    const quote = plan.text.slice(quoteStart, quoteEnd);
    out.push({
      id: "",
      sectionId: c.section.id,
      section: c.section.path,
      responsible: [...new Set(responsible)],
      task: taskText({ ...c, recipient: c.recipient }),
      recipient: recipient?.name ?? elliptic,
      schedule,
      quote,
      span: { start: quoteStart, end: quoteEnd },
    });
    titles.push(c.section.title);
  }
  // Table rows and clauses in document order.
  const order = out.map((_, i) => i).sort((a, b) => out[a].span.start - out[b].span.start);
  const sorted = order.map((i) => out[i]);
  const ids = assignObligationIds(order.map((i) => ({ sectionTitle: titles[i], quote: out[i].quote })));
  return sorted.map((o, i) => ({ ...o, id: ids[i] }));
}

/** The start of a sentence's quote: the paragraph start when only a list marker ("a)", "(6)", "1.", "-") precedes the sentence. */
export function withMarker(text: string, paragraphStart: number, start: number): number {
  if (start <= paragraphStart || start - paragraphStart > 12) return start;
  return /^\s*(?:\(?\d{1,2}\)|\(?[a-zđ]\)|[IVXLC]{1,6}\.|\d{1,2}(?:\.\d{1,2}){0,3}\.?|Điều\s+\d{1,3}\.|[-+*•–])\s*$/u.test(text.slice(paragraphStart, start)) ? paragraphStart : start;
}

// In a preamble, the document's own enactment ("UBND tỉnh ban hành Kế hoạch ...") and what was done
// before ("Chủ tịch UBND Thành phố đã ban hành Công văn số 3280 ...") are the background, not duties.
const ENACTING = /(?:^|\s)(?:đã\s+|vừa\s+)?ban hành\s+(?:kèm theo\s+)?(?:Quyết định|Kế hoạch|Chỉ thị|Công văn|Quy chế|Quy định|Chương trình|Hướng dẫn|Thông báo|Công điện|Đề án)/iu;
function preambleDuty(text: string, verb: number): boolean {
  if (ENACTING.test(text) && !/(?:Đề nghị|đề nghị|Yêu cầu|yêu cầu|Giao|giao)\s+(?:các|Sở|UBND|Ủy ban|Phòng|Ban|Bộ)\s/u.test(text)) return false;
  return verb < 0 || !/(?:^|\s)(?:đã|vừa)\s+$/u.test(text.slice(Math.max(0, verb - 8), verb));
}

/** Where the preamble's own text starts: after the header block, title and "Kính gửi" list (see document/meta.ts). */
function preambleStart(plan: PlanInput): number {
  const paragraphs: { start: number; end: number; heading: boolean }[] = [];
  let from = 0;
  for (const line of plan.text.split("\n")) {
    paragraphs.push({ start: from, end: from + line.length, heading: false });
    from += line.length + 1;
  }
  return bodyStart(plan.text, paragraphs);
}

interface SectionFields {
  lead: string[];
  time: ScheduleItem[];
  end: number;
}

/**
 * Labelled lines ("Thời gian thực hiện: Quý II/2025", "Đơn vị thực hiện: ...") by the section of the
 * task they complete (a "-" line completes its parent item), the sentences they take, and the last
 * task clause of each such section (its quote runs on to the labelled lines).
 */
function labelledFields(plan: PlanInput, clauses: Clause[], byId: Map<string, Section>) {
  const sentences = new Set<number>();
  const bySection = new Map<string, SectionFields>();
  for (const c of clauses) {
    if (!c.first) continue;
    const sentence = plan.sentences[c.sentence];
    const field = fieldOf(sentence.text);
    if (!field) continue;
    sentences.add(c.sentence);
    const owner = (c.section.number === "-" || c.section.number === "+") && c.section.parentId ? byId.get(c.section.parentId)! : c.section;
    const entry = bySection.get(owner.id) ?? { lead: [], time: [], end: sentence.end };
    if (field.kind === "lead" && !entry.lead.length) entry.lead = fieldUnits(field.value);
    if (field.kind === "time" && !entry.time.length) entry.time = fieldSchedule(field.value);
    entry.end = Math.max(entry.end, sentence.end);
    bySection.set(owner.id, entry);
  }
  const lastTask = new Map<string, number>();
  clauses.forEach((c, i) => {
    if (bySection.has(c.section.id) && !sentences.has(c.sentence)) lastTask.set(c.section.id, i);
  });
  return { sentences, bySection, lastTask };
}

/** Obligations of task tables (one per data row under a recognised header) and the paragraphs they use up. */
function tableObligations(plan: PlanInput, paraStarts: number[], byId: Map<string, Section>, issuers: string[]) {
  const paragraphs = new Set<number>();
  const obligations: { obligation: Obligation; sectionTitle: string }[] = [];
  let columns: TableColumns | null = null;
  let outside = 0;
  for (let k = 0; k < paraStarts.length; k++) {
    const start = paraStarts[k];
    const end = k + 1 < paraStarts.length ? paraStarts[k + 1] - 1 : plan.text.length;
    const line = plan.text.slice(start, end);
    if (!line.includes("|")) {
      // A stray line inside a pasted table (a page break's dots and page number) does not end it; text does.
      if (++outside > 4 || line.length > 200) columns = null;
      continue;
    }
    outside = 0;
    const header = headerColumns(line);
    if (header) {
      columns = header;
      paragraphs.add(k);
      continue;
    }
    if (!columns) continue;
    paragraphs.add(k);
    // A group row ("II | TRIỂN KHAI ĐỒNG BỘ ...") stops before the lead unit's column: a heading, not a task.
    if (cellTexts(line).length <= Math.max(columns.task, columns.responsible ?? 0)) continue;
    const row = rowTask(line, columns);
    if (!row) continue;
    const section = sectionAt(plan.sections, start);
    const responsible = row.responsible.length ? row.responsible : headingUnitFor(plan, section, byId).length ? headingUnitFor(plan, section, byId) : issuers;
    obligations.push({
      obligation: { id: "", sectionId: section.id, section: section.path, responsible, task: row.task, recipient: row.recipient, schedule: row.schedule, quote: line, span: { start, end } },
      sectionTitle: section.title,
    });
  }
  return { paragraphs, obligations };
}
