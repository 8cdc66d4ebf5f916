// What /api/messages checks before a request reaches the Bot Framework adapter, after Microsoft's
// guidance for bot endpoints:
// - JSON only (a form-encoded POST is a cross-site "simple request" with no CORS preflight): 415;
// - an activity must be an object with a `type`: else 400 (not a 500 from deep inside botbuilder);
// - Emulator mode (no MicrosoftAppId, so no authentication) serves loopback callers only, unless
//   TEAMS_EMULATOR_REMOTE allows others, and replies only to a loopback serviceUrl: an
//   unauthenticated request must not make the server post to an address it names (SSRF).
import { isIP } from "node:net";
import { z } from "zod";

export type GateResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; error: string };

const activityShape = z.looseObject({
  type: z.string().trim().min(1).max(64),
  serviceUrl: z.string().max(2048).optional(),
});

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.startsWith("::ffff:") ? addr.slice(7) : addr;
  if (a === "::1") return true;
  return isIP(a) === 4 && a.startsWith("127.");
}

function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return false;
    const host = u.hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || isLoopbackAddress(host);
  } catch {
    return false;
  }
}

export interface GateInput {
  contentType: string | undefined;
  body: unknown;
  remoteAddress: string | undefined;
  /** False in Emulator mode (no MicrosoftAppId). */
  authenticated: boolean;
  /** TEAMS_EMULATOR_REMOTE: Emulator mode also serves callers that are not on this machine. */
  allowRemoteEmulator: boolean;
}

export function gateTeamsRequest(i: GateInput): GateResult {
  if (!/^application\/json\b/i.test(i.contentType ?? "")) return { ok: false, status: 415, error: "Send the activity as JSON (content-type: application/json)." };
  if (!i.authenticated && !i.allowRemoteEmulator && !isLoopbackAddress(i.remoteAddress)) {
    return { ok: false, status: 403, error: "Emulator mode (no MicrosoftAppId) only serves this machine. Set MicrosoftAppId, or TEAMS_EMULATOR_REMOTE=true on a trusted network." };
  }
  const parsed = activityShape.safeParse(i.body);
  if (!parsed.success) return { ok: false, status: 400, error: "Not an activity: a JSON object with a `type` is required." };
  if (!i.authenticated && parsed.data.serviceUrl !== undefined && !isLoopbackUrl(parsed.data.serviceUrl)) {
    return { ok: false, status: 400, error: "Emulator mode replies only to a serviceUrl on this machine." };
  }
  return { ok: true, body: parsed.data as Record<string, unknown> };
}
