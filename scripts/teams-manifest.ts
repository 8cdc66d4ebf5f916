// npm run teams:manifest -- [--out FILE] [--name NAME] [--developer NAME] [--website URL] [--version X.Y.Z]
// Writes the Teams app package (manifest.json + icons, zipped) for "Upload a custom app".
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ZodError } from "zod";
import { cliArgs, runCli } from "./cli";
import { loadDotEnvIfPresent } from "../bot/config";
import { buildAppPackage } from "../adapters/teams/manifest";

const HELP = `Usage: npm run teams:manifest -- [options]
Writes a Teams app package with the bot id from MicrosoftAppId (environment or .env).
  --out FILE        where to write the zip (default: DATA_DIR/teams-app.zip)
  --name NAME       app name shown in Teams (default: Trợ lý Kế hoạch)
  --developer NAME  publisher name (default: Văn phòng UBND)
  --website URL     website, privacy and terms URL (default: https://example.gov.vn)
  --version X.Y.Z   app version; raise it for every re-upload (default: 1.0.0)
  --help            this text`;

async function main(): Promise<number> {
  const { values } = cliArgs(
    {
      options: {
        out: { type: "string" },
        name: { type: "string" },
        developer: { type: "string" },
        website: { type: "string" },
        version: { type: "string" },
        help: { type: "boolean" },
      },
    },
    HELP,
  );
  // Only what the package holds: the bot id and the public address. The app password and tenant
  // belong to the server, not to the package, so they are neither read nor required here.
  loadDotEnvIfPresent();
  const env = (name: string) => process.env[name]?.trim() || undefined;
  const out = values.out ?? `${env("DATA_DIR") ?? "./data"}/teams-app.zip`;
  try {
    const zip = await buildAppPackage({
      botId: env("MicrosoftAppId") ?? "",
      publicBaseUrl: env("PUBLIC_BASE_URL"),
      name: values.name,
      developerName: values.developer,
      websiteUrl: values.website,
      version: values.version,
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`Wrote ${out} (${zip.length} bytes). Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.`);
    return 0;
  } catch (err) {
    if (err instanceof ZodError) {
      // Every problem at once, each with the variable or option to fix.
      for (const i of err.issues) {
        const field = String(i.path[0] ?? "");
        const fix: Record<string, string> = {
          botId: "set MicrosoftAppId (in .env or the environment) to the Application (client) ID of the Azure Bot's app registration",
          publicBaseUrl: "set PUBLIC_BASE_URL to the server's public https address, e.g. https://bot.example.gov.vn",
          websiteUrl: "pass --website with a full https:// address",
          version: "pass --version as X.Y.Z, e.g. 1.0.1",
          name: "pass --name with at most 30 characters",
        };
        console.error(`Cannot build the package: ${i.message}; ${fix[field] ?? `check --${field}`}.`);
      }
      return 2;
    }
    throw err;
  }
}

runCli("teams:manifest", HELP, main);
