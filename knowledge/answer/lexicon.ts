// The domain lexicon: English and colloquial forms mapped onto the words plans use, so that a
// question and the plan text share terms. Applied to the lower-cased question before search.
// Longer phrases come first so that "6-month report" is not read as "month" + "report".

/** English phrase (regex source, matched on whole words) -> Vietnamese plan words. */
export const ENGLISH: readonly [string, string][] = [
  ["people'?s inspection (?:board|committee)s?", "ban thanh tra nhân dân"],
  ["(?:6|six)[- ]months?|half[- ]year(?:ly)?|semi[- ]annual(?:ly)?|bi[- ]?annual(?:ly)?|mid[- ]year", "6 tháng"],
  ["(?:9|nine)[- ]months?", "9 tháng"],
  ["(?:5|five)[- ]years?", "5 năm"],
  // A year-end review or award is "tổng kết năm" in plans; the year-end itself is "cuối năm".
  ["year[- ]end|end[- ]of[- ](?:the[- ])?year", "tổng kết năm hàng năm"],
  ["annual(?:ly)?|yearly|every year|each year|per year|a year", "hàng năm"],
  ["quarterly|every quarter|each quarter|per quarter|quarters?", "hàng quý"],
  ["monthly|every month|each month|per month", "hàng tháng"],
  ["government mass mobili[sz]ation", "dân vận chính quyền"],
  ["mass mobili[sz]ation|citizen mobili[sz]ation|public mobili[sz]ation", "dân vận"],
  ["people'?s committees?", "ủy ban nhân dân"],
  ["people'?s councils?", "hội đồng nhân dân"],
  ["fatherland front", "mặt trận tổ quốc"],
  ["party committee", "đảng ủy"],
  ["home affairs|internal affairs", "nội vụ"],
  ["justice", "tư pháp"],
  ["inspectorate", "thanh tra"],
  ["administrative reforms?", "cải cách hành chính"],
  ["administrative procedures?", "thủ tục hành chính"],
  ["citizen reception|receiving citizens", "tiếp công dân"],
  ["complaints?", "khiếu nại"],
  ["denunciations?|accusations?", "tố cáo"],
  ["petitions?", "đơn thư"],
  ["grassroots democracy", "dân chủ ở cơ sở"],
  ["democracy regulations?|democratic regulations?", "quy chế dân chủ"],
  ["emulation movement", "phong trào thi đua"],
  ["anti[- ]?corruption|corruption (?:prevention|control)|(?:prevention|fight(?:ing)?) (?:of|against) corruption", "phòng, chống tham nhũng"],
  ["corruption|corrupt", "tham nhũng"],
  ["asset (?:and income )?declarations?|declar(?:e|ing|ation of) assets", "kê khai tài sản"],
  ["assets?", "tài sản"],
  ["income", "thu nhập"],
  ["declar(?:e|es|ed|ing|ation|ations)", "kê khai"],
  ["standing (?:agency|body|office|unit|department)", "cơ quan thường trực"],
  ["hotlines?", "đường dây nóng"],
  ["job rotation|rotation of (?:posts|positions)|(?:post|position) rotation", "chuyển đổi vị trí công tác"],
  ["document management(?: system)?", "hệ thống quản lý văn bản"],
  ["percentage|percent|proportion|rate", "tỷ lệ"],
  ["(?:completed?|finish(?:ed)?|done)", "hoàn thành"],
  ["village meetings?|hamlet meetings?", "hội nghị thôn"],
  ["villages?|hamlets?", "thôn"],
  ["minutes", "biên bản"],
  ["citizens?|residents?|the people|people", "nhân dân"],
  ["disclos(?:e|ure)|publici[sz](?:e|ing|ation)|made public", "công khai"],
  ["emulation movements?|emulation campaigns?", "phong trào thi đua"],
  ["information security|cyber ?security", "an toàn thông tin"],
  ["drills?|exercises?", "diễn tập"],
  ["online meetings?|video ?conferenc(?:e|ing)", "họp trực tuyến"],
  ["model", "mô hình"],
  ["land", "đất đai"],
  ["recommendations?|feedback|petitions? and recommendations?", "kiến nghị"],
  ["reply|respond|answer(?:ed)?", "trả lời"],
  ["online public services?", "dịch vụ công trực tuyến"],
  ["public services?", "dịch vụ công"],
  ["online", "trực tuyến"],
  ["digital transformation", "chuyển đổi số"],
  ["one[- ]stop (?:shop|desk|unit)", "bộ phận một cửa"],
  ["satisfaction", "mức độ hài lòng"],
  ["surveys?", "khảo sát"],
  ["coordination program(?:me)?|joint program(?:me)?", "chương trình phối hợp"],
  ["program(?:me)?s?", "chương trình"],
  ["plans?", "kế hoạch"],
  ["reports?|reporting", "báo cáo"],
  ["review conferences?|preliminary reviews?", "hội nghị sơ kết"],
  ["final reviews?|summing[- ]up|summary reviews?", "tổng kết"],
  ["training (?:courses?|classes?|sessions?)|trainings?", "lớp tập huấn"],
  ["inspections?|inspect|checks?", "kiểm tra"],
  ["dialogues?", "đối thoại"],
  ["decisions?", "quyết định"],
  ["directives?", "chỉ thị"],
  ["resolutions?", "nghị quyết"],
  ["official letters?|dispatch(?:es)?", "công văn"],
  ["articles?", "điều"],
  ["laws?", "luật"],
  ["effect|effective", "hiệu lực"],
  ["signed|signs|sign|signer|signatory", "ký"],
  ["compiles?|compiling|consolidates?|synthesi[sz]es?|aggregates?", "tổng hợp"],
  ["submit(?:s|ted)?|send|sent|sends", "gửi"],
  ["provides?|supply|supplies", "cung cấp"],
  ["data|figures|statistics", "số liệu"],
  ["advises?|advising", "tham mưu"],
  ["presides?|chairs?|leads?", "chủ trì"],
  ["coordinates?|cooperates?", "phối hợp"],
  ["evaluat(?:e|es|ion|ing)|assess(?:es|ment)?|rank(?:s|ing)?|classif(?:y|ication)", "đánh giá xếp loại"],
  ["propaganda|communication", "tuyên truyền"],
  ["results?|outcomes?", "kết quả"],
  ["score|points?", "điểm"],
  ["index", "chỉ số"],
  ["leaders?|leadership", "lãnh đạo"],
  ["budget|funding|funds|costs?|expenses?", "kinh phí"],
  ["phone numbers?|telephone", "số điện thoại"],
  ["penalt(?:y|ies)|fines?", "mức phạt"],
  ["late", "trễ hạn"],
  ["communes?", "xã"],
  ["wards?", "phường"],
  ["districts?", "huyện"],
  ["provinces?|provincial", "tỉnh"],
  ["towns?", "thị xã"],
  ["city|cities", "thành phố"],
  ["office", "văn phòng"],
  ["units?|agenc(?:y|ies)", "đơn vị"],
  ["members?", "thành viên"],
  ["targets?|goals?", "phấn đấu đạt"],
  ["conferences?", "hội nghị"],
  // The general vocabulary of administrative documents.
  ["ministr(?:y|ies)", "bộ"],
  ["departments?", "sở"],
  ["prime minister", "thủ tướng chính phủ"],
  ["government", "chính phủ"],
  ["steering (?:committee|board)", "ban chỉ đạo"],
  ["chair(?:man|person)?", "chủ tịch"],
  ["licen[cs]es?|permits?", "giấy phép"],
  ["expir(?:e|es|y|ation)", "hết hạn"],
  ["working days?", "ngày làm việc"],
  ["labou?r", "lao động"],
  ["leas(?:e|ing)|sub-?leas(?:e|ing)", "cho thuê lại"],
  ["e-?mail", "thư điện tử"],
  ["systems?", "hệ thống"],
  ["(?:web )?address(?:es)?", "địa chỉ"],
  ["software|apps?", "phần mềm"],
  ["databases?", "cơ sở dữ liệu"],
  ["civil defen[cs]e", "phòng thủ dân sự"],
  ["reorgani[sz](?:e|ation)|restructur(?:e|ing)", "tổ chức lại"],
  ["command", "chỉ huy"],
  ["floods?|flooding", "lũ"],
  ["storms?", "bão"],
  ["natural disasters?|disasters?", "thiên tai"],
  ["damages?|damaged|losses", "thiệt hại"],
  ["hous(?:e|es|ing)|homes?", "nhà ở"],
  ["restor(?:e|ed|ing|ation)", "khôi phục"],
  ["telecom(?:munications?)?", "viễn thông"],
  ["electricity", "điện"],
  ["guidance|guidelines?|instructions?", "hướng dẫn"],
  ["decentrali[sz]ation|decentrali[sz]e", "phân cấp"],
  ["tasks?|duties|missions?", "nhiệm vụ"],
  ["issu(?:e|es|ed|ing)", "ban hành"],
  ["draft", "dự thảo"],
  ["review(?:s|ed|ing)?", "rà soát"],
  ["updat(?:e|es|ed|ing)", "cập nhật"],
  ["cadres?|civil servants?|officials?|public employees?", "cán bộ công chức"],
  ["bidding|procurement|tender(?:ing)?", "đấu thầu"],
  ["investors?", "nhà đầu tư"],
  ["investment", "đầu tư"],
  ["projects?", "dự án"],
  ["finance|financial", "tài chính"],
  ["prices?|pricing", "giá"],
  ["market", "thị trường"],
  ["poverty", "nghèo"],
  ["monitor(?:ing)?|supervis(?:e|ion)", "giám sát"],
  ["gender equality", "bình đẳng giới"],
  ["personal data", "dữ liệu cá nhân"],
  ["data protection", "bảo vệ dữ liệu"],
  ["state secrets?", "bí mật nhà nước"],
  ["voters?", "cử tri"],
  ["commendations?|awards?|rewards?", "khen thưởng"],
  ["dossiers?|applications? files?|files", "hồ sơ"],
  ["weekly|every week|each week", "hằng tuần"],
  ["progress", "tiến độ"],
  ["proposals?|propos(?:e|ed)", "đề xuất"],
  ["comments?|opinions?", "ý kiến"],
  ["schools?", "trường"],
  ["health", "y tế"],
  ["education", "giáo dục"],
  ["police|public security", "công an"],
  ["army|military", "quân sự"],
  ["support", "hỗ trợ"],
  ["completed? by|finish(?:ed)? by", "hoàn thành trước"],
];

