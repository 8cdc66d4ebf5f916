// Words that mark tasks, reports and organisations in Vietnamese plan documents.

/** Verbs that start a task (lower case as written mid-sentence). Longest first within a prefix. */
export const TASK_VERBS = [
  "có trách nhiệm", "chịu trách nhiệm", "chủ trì", "phối hợp", "tham mưu", "tổng hợp", "báo cáo", "xây dựng", "tổ chức",
  "thực hiện", "triển khai", "theo dõi", "kiểm tra", "đôn đốc", "hướng dẫn", "chỉ đạo", "cung cấp", "gửi", "nộp", "trình bày",
  "ban hành", "rà soát", "tuyên truyền", "phổ biến", "tiếp nhận", "giải quyết", "làm tốt", "tạo điều kiện", "tham gia",
  "duy trì", "đề xuất", "lãnh đạo", "quán triệt", "tập trung", "tiếp tục", "đẩy mạnh", "nâng cao", "chủ động", "khẩn trương",
  "hoàn thành", "lập kế hoạch", "lập báo cáo", "thống kê", "cập nhật", "đánh giá", "sơ kết", "tổng kết", "tham dự", "giám sát", "phản ánh",
  "tăng cường", "thường xuyên", "kịp thời", "nghiên cứu", "bố trí", "phân công", "quan tâm", "chú trọng",
  "vận động", "biểu dương", "khen thưởng", "cụ thể hóa", "đưa tin", "mời", "bảo đảm", "đảm bảo", "thống nhất", "chuẩn bị",
  "kiện toàn", "thành lập", "củng cố", "chỉnh lý", "số hóa", "thu thập", "kê khai", "khảo sát", "thẩm định", "tập huấn",
  "bồi dưỡng", "hỗ trợ", "xử lý", "vận hành", "ứng phó", "họp", "trao đổi", "đối thoại", "thông báo", "xem xét", "phê duyệt", "trả lời", "niêm yết",
];

/** Verbs that are nouns inside a clause ("cấp xã", "chương trình") but open one as its task: "Cấp Giấy chứng nhận ... không quá 03 ngày làm việc". */
export const OPENING_VERBS = ["cấp", "chuyển", "trình", "lập", "công bố", "phát hành"];

/** Verbs by which a result goes to someone: the recipient follows them. */
export const SEND_VERBS = ["báo cáo", "gửi", "nộp", "trình", "cung cấp", "chuyển", "gởi"];

/** A clause that only cites a document ("Chỉ thị số 03/CT-UBND ngày ... của ...") assigns nothing. */
export const CITATION_START = /^(?:Căn cứ\s+|Thực hiện\s+|Theo\s+)?(?:Luật|Bộ luật|Nghị quyết|Chỉ thị|Quyết định|Kết luận|Thông tư|Nghị định|Công văn|Pháp lệnh|Quy định|Hướng dẫn|Đề án|Thông báo|Kế hoạch|Chương trình(?: hành động| phối hợp)?)(?:\s+(?:số\s+)?[\p{L}\d]*\d[\p{L}\d/.-]*|\s+số)/u;

/** Reporting vocabulary: a clause with one of these and a period or date is a reporting obligation. */
export const REPORT_WORDS = /báo cáo|tổng hợp|gửi về|cung cấp thông tin|cung cấp số liệu|chế độ thông tin|thống kê|sơ kết|tổng kết|đánh giá/u;

/** Summative activities: with a year or a programme stage and no recurrence they happen once. */
export const SUMMATIVE_WORDS = /báo cáo|tổng kết|sơ kết|đánh giá|xếp loại|hội nghị/u;

/**
 * Words after which a verb form is a noun ("Chương trình phối hợp", "trên cơ sở báo cáo",
 * "chế độ báo cáo"): such occurrences do not start a task.
 */
export const NOUN_CONTEXT = /(?:quá trình|chương trình|kế hoạch|quy chế|công tác|sự|việc|cơ sở|chế độ|các|những|bản|nội dung|thông tin,|thông tin|kết quả|tình hình|hoạt động|đề án|ban|phòng)\s*$/iu;

