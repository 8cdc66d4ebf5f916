// A benchmark corpus made from real documents (../shared/corpus/docs: decisions, official letters,
// directives and plans of many issuers) and, as a second source, the sample plans: each generated
// plan is one source document moved to another place, with its number, years and dates shifted
// and a few paragraphs left out. Deterministic for a seed.
import { readFileSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";

export interface SourcePlan {
  id: string;
  text: string;
  ext: string;
}

export interface GeneratedPlan {
  id: string;
  text: string;
  ext: string;
  /** The place the plan was moved to (its issuer's place and the place line of the header). */
  place: string;
}

/** Mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** The .txt and .md files of a folder, sorted by name. */
export function readSources(dir: string): SourcePlan[] {
  return readdirSync(dir)
    .filter((f) => [".txt", ".md"].includes(extname(f)))
    .sort()
    .map((f) => ({ id: f.replace(/\.[^.]+$/, ""), text: readFileSync(join(dir, f), "utf8"), ext: extname(f) }));
}

/** Seeded shuffle (Fisher-Yates), so a small --plans still spans many issuers. */
function shuffled<T>(xs: readonly T[], r: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const PLACES = [
  "Hồng Lĩnh", "Tiên Cảnh", "Sóc Trăng", "Tây Ninh", "Vĩnh Bảo", "An Phú", "Cẩm Xuyên", "Hương Khê", "Đức Thọ", "Nghi Xuân",
  "Thạch Hà", "Can Lộc", "Kỳ Anh", "Lộc Hà", "Vũ Quang", "Tiên Phước", "Hiệp Đức", "Quế Sơn", "Duy Xuyên", "Thăng Bình",
  "Núi Thành", "Phú Ninh", "Châu Thành", "Long Phú", "Mỹ Xuyên", "Trần Đề", "Kế Sách", "Cù Lao Dung", "Thạnh Trị", "Ngã Năm",
  "Hòa Thành", "Gò Dầu", "Trảng Bàng", "Bến Cầu", "Dương Minh Châu", "Tân Biên", "Tân Châu", "Thủy Nguyên", "Kiến Thụy", "Tiên Lãng",
  "An Lão", "Cát Hải", "Bạch Long Vĩ", "Yên Mỹ", "Văn Lâm", "Khoái Châu", "Kim Động", "Phù Cừ", "Tiên Lữ", "Ân Thi",
];

/** The place a document was written at: "Đắk Lắk, ngày 26 tháng 11 năm 2025" in the header. */
export function placeOf(text: string): string | null {
  const m = /(?:^|\n)[\s*_|]*([A-ZĐÀ-Ỹ][\p{L} .]{1,28}?)\s*,\s*ngày\b/u.exec(text.slice(0, 4000));
  return m ? m[1].trim() : null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Moves one document: its place (as written and in capitals) to `place`, its number to another,
 * every year by one shift and every day of a date by another ("ngày 10/6", "20/11/2025", "ngày 10
 * tháng 6": the same date stays the same date everywhere in the document); drops about one body
 * paragraph in ten (never the header or a heading).
 */
export function varyDocument(text: string, place: string, r: () => number): string {
  const from = placeOf(text);
  const yearShift = Math.floor(r() * 4);
  const dayShift = Math.floor(r() * 9) - 4;
  const day = (d: string) => String(Math.max(1, Math.min(28, Number(d) + dayShift)));
  const paras = text.split(/\n\s*\n/);
  const keepHead = Math.min(8, Math.floor(paras.length / 4));
  let out = [...paras.slice(0, keepHead), ...paras.slice(keepHead).filter((p) => /^\s*(#|[IVX]+\.|\d+\.)/.test(p) || r() > 0.1)].join("\n\n");
  if (from && from.length >= 3) {
    out = out.replace(new RegExp(escape(from), "g"), place).replace(new RegExp(escape(from.toUpperCase()), "g"), place.toUpperCase());
  }
  return out
    .replace(/(Số:\s*\**\s*)(\d{1,4})(?=\/)/u, (_, head) => `${head}${1 + Math.floor(r() * 400)}`)
    .replace(/\b(20[12]\d)\b/g, (y) => String(Number(y) + yearShift))
    .replace(/(ngày\s+)(\d{1,2})(\/\d{1,2})/g, (_, head, d, rest) => `${head}${day(d)}${rest}`)
    .replace(/(?<![\d/])(\d{1,2})(\/\d{1,2}\/20\d\d)/g, (m, d, rest, at, all: string) => (/ngày\s+$/.test(all.slice(Math.max(0, at - 8), at)) ? m : `${day(d)}${rest}`))
    .replace(/(ngày\s+)(\d{1,2})(\s+tháng\s+\d{1,2})/g, (_, head, d, rest) => `${head}${day(d)}${rest}`);
}

/**
 * `count` plans: four in five from `real` (shuffled, so a small count still spans issuers), one in
 * five from `samples`; every plan at another place than its source, with other dates.
 */
export function makePlans(real: SourcePlan[], count: number, seed = 1, samples: SourcePlan[] = []): GeneratedPlan[] {
  const r = rng(seed);
  const order = shuffled(real, r);
  const out: GeneratedPlan[] = [];
  let ri = 0;
  let si = 0;
  for (let i = 0; i < count; i++) {
    const fromSamples = samples.length > 0 && (order.length === 0 || i % 5 === 4);
    const base = fromSamples ? samples[si++ % samples.length] : order[ri++ % order.length];
    const place = PLACES[(i * 7) % PLACES.length];
    const id = `bench-${String(i).padStart(4, "0")}-${base.id.slice(0, 48).replace(/-+$/, "")}`;
    out.push({ id, text: varyDocument(base.text, place, r), ext: base.ext, place });
  }
  return out;
}
