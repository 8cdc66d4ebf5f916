// What a question asks for, as the kind of fact its answer must carry. One question may ask for
// two ("gửi cho ai, hạn khi nào?"): the first is the main ask, the others are wanted as well.
import type { QuestionKind } from "../types";
import { hasDiacritics, normaliseTones } from "../vietnamese";
import { aboutSigning, type Question } from "./question";

export type Ask =
  | "deadline" // a date, a rule with a day, a month or year
  | "duration" // a span: "bao lâu", "bao nhiêu ngày"
  | "recipient"
  | "responsible"
  | "recurrence"
  | "method" // how or through which system
  | "contact" // e-mail, web address, phone
  | "annex" // form, annex, outline
  | "money"
  | "funding" // where the money comes from: "từ nguồn ngân sách nhà nước"
  | "quantity"
  | "signer"
  | "person" // who holds a post: a person's name
  | "issued" // the date the document was signed
  | "content";

/** The answer kind reported to channels and the eval, for each ask. */
export const KIND_OF: Record<Ask, QuestionKind> = {
  deadline: "deadline",
  duration: "deadline",
  recipient: "recipient",
  responsible: "responsible",
  recurrence: "recurrence",
  method: "content",
  contact: "content",
  annex: "content",
  money: "content",
  funding: "content",
  quantity: "content",
  signer: "content",
  person: "content",
  issued: "content",
  content: "content",
};

// Each test reads the folded question (f) and the lower-cased raw one (en, for English words).
/** The question as the tests read it: folded, its English words, and whether it is about signing. */
interface Said {
  f: string;
  en: string;
  signing: boolean;
  /** Lower case with diacritics, when typed with them ("lương" is pay, "lượng" is not). */
  marked: string;
}

