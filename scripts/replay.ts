// npm run replay -- <payload.json> [--channel teams|zalo] [--data-dir DIR]
// Runs a saved Teams activity or Zalo message through the adapter's mapping and the real core, and
// prints what the bot would answer (rendered for that channel). Nothing is sent anywhere.
import { readFileSync } from "node:fs";
import pino from "pino";
import { createApp } from "../bot/app";
import { activityToIncoming } from "../adapters/teams/inbound";
import { renderForTeams } from "../adapters/teams/render";
import { parseKeywords, zaloMessageToIncoming } from "../adapters/zalo/inbound";
import { renderForZalo } from "../adapters/zalo/render";
import type { ZaloMessage } from "../adapters/zalo/port";
import { cliArgs, cliConfig, runCli, UsageError } from "./cli";

const HELP = `Usage: npm run replay -- <payload.json> [options]
Replays a saved payload against the bot core and prints the replies; nothing is sent.
  --channel teams|zalo   payload kind (default: guessed; a Teams activity has "type" and "serviceUrl")
  --data-dir DIR         database folder to use (default: DATA_DIR; use a copy to keep the real one untouched)
  --own-id UID           Zalo: the bot account's uid, for @mention detection in groups
  --help                 this text`;

async function main(): Promise<number> {
  const { values, positionals } = cliArgs(
    {
      allowPositionals: true,
      options: { channel: { type: "string" }, "data-dir": { type: "string" }, "own-id": { type: "string" }, help: { type: "boolean" } },
    },
    HELP,
  );
  if (positionals.length !== 1) throw new UsageError("Give one payload file.");
  const payload = JSON.parse(readFileSync(positionals[0], "utf8")) as Record<string, unknown>;
  const channel = values.channel ?? (typeof payload.serviceUrl === "string" ? "teams" : "zalo");
  if (channel !== "teams" && channel !== "zalo") throw new UsageError(`--channel must be teams or zalo, not "${channel}".`);
  const config = cliConfig({ ...(values["data-dir"] ? { DATA_DIR: values["data-dir"] } : {}), NUDGES_ENABLED: "false" });
  const app = await createApp(config, { log: pino({ level: "warn" }) });
  const now = new Date();
  try {
    const msg =
      channel === "teams"
        ? activityToIncoming(payload, now)
        : zaloMessageToIncoming(payload as unknown as ZaloMessage, values["own-id"] ?? "", parseKeywords(config.ZALO_GROUP_KEYWORD), now);
    if (!msg) {
      console.log("The adapter ignores this payload (not addressed to the bot, the bot's own message, or not text).");
      return 0;
    }
    console.log("IncomingMessage:", JSON.stringify({ ...msg, address: msg.address ? "(stored)" : undefined }, null, 2));
    const replies = await app.handle(msg);
    for (const r of replies) {
      const rendered =
        channel === "teams"
          ? await renderForTeams(r, { personal: !msg.isGroup, link: async (f) => `(download link for ${f.fileName})` })
          : renderForZalo(r).map((c) => ({ ...c, attachments: c.attachments ? "(file)" : undefined }));
      console.log(JSON.stringify(rendered, null, 2));
    }
    return 0;
  } finally {
    await app.close();
  }
}

runCli("replay", HELP, main);