/**
 * Colloquial forms that plans never use (folded regex source) -> plan words. Forms plans do use
 * ("cuối năm", "hàng năm") stay as typed; period detection reads them.
 */
export const COLLOQUIAL: readonly [string, string][] = [
  ["nua nam|sau thang|6 thang dau nam", "6 tháng"],
  ["chin thang", "9 tháng"],
  ["b/c|bcao", "báo cáo"],
  ["xong|hoan tat", "hoàn thành"],
];

/** Compiled once: whole-word, case-insensitive. */
export const ENGLISH_RULES = ENGLISH.map(([re, vi]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${re})(?![\\p{L}\\p{N}])`, "giu"), vi] as const);
export const COLLOQUIAL_RULES = COLLOQUIAL.map(([re, vi]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${re})(?![\\p{L}\\p{N}])`, "giu"), vi] as const);

/**
 * Words that only shape the question (question words, politeness, fillers), as folded phrases.
 * They are dropped from the content terms; multi-syllable ones first ("bao nhiêu" but not "báo").
 */
export const QUESTION_PHRASES: readonly string[] = [
  "bao nhieu", "bao gio", "bao lau", "khi nao", "luc nao", "hoi nao", "ngay nao", "ngay may", "thang nao", "nam nao",
  "the nao", "nhu the nao", "ra sao", "o dau", "ve dau", "den dau", "toi dau", "cho ai", "la gi", "la ai",
  "cho hoi", "cho em hoi", "cho minh hoi", "xin hoi", "lam on", "vui long", "duoc khong", "phai khong", "co phai",
  "mot lan", "may lan", "gium", "giup",
  "han chot", "han cuoi", "thoi han", "han nop", "han gui", "thoi diem", "thoi gian", "cham nhat", "muon nhat",
  "1 lan", "phan tram", "tu dau", "tu nguon nao", "nguon nao", "kenh nao", "hinh thuc nao", "bang cach nao", "cach nao",
  // "mấy lần mỗi năm": the year is the unit of the count, not a word of the task.
  ...["lan", "dot", "cuoc"].flatMap((x) => ["moi nam", "mot nam", "1 nam", "trong nam", "moi thang", "mot thang", "moi quy", "mot quy"].map((y) => `${x} ${y}`)),
];

