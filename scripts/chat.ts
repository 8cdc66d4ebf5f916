// npm run chat [-- --user NAME]: talk to the bot in the terminal, on the same store as the server.
import { join } from "node:path";
import { runConsoleChat } from "../adapters/console/console-chat";
import { createApp } from "../bot/app";
import { cliArgs, cliConfig, runCli } from "./cli";

const HELP = `Usage: npm run chat -- [--user NAME]

Talk to the bot in this terminal (no Teams or Zalo account needed). Uses DATA_DIR/DATABASE_URL and
PLANS_DIR like the server. Register with an invite code from \`npm run admin -- invite ...\`.
  --user NAME   console user id to start as (default: your login name); "/user NAME" switches
  -h, --help    this text`;

async function main(): Promise<number> {
  const { values } = cliArgs({ options: { user: { type: "string" }, help: { type: "boolean", short: "h", default: false } } }, HELP);
  const config = cliConfig();
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

runCli("chat", HELP, main);
