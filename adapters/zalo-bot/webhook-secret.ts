// The webhook's only proof of origin: Zalo echoes the secret_token given to setWebhook in the
// X-Bot-Api-Secret-Token header. Compared in constant time (digests of equal length, so neither the
// content nor the length of the expected secret leaks through timing).
import { createHash, timingSafeEqual } from "node:crypto";

export const SECRET_HEADER = "x-bot-api-secret-token";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function secretMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== "string" || expected === "") return false;
  return timingSafeEqual(digest(expected), digest(given));
}
