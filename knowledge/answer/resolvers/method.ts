// "Qua hệ thống nào", "gửi bằng cách nào": a channel or system ("qua Hệ thống mạng đấu thầu quốc gia"), or an address.
import { method as via } from "../evidence";
import type { Resolver } from "./resolver";

export const method: Resolver = { ask: "method", find: (c) => via(c.sentence.text) };
