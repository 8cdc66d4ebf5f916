// Which real units a collective name in a plan covers. Plans assign work to "Ủy ban nhân dân các
// phường, xã", "các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã", "UBND các huyện, thị xã,
// thành phố", "Ban Dân vận các huyện ủy, thị ủy, thành ủy"; a person registers under "UBND phường
// Bắc Hồng" or "Phòng Tư pháp". The rule, with no list of places:
//   "X các A, B, C [thuộc/của/cấp Y]" covers a unit named "X K <proper name>" where K is one of
//   A, B, C or a word of the same kind (phường/xã/thị trấn, huyện/thị xã/thành phố/quận,
//   phòng/ban/đơn vị, sở/ban/ngành, ...). Abbreviations are expanded first (UBND -> Ủy ban nhân
//   dân), a leading person title is dropped ("Chủ tịch UBND các xã" is the communes' UBND), and
//   an exact name (key()) always covers.
import { ABBREVIATIONS } from "../../knowledge/search/abbreviations";
import { key } from "../../knowledge/vietnamese";
import { BoundedMap } from "../storage/bounded-map";

/** Words of one kind of unit; a collective naming one of them covers them all. Folded forms. */
const KIND_GROUPS: readonly (readonly string[])[] = [
  ["phuong", "xa", "thi tran"],
  ["huyen", "thi xa", "thanh pho", "quan"],
  ["huyen uy", "thi uy", "thanh uy", "quan uy"],
  ["dang uy", "chi bo"],
  ["phong", "ban", "don vi", "co quan", "van phong", "trung tam"],
  ["so", "ban", "nganh"],
  ["doan the", "hoi", "doan"],
  ["thon", "xom", "ap", "ban", "to dan pho", "khu pho", "khom"],
  // Public service units ("các đơn vị sự nghiệp trực thuộc Sở") are not the offices (phòng).
  ["don vi su nghiep", "trung tam", "truong", "dai", "benh vien", "ban quan ly"],
  ["tinh"],
];

/** Areas: a bare "các phường, xã" also covers the area's government ("UBND phường X"). */
const AREA_KINDS = new Set(["phuong", "xa", "thi tran", "huyen", "thi xa", "thanh pho", "quan", "tinh", "thon", "xom", "ap", "to dan pho", "khu pho", "khom"]);
const GOVERNMENT = "uy ban nhan dan";
const PARTY = /(?:^|\s)(?:tinh|huyen|thi|thanh|quan|dang) uy(?:\s|$)|(?:^|\s)chi bo(?:\s|$)/;

// Longest first, so "thi xa" wins over "thi", "huyen uy" over "huyen".
const KINDS = [...new Set(KIND_GROUPS.flat())].sort((a, b) => b.length - a.length);

/** The head of a unit that a title names: "Chủ tịch UBND ..." is the UBND. */
const PERSON_TITLE = /^(?:pho chu tich|chu tich|pho truong|thu truong|lanh dao|nguoi dung dau|pho giam doc|giam doc|truong)\s+/;

export interface Collective {
  /** The words before "các" (expanded, folded), e.g. "uy ban nhan dan"; "" for "các sở, ban, ngành". */
  head: string;
  /** The kinds of unit covered (the listed ones with their groups), folded. */
  kinds: Set<string>;
  /** A unit named before the collective part ("Ủy ban nhân dân thị xã, các phường, xã"), folded. */
  also: string[];
}

/** Folded, lower-cased, abbreviations expanded, punctuation other than commas made spaces. */
export function unitWords(name: string): string {
  return key(name)
    .replace(/[^\p{L}\p{N},\s]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const bare = w.replace(/,$/, "");
      const exp = ABBREVIATIONS[bare];
      return exp ? key(exp) + (w.endsWith(",") ? "," : "") : w;
    })
    .join(" ")
    .replace(/\s+,/g, ",")
    .trim();
}

/** The comparable form of a unit name: unitWords without commas. */
export function unitMatchKey(name: string): string {
  return unitWords(name).replace(/,/g, " ").replace(/\s+/g, " ").trim();
}

/** A kind word at the start of s (word-aligned), or null. */
function kindAt(s: string): string | null {
  for (const k of KINDS) if (s === k || s.startsWith(`${k} `) || s.startsWith(`${k},`)) return k;
  return null;
}

function groupOf(listed: string[]): Set<string> {
  // A kind shared by two groups ("ban": phòng/ban/đơn vị and sở/ban/ngành) goes with the group
  // its neighbours name; on its own it brings every group it is in.
  const groups = KIND_GROUPS.filter((g) => listed.some((k) => g.includes(k)));
  const decisive = groups.filter((g) => listed.some((k) => g.includes(k) && KIND_GROUPS.filter((h) => h.includes(k)).length === 1));
  const chosen = decisive.length ? decisive : groups;
  const out = new Set<string>(listed);
  for (const g of chosen) for (const k of g) out.add(k);
  return out;
}

