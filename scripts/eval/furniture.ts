// Page furniture in metadata: what the corpus summary counts as a title that is not the document's.

/** A title that is page furniture rather than the document's: a URL, a source line, a table border, a page date. */
export function furnitureTitle(title: string): boolean {
  return /^(?:#|\||source:|https?:|www\.)|^(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật)\b|^[\d\s/:,-]+$/iu.test(title.trim()) || title.trim().length < 4;
}
