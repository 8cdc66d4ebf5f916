// npm install's postinstall (also `npx tsx scripts/pglite-template.ts`): makes the migrated embedded
// database that every new PGlite starts from (bot/storage/pglite-template.ts), so the first start
// does not pay PostgreSQL's initdb and the migrations. Never fails the install: without the dump a
// new database is made when first needed.
import { existsSync } from "node:fs";
import { builtInTemplate, builtInTemplatePath } from "../bot/storage/pglite-template";

const file = builtInTemplatePath();
if (existsSync(file)) process.stdout.write(`pglite template: ${file} (already made)\n`);
else {
  if (await builtInTemplate()) process.stdout.write(`pglite template: ${file}\n`);
  else process.stderr.write("pglite template not made; a new database will be made from scratch\n");
}
