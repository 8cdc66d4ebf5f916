// A synthetic corpus for the benchmark: plans made by recombining and varying the paragraphs of
// real plans (other places, units, years and dates), and questions officials would ask of them.
// Deterministic for a seed.

export interface SourcePlan {
  id: string;
  text: string;
  ext: string;
}

export interface BenchQuestion {
  planId: string | null;
  question: string;
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

const PLACES = [
  "Hồng Lĩnh", "Tiên Cảnh", "Sóc Trăng", "Tây Ninh", "Vĩnh Bảo", "An Phú", "Cẩm Xuyên", "Hương Khê", "Đức Thọ", "Nghi Xuân",
  "Thạch Hà", "Can Lộc", "Kỳ Anh", "Lộc Hà", "Vũ Quang", "Tiên Phước", "Hiệp Đức", "Quế Sơn", "Duy Xuyên", "Thăng Bình",
  "Núi Thành", "Phú Ninh", "Châu Thành", "Long Phú", "Mỹ Xuyên", "Trần Đề", "Kế Sách", "Cù Lao Dung", "Thạnh Trị", "Ngã Năm",
  "Hòa Thành", "Gò Dầu", "Trảng Bàng", "Bến Cầu", "Dương Minh Châu", "Tân Biên", "Tân Châu", "Thủy Nguyên", "Kiến Thụy", "Tiên Lãng",
  "An Lão", "Cát Hải", "Bạch Long Vĩ", "Yên Mỹ", "Văn Lâm", "Khoái Châu", "Kim Động", "Phù Cừ", "Tiên Lữ", "Ân Thi",
];
const UNITS = ["Phòng Nội vụ", "Phòng Tư pháp", "Văn phòng HĐND và UBND", "Phòng Văn hóa và Thông tin", "Phòng Tài chính - Kế hoạch", "Thanh tra huyện", "Phòng Lao động - Thương binh và Xã hội"];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** Paragraphs of a text (blank-line or line separated), with the header kept apart. */
function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

const BASE_PLACES = /Hồng Lĩnh|Tiên Cảnh|Tiên Phước|Sóc Trăng|Quảng Nam|Tây Ninh/g;

export function makePlans(sources: SourcePlan[], count: number, seed = 1): { id: string; text: string; ext: string; place: string }[] {
  const r = rng(seed);
  const split = sources.map((s) => ({ ...s, paras: paragraphs(s.text) }));
  const out: { id: string; text: string; ext: string; place: string }[] = [];
  for (let i = 0; i < count; i++) {
    const base = split[i % split.length];
    const place = PLACES[i % PLACES.length];
    const yearShift = Math.floor(r() * 4);
    const keepHead = Math.min(8, Math.floor(base.paras.length / 4));
    const body = base.paras.slice(keepHead).filter(() => r() > 0.15);
    // Recombine: a few paragraphs from another plan, inserted at random places.
    const other = split[(i + 1 + Math.floor(r() * (split.length - 1))) % split.length];
    for (let k = 0; k < 3; k++) {
      const p = other.paras[Math.floor(other.paras.length / 3 + r() * (other.paras.length / 2))];
      if (p && !/^#|^[IVX]+\./.test(p)) body.splice(Math.floor(r() * body.length), 0, p);
    }
    let text = [...base.paras.slice(0, keepHead), ...body].join("\n\n");
    text = text
      .replace(BASE_PLACES, place)
      .replace(/\b(20[12]\d)\b/g, (y) => String(Number(y) + yearShift))
      .replace(/trước ngày (\d{1,2})\/(\d{1,2})/g, (_, d, m) => `trước ngày ${Math.max(1, Math.min(28, Number(d) + Math.floor(r() * 9) - 4))}/${m}`)
      .replace(/Phòng Văn hoá - Thông tin|Phòng Văn hóa - Thông tin/g, () => pick(r, UNITS));
    out.push({ id: `bench-${String(i).padStart(4, "0")}-${base.id}`, text, ext: base.ext, place });
  }
  return out;
}

const SCOPED = [
  "khi nao nop bao cao 6 thang",
  "Hạn gửi báo cáo năm là ngày nào?",
  "When is the 6-month report due?",
  "when is the annual report due",
  "Báo cáo kết quả công tác dân vận gửi về đâu?",
  "Ai chịu trách nhiệm tổng hợp báo cáo?",
  "Đơn vị nào chủ trì giải quyết khiếu nại tố cáo?",
  "Bao lâu thì tổng kết một lần?",
  "Kế hoạch này căn cứ quyết định nào?",
  "Ai ký kế hoạch này?",
  "Tổ chức mấy lớp tập huấn?",
  "Kinh phí thực hiện kế hoạch là bao nhiêu?",
  "Báo cáo 9 tháng nộp khi nào?",
  "bc dvcq gui truoc ngay may vay anh",
];

/** Questions: templates on random plans, sentence fragments turned into questions, a share without a plan. */
export function makeQuestions(plans: { id: string; place: string; sentences: string[] }[], count: number, seed = 2): BenchQuestion[] {
  const r = rng(seed);
  const out: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const p = pick(r, plans);
    const roll = r();
    if (roll < 0.5) out.push({ planId: p.id, question: pick(r, SCOPED) });
    else if (roll < 0.8 && p.sentences.length) {
      const words = pick(r, p.sentences).split(/\s+/);
      const start = Math.floor(r() * Math.max(1, words.length - 6));
      out.push({ planId: p.id, question: `${words.slice(start, start + 6).join(" ")} là gì?` });
    } else out.push({ planId: null, question: `Báo cáo 6 tháng ở ${p.place} nộp trước ngày nào?` });
  }
  return out;
}