const TESTS: [Ask, (said: Said) => boolean][] = [
  ["contact", ({ f, en, signing }: Said) => /\b(email|e-mail|e mail|thu dien tu|hom thu|dia chi (web|trang|mang|thu)|trang web|trang thong tin nao|website|url|duong (dan|link)|link|so dien thoai|dien thoai|hotline)\b/.test(f) || /\b(web address|e-?mail|url|website|phone)\b/.test(en)],
  ["annex", ({ f, en, signing }: Said) => /\b(theo mau|mau (nao|gi|so)|de cuong|phu luc|bieu mau)\b/.test(f) || /\b(annex|template|form)\b/.test(en)],
  ["signer", ({ f, en, signing }: Said) => /\b(ai|nguoi nao|dong chi nao) (da )?ky\b|\bky boi ai\b|\bnguoi ky\b|\bai ky ban hanh\b/.test(f) || /\bwho signed\b/.test(en)],
  // "ký" here is signing, not the "kỳ" of "kỳ họp"; "ban hành" the issuing of the document itself, not a task.
  ["issued", ({ f, en, signing }: Said) => (signing || /\b(duoc|da) ban hanh\b|^(ke hoach|quyet dinh|cong van|chi thi|van ban|thong tu|nghi quyet)\b[^,]*\bban hanh (ngay|khi|luc|bao)/.test(f)) && /\b(ngay nao|khi nao|bao gio|ngay may|luc nao|thoi gian nao)\b/.test(f) || /\b(signed|issued) on\b|\bwhen was .* (signed|issued)\b/.test(en)],
  ["person", ({ f, en }: Said) => /\b(ai|nguoi nao|ten) (la|lam|cua) (chu tich|pho chu tich|giam doc|pho giam doc|truong ban|truong phong|bi thu|thu truong|bo truong)\b/.test(f) || /\bwho is the (chair|director|head|secretary|minister)/.test(en)],
  ["funding", ({ f, en }: Said) => /\b(kinh phi|ngan sach|von|chi phi|tien)\b.*\b(tu dau|o dau|nguon nao|nguon gi|tu nguon|lay tu|lay o|do ai (chi|cap|bo tri)|ai chi tra)\b|\bnguon (kinh phi|von|ngan sach)\b/.test(f) || /\b(funded|funding source|source of (the )?(funds|funding|money)|paid for|pays for)\b|\bwhere does the (money|funding|budget)\b.*\bcome from\b/.test(en)],
  // A word of money and a "bao nhiêu" that counts an amount ("Lương cán bộ xã là bao nhiêu?", "phí bao
  // nhiêu một hồ sơ"), not "bố trí tiền cho mấy đơn vị" (it counts units) nor the "giá" of "đánh giá".
  ["money", ({ f, en, marked }: Said) => COUNTS_MONEY.test(marked) || (MONEY_WORD.test(marked) && COUNTS_AMOUNT.test(marked)) || /\b(bao nhieu (tien|ty|trieu)|muc (ho tro|phat|chi|thu)|tien phat|bi phat|xu phat|kinh phi (la )?bao nhieu|le phi|muc luong)\b/.test(f) || /\bhow much (money|funding)|\b(penalty|fine|amount)\b/.test(en)],
  ["recipient", ({ f, en, marked }: Said) => whereTo(f, marked) || /\b(cho ai|toi ai|gui ai|nop ai|ai nhan|noi nhan|cap nao nhan|(co quan|don vi|phong|ban|so|bo|vu|cuc) nao nhan)\b/.test(f) || /\b(gui|nop|bao cao|thong bao|chuyen|trinh)\b.*\b(co quan|don vi|phong|ban|so|bo|vu|cuc|cap)( [a-z]+){0,2} nao\b/.test(f) || /\b(bao cao|gui|nop|trinh|chuyen)( lai)? (voi |cho |len |toi )?ai\b/.test(f) || /\b(to whom|send (it )?to|submit(ted)? to|sent to|reach|where (do|does|should|to)|recipient)\b/.test(en)],
  ["method", ({ f, en, signing }: Said) => /\b(qua|bang|tren) (he thong|phan mem|hinh thuc|cach|phuong thuc|kenh|cong) nao\b|\b(he thong|phan mem|hinh thuc|phuong thuc|kenh) nao\b|\bbang cach nao\b|\bnhu the nao\b.*\b(gui|nop)\b/.test(f) || /\bhow (to|do|should) .*\b(send|submit)|\bwhich system\b/.test(en)],
  ["duration", ({ f, en, signing }: Said) => /\b(bao lau|bao nhieu ngay|may ngay|bao nhieu thang|may thang|trong bao lau|truoc bao lau)\b/.test(f) && !/\bbao lau\b.*\b(mot|1) lan\b/.test(f) || /\bhow (long|many days)\b/.test(en)],
  ["recurrence", ({ f, en, signing }: Said) => /\b(bao lau\b.*\b(mot|1) lan|may lan|tan suat|bao nhieu lan|lap lai|dinh ky (nao|the nao|ra sao)|the nao)\b/.test(f) && /\b(lan|dinh ky|tan suat|lap lai)\b/.test(f) || /\bhow often\b|\bfrequency\b|\bwhich period\b|\bcover\b/.test(en) || /\b(khoang thoi gian nao|giai doan nao|ap dung (trong|tu) )\b/.test(f)],
  ["deadline", ({ f, en, signing }: Said) => /\b(khi nao|bao gio|luc nao|ngay nao|ngay may|thoi han|han chot|han cuoi|han nop|han gui|truoc ngay|thoi diem nao|hoi nao|xong truoc|hom nao|thu may|ngay bao nhieu)\b|^han\b|\bhan (la|la ngay)\b/.test(f) || /\b(when|due|deadline|by what date|what date|which date|by when|which day)\b/.test(en)],
  ["responsible", ({ f, en, signing }: Said) => /^(ai|don vi nao|co quan nao|bo phan nao|phong nao|ban nao|nhung ai|nhung (bo|so|tinh|don vi|co quan) nao)\b|\b(ai|don vi nao|co quan nao|bo phan nao|(bo|so|vu|cuc|tinh|nganh) nao) (chiu trach nhiem|phu trach|chu tri|tham muu|thuc hien|lam|tong hop|phai|duoc|co trach nhiem|huong dan|theo doi)\b|\bchiu trach nhiem\b|\bnhiem vu gi\b/.test(f) || /\b(who|which (unit|office|department|agency|body|ministr))\b|\bresponsible\b|\bin charge\b/.test(en)],
  ["quantity", ({ f, en, signing }: Said) => /\b(bao nhieu|may)\b/.test(f) || /\bhow (many|much)\b|\bpercent/.test(en)],
];

