// The office that issues the draft report, from configuration (OFFICE_* variables).
import type { Config } from "../config";
import type { OfficeSettings } from "./model";

export function officeSettings(c: Config): OfficeSettings {
  return {
    parent: c.OFFICE_PARENT ?? null,
    name: c.OFFICE_NAME ?? null,
    symbol: c.OFFICE_SYMBOL ?? null,
    place: c.OFFICE_PLACE ?? null,
    signAs: (c.OFFICE_SIGN_AS ?? "").split("|").map((s) => s.trim()).filter(Boolean),
    signer: c.OFFICE_SIGNER ?? null,
  };
}
