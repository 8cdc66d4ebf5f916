// npm run teams:manifest -- [--out FILE] [--name NAME] [--developer NAME] [--website URL] [--version X.Y.Z]
// Writes the Teams app package (manifest.json + icons, zipped) for "Upload a custom app".
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ZodError } from "zod";
import { cliArgs, cliConfig, runCli } from "./cli";
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
  const config = cliConfig();
  const out = values.out ?? `${config.DATA_DIR}/teams-app.zip`;
  try {
    const zip = await buildAppPackage({
      botId: config.MicrosoftAppId ?? "",
      publicBaseUrl: config.PUBLIC_BASE_URL,
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
      console.error(`Cannot build the package: ${err.issues.map((i) => i.message).join("; ")}.`);
      console.error("Set MicrosoftAppId to the Application (client) ID of the Azure Bot's app registration, e.g. in .env.");
      return 2;
    }
    throw err;
  }
}

runCli("teams:manifest", HELP, main);