const MONEY_WORD = /(?<![\p{L}])(?<!đánh |thẩm định )(?:lệ phí|phí|tiền|chi phí|phạt|lương|phụ cấp|giá|ngân sách)(?![\p{L}])/u;
// "bao nhiêu"/"mấy" counting an amount: not after a noun it counts ("ngày mấy"), and followed by nothing
// but the question's particles, "một"/"mỗi" (per ...) or a unit of money; not "mấy đơn vị", "mấy ngày".
const COUNTS_AMOUNT = /(?<![\p{L}])(?<!(?:ngày|tháng|năm|giờ|quý|tuần|lần|số|thứ|khóa|đợt)\s)(?:bao nhiêu|mấy)(?=\s*(?:$|[?.!,;]|(?:vậy|vay|ạ|a|ad|ak|thế|nhỉ|nhé|đấy|hả|không|anh|chị|em|một|mỗi|1|tiền|đồng|tỷ|triệu|nghìn|ngàn)(?![\p{L}])))/u;
const COUNTS_MONEY = /(?<![\p{L}])(?:bao nhiêu|mấy)\s+(?:tiền|đồng|tỷ|triệu)(?![\p{L}])/u;

/** "về đâu", "ở đâu": typed with marks, "đâu" must be "đâu" ("về đấu thầu" is not "về đâu"). */
function whereTo(f: string, marked: string): boolean {
  if (hasDiacritics(marked)) return /(?<![\p{L}])(về|ở|đến|tới) đâu(?![\p{L}])/u.test(marked);
  return /\b(ve|o|den|toi) dau\b/.test(f);
}

/** The asks of a question, main one first; "content" when none is recognised. */
export function asksOf(q: Pick<Question, "folded" | "raw" | "language">): Ask[] {
  const en = q.language === "en" ? q.raw.toLowerCase() : "";
  const said: Said = { f: q.folded, en, signing: aboutSigning(q.raw, q.folded), marked: normaliseTones(q.raw).toLowerCase() };
  const out: Ask[] = [];
  for (const [ask, test] of TESTS) if (test(said)) out.push(ask);
  // "bao nhiêu ngày" is a span, not a count; "ngày bao nhiêu" a date.
  if (out.includes("duration") || out.includes("deadline")) remove(out, "quantity");
  if (out.includes("money")) remove(out, "quantity");
  // "Kinh phí lấy ở đâu" asks a source of money, not where to send something.
  if (out.includes("funding")) for (const x of ["recipient", "money", "quantity"] as const) remove(out, x);
  if (out.includes("issued")) remove(out, "deadline");
  if (out.includes("signer") || out.includes("person")) remove(out, "responsible");
  // An English question leads with its question word: "When must ... reach X" asks a date.
  if (en && /^\s*(when|by what date|by when|what date|which date)\b/.test(en) && out.includes("deadline")) {
    remove(out, "deadline");
    out.unshift("deadline");
  }
  // A combined question ("gửi cho ai, hạn khi nào"): the recipient leads, the date is wanted too.
  return out.length ? out : ["content"];
}

function remove(list: Ask[], x: Ask): void {
  const i = list.indexOf(x);
  if (i >= 0) list.splice(i, 1);
}

/** The question wants a calendar date ("trước ngày nào", "hạn"), not just "when" ("khi nào" takes "hằng năm"). */
export function strictDate(q: Pick<Question, "folded" | "raw" | "language">): boolean {
  return /\b(ngay nao|ngay may|truoc ngay|thoi han|han chot|han cuoi|han nop|han gui|ngay bao nhieu)\b|^han\b|\bhan (la|khi)\b/.test(q.folded) || (q.language === "en" && /\b(by what date|what date|which date|deadline|due)\b/.test(q.raw.toLowerCase()));
}