/** Organisation heads that start a unit name anywhere in a sentence. */
export const ORG_HEADS = [
  "Ủy ban nhân dân", "Ủy ban Mặt trận Tổ quốc", "Ủy ban MTTQ", "UBMTTQ", "UBND", "Mặt trận Tổ quốc", "Hội đồng nhân dân", "HĐND",
  "Ban", "Phòng", "Sở", "Văn phòng", "Trung tâm", "Công an", "Đảng ủy", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Thị ủy", "Quận ủy",
  "Chi bộ", "Chi cục", "Cục", "Bộ", "Kho bạc", "Bảo hiểm xã hội", "Đài", "Trường", "Bệnh viện", "Thanh tra", "Tòa án",
  "Viện kiểm sát", "Liên đoàn", "Hội Liên hiệp", "Hội Nông dân", "Hội Cựu chiến binh", "Hội Phụ nữ", "Hội Người cao tuổi",
  "Hội Chữ thập đỏ", "Đoàn Thanh niên", "Huyện đoàn", "Tỉnh đoàn", "Thành đoàn", "Chủ tịch", "Phó Chủ tịch", "Thủ trưởng",
  "Giám đốc", "Thủ tướng", "Khối", "Thường trực", "Cơ quan", "Công chức", "Ban Chỉ huy", "Ban Chỉ đạo", "Tổ công tác", "Người đứng đầu",
  // Fixed names that contain a verb ("tiếp nhận") and would otherwise be cut there.
  "Bộ phận tiếp nhận và trả kết quả", "Bộ phận Một cửa", "Bộ phận một cửa", "Bộ phận", "Hội đồng", "Trưởng", "Tổ hòa giải", "Tổ dân phố", "Tổ giúp việc", "Hợp tác xã",
  "các phòng", "các sở", "các cơ quan", "các đơn vị", "các ban", "các ngành", "các xã", "các phường", "các địa phương",
  "các huyện", "các tổ chức", "các đoàn thể", "các hội", "các khu phố", "các thôn", "các tổ dân phố", "các ấp", "các bản",
  "các khối phố", "các trường", "các doanh nghiệp", "các bộ phận", "các thành viên", "các hợp tác xã", "phòng", "ủy ban nhân dân",
  // A capitalised collective: "các Sở, ban, ngành", "các Phòng chuyên môn".
  "các Sở", "các Ban", "các Phòng", "các Cơ quan", "các Đơn vị",
];

// Collective heads also start a sentence: "Các phòng, ban, đơn vị ...".
for (const h of ORG_HEADS.filter((x) => x.startsWith("các ") && !ORG_HEADS.includes(`C${x.slice(1)}`))) ORG_HEADS.push(h.charAt(0).toUpperCase() + h.slice(1));

/** Heads that also make a section heading a unit ("2. Tư pháp xã", "3. Công chức Văn hóa - xã hội"). */
export const HEADING_HEADS = [...ORG_HEADS, "Tư pháp", "Văn hóa", "Địa chính", "Tài chính", "Kế toán", "Quân sự", "Y tế", "Giáo dục", "Công an"];

/** Lower-case words that may be part of a unit name ("các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã"); any other lower-case word ends it. */
export const UNIT_WORDS = new Set(
  ("xã phường huyện tỉnh thị trấn thành phố quận các cấp ủy thuộc trực ban đơn vị phòng ngành cơ quan đoàn thể chính trị hội " +
    "và của hộ tịch dân nhân liên địa phương khu thôn tổ chuyên môn sở cán sự đảng hành nhà nước sự nghiệp chức tư pháp văn hóa " +
    "thông tin kê nội vụ thường trực công an quân đội thanh niên phụ nữ nông cựu chiến binh mặt trận quốc ấp bản khối trung ương " +
    "lao động thương binh xã hội tài chính kế hoạch giáo dục đào tạo y tế truyền tài nguyên môi trường kinh tế hạ tầng " +
    "người đứng đầu thủ trưởng lãnh đạo chủ tịch phó giám đốc ngân hàng kho bạc chi nhánh bảo hiểm điện lực thuế").split(" "),
);

/** Words that end a unit name when they follow it. */
export const UNIT_STOP_WORDS = ["để", "về", "theo", "trong", "trước", "chậm nhất", "với", "nhằm", "khi", "trên", "đối với", "nếu", "thì", "là", "được", "đã", "đóng", "sẽ", "cần", "phải", "và các", "năm", "hàng", "hằng", "định kỳ", "kết quả", "tình hình", "số liệu", "danh sách", "hồ sơ"];
