// The only code that constructs zca-js' Zalo client: cookie login for the bot, QR login for
// `npm run zalo:login`, and saving the session back to the credentials file.
import { LoginQRCallbackEventType, Zalo, type API } from "zca-js";
import { readCredentials, writeCredentials, type ZaloCredentials } from "./credentials";
import type { ZaloPort } from "./port";

// No npm update check (no network but Zalo's), no library console logging.
const OPTIONS = { selfListen: false, checkUpdate: false, logging: false } as const;

// Compile-time check that a real API fits the port the channel uses.
const fitsPort = (api: API): ZaloPort => api;

export async function loginFromFile(file: string): Promise<API> {
  const creds = await readCredentials(file);
  const api = await new Zalo(OPTIONS).login({ ...creds, cookie: creds.cookie as never });
  fitsPort(api);
  return api;
}

/** The current session (with refreshed cookies) as credentials. */
export function sessionCredentials(api: API): ZaloCredentials {
  const ctx = api.getContext();
  const cookies = api.getCookie().toJSON()?.cookies ?? [];
  return { imei: ctx.imei, userAgent: ctx.userAgent, language: ctx.language, cookie: cookies as unknown as Record<string, unknown>[] };
}

export async function saveSession(file: string, api: API): Promise<void> {
  await writeCredentials(file, sessionCredentials(api));
}

export interface QrLoginEvents {
  /** A new QR code as a PNG; show it to the person holding the bot's phone. */
  onQr(png: Buffer): Promise<void> | void;
  onExpired?(): void;
  onScanned?(displayName: string): void;
  onDeclined?(): void;
}

export async function loginWithQr(events: QrLoginEvents, userAgent?: string): Promise<API> {
  return new Zalo(OPTIONS).loginQR({ userAgent, language: "vi" }, async (event) => {
    switch (event.type) {
      case LoginQRCallbackEventType.QRCodeGenerated:
        await events.onQr(Buffer.from(event.data.image.replace(/^data:image\/\w+;base64,/, ""), "base64"));
        return;
      case LoginQRCallbackEventType.QRCodeExpired:
        events.onExpired?.();
        event.actions.retry();
        return;
      case LoginQRCallbackEventType.QRCodeScanned:
        events.onScanned?.(event.data.display_name);
        return;
      case LoginQRCallbackEventType.QRCodeDeclined:
        events.onDeclined?.();
        event.actions.abort();
        return;
      default:
        return;
    }
  });
}

export { writeCredentials };
