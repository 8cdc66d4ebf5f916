// "Bao nhiêu tiền", "mức hỗ trợ": an amount of money.
import { money as amount } from "../evidence";
import type { Resolver } from "./resolver";

export const money: Resolver = { ask: "money", find: (c) => amount(c.sentence.text) };