/** Stop syllables as written with diacritics (used when the question carries diacritics). */
export const STOP_MARKED: ReadonlySet<string> = new Set(
  (
    "ai gì nào đâu khi mấy là có của và thì phải được cho về với không vậy anh chị ạ nhé nhỉ ơi em hả hở hỏi mình tôi " +
    "này đó kia các những ở tại trong theo để bị mà thuộc làm giờ lúc sao nữa rồi chưa đã đang sẽ cần nên muốn biết " +
    "bạn à nha nè thôi xin cảm ơn thế như hay hoặc từ đến tới trên dưới ra vào lên bằng mỗi gửi giùm giúp bởi vì do nhờ hả hen nghen ha nhen chứ"
  ).split(" "),
);

/**
 * Stop syllables for questions typed without diacritics: only forms that no common plan word
 * folds to ("co" is "có" but also "cơ quan", "hoi" is "hỏi" but also "hội", so both stay).
 */
export const STOP_FOLDED: ReadonlySet<string> = new Set(
  "ai gi nao dau khi may la cua va thi phai duoc khong vay anh nhe nhi oi em ha minh toi nay kia cac nhung o tai trong theo de bi ma thuoc lam gio sao nua roi chua da dang se nen muon biet a ak ah nha ne thoi xin the nhu hay hoac tu tren duoi ra vao len bang moi gium giup hen nghen nhen".split(" "),
);

