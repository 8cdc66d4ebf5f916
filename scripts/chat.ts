// npm run chat [-- --user NAME]: talk to the bot in the terminal, on the same store as the server.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runConsoleChat } from "../adapters/console/console-chat";
import { createApp } from "../bot/app";
import { ConfigError, loadConfig } from "../bot/config";

const HELP = `Usage: npm run chat -- [--user NAME]

Talk to the bot in this terminal (no Teams or Zalo account needed). Uses DATA_DIR/DATABASE_URL and
PLANS_DIR like the server. Register with an invite code from \`npm run admin -- invite ...\`.
  --user NAME   console user id to start as (default: your login name); "/user NAME" switches
  -h, --help    this text`;

async function main(): Promise<number> {
  let values;
  try {
    values = parseArgs({ options: { user: { type: "string" }, help: { type: "boolean", short: "h", default: false } } }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const config = loadConfig({ LOG_LEVEL: "warn", ...process.env });
  const app = await createApp(config);
  try {
    process.stdout.write(`Trợ lý Kế hoạch — ${app.plans.length} kế hoạch đã nạp.\n`);
    await runConsoleChat({
      core: app,
      input: process.stdin,
      output: process.stdout,
      user: values.user ?? process.env.USER ?? "console",
      filesDir: join(config.DATA_DIR === "memory" ? "." : config.DATA_DIR, "exports"),
      prompt: process.stdin.isTTY === true,
    });
  } finally {
    await app.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `Could not start the chat: ${(err as Error).message}`}\n`);
    process.exit(1);
  },
);