/** Where the last kind word of a run of words starts ("uy ban nhan dan thi xa hong linh" -> 4), or -1. */
function lastKindStart(words: string[]): number {
  let last = -1;
  for (let i = 0; i < words.length; ) {
    const k = kindAt(words.slice(i).join(" "));
    if (k) {
      last = i;
      i += k.split(" ").length;
    } else i++;
  }
  return last;
}

const withoutTitle = (s: string) => s.replace(PERSON_TITLE, "");

/** The collective a name states, or null when it names one unit. */
export function parseCollective(name: string): Collective | null {
  const w = unitWords(name);
  const m = /(?:^|\s)cac\s+/.exec(w);
  if (!m) return null;
  let head = withoutTitle(w.slice(0, m.index).trim());
  const also: string[] = [];
  // "Ủy ban nhân dân thị xã, các phường, xã" / "... thị xã và các ...": one unit, then the
  // collective of its kind; the head is that unit's name up to its kind word.
  const lead = /^(.*?)(?:,|\s+va)$/.exec(head);
  if (lead) {
    const named = lead[1].replace(/,/g, " ").replace(/\s+/g, " ").trim();
    if (named) also.push(named);
    const words = named.split(" ");
    const at = lastKindStart(words);
    head = at > 0 ? words.slice(0, at).join(" ") : named;
  }
  head = head.replace(/,/g, " ").replace(/\s+/g, " ").trim();
  if (PERSON_TITLE.test(`${head} `)) head = "";

  // The list after "các": kinds separated by commas, "và", or nothing ("phòng ban"); it ends at
  // the first word that is not a kind ("thuộc Ủy ban nhân dân thị xã", "cấp huyện", "hành chính").
  let rest = w.slice(m.index + m[0].length);
  const listed: string[] = [];
  for (;;) {
    rest = rest.replace(/^(?:,\s*|va\s+|cac\s+)+/, "");
    const k = kindAt(rest);
    if (!k) break;
    listed.push(k);
    rest = rest.slice(k.length).trim();
  }
  if (listed.length === 0) return null;
  return { head, kinds: groupOf(listed), also };
}

/** A responsible name prepared once for checking many units. */
export interface ResponsibleName {
  name: string;
  key: string;
  collective: Collective | null;
}

// Prepared forms by name: an ingest links every batch against every unit, and the same names come
// back batch after batch (pure functions of the name; the objects are never changed).
const responsibleMemo = new BoundedMap<string, ResponsibleName>(20_000);
const unitMemo = new BoundedMap<string, UnitName>(20_000);

export function prepareResponsible(name: string): ResponsibleName {
  let r = responsibleMemo.get(name);
  if (!r) responsibleMemo.set(name, (r = { name, key: unitMatchKey(name), collective: parseCollective(name) }));
  return r;
}

/** A unit's name prepared once for checking many responsible names. */
export interface UnitName {
  key: string;
  collective: boolean;
}

export function prepareUnit(name: string): UnitName {
  let u = unitMemo.get(name);
  if (!u) unitMemo.set(name, (u = { key: unitMatchKey(name), collective: parseCollective(name) !== null }));
  return u;
}

/** True when the plan's responsible name (or its prepared form) makes the unit (its name or prepared form) responsible. */
export function covers(responsible: string | ResponsibleName, unitName: string | UnitName): boolean {
  const r = typeof responsible === "string" ? prepareResponsible(responsible) : responsible;
  const unit = typeof unitName === "string" ? prepareUnit(unitName) : unitName;
  const u = unit.key;
  if (!u) return false;
  if (u === r.key) return true;
  const c = r.collective;
  if (!c) return false;
  if (c.also.some((a) => u === a || u.startsWith(`${a} `))) return true;
  if (unit.collective) return false; // a collective is covered only by its own name
  // A party body ("Ban Dân vận Tỉnh ủy") is not one of the government's "phòng, ban, đơn vị".
  if (PARTY.test(u) && !PARTY.test(`${c.head} ${[...c.kinds].join(" ")}`)) return false;
  return coveredBy(c, u) || (c.head === "" && u.startsWith(`${GOVERNMENT} `) && coveredBy(c, u.slice(GOVERNMENT.length + 1), AREA_KINDS));
}

function coveredBy(c: Collective, u: string, only?: Set<string>): boolean {
  let rest = u;
  if (c.head) {
    if (!u.startsWith(`${c.head} `)) return false;
    rest = u.slice(c.head.length + 1);
  }
  const k = kindAt(rest);
  if (!k || !c.kinds.has(k) || (only && !only.has(k))) return false;
  // A proper name must follow the kind: "UBND phường Bắc Hồng", not "UBND phường".
  return rest.length > k.length + 1;
}
