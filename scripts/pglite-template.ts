// npm install's postinstall (also `npx tsx scripts/pglite-template.ts`): makes the migrated embedded
// database that every new PGlite starts from (bot/storage/pglite-template.ts), so the first start
// does not pay PostgreSQL's initdb and the migrations. Never fails the install: without the dump a
// new database is made when first needed.
import { existsSync } from "node:fs";
import { builtInTemplatePath, makePgliteTemplate } from "../bot/storage/pglite-template";

const file = builtInTemplatePath();
if (existsSync(file)) process.stdout.write(`pglite template: ${file} (already made)\n`);
else {
  try {
    await makePgliteTemplate(file);
    process.stdout.write(`pglite template: ${file}\n`);
  } catch (err) {
    process.stderr.write(`pglite template not made (${(err as Error).message}); a new database will be made when first needed\n`);
  }
}