/** English function words (any question). */
export const STOP_ENGLISH: ReadonlySet<string> = new Set(
  "what when who whom whose which where why how is are was were be been do does did the a an of to for in on at by with from and or this that these those it its there their they we you i me my our please tell can could would should will shall must have has had due deadline date day often many much about according get got need needs".split(" "),
);

/** Words that carry little of what a question is about: they count less when matching. */
export const LIGHT_WORDS: ReadonlySet<string> = new Set(
  ("nop gui thuc hien to chuc xay dung trien khai han ngay thang nam dinh ky lan hang tung ke hoach chuong trinh nhiem vu don vi co quan phu trach chiu trach nhiem chu tri " +
    // Everyday verbs of a question that never name its subject ("gặp khó khăn", "lấy từ đâu", "xong").
    "gap lay xong can phai kip het").split(" "),
);

/** Folded two-syllable words that plans use for one another, both ways. */
const SYNONYM_PAIRS: readonly [string, string][] = [
  ["nguoi dan", "nhan dan"],
  ["tiep dan", "tiep cong"],
  ["hop dan", "hoi nghi"],
];
export const SYNONYMS: ReadonlyMap<string, string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [a, b] of SYNONYM_PAIRS) {
    m.set(a, [...(m.get(a) ?? []), b]);
    m.set(b, [...(m.get(b) ?? []), a]);
  }
  return m;
})();
