// "Kinh phí lấy từ đâu": the source of the money ("từ nguồn ngân sách nhà nước hằng năm").
import { funding as source } from "../evidence";
import type { Resolver } from "./resolver";

export const funding: Resolver = { ask: "funding", find: (c) => source(c.sentence.text) };
