// npm start: builds dist/ if a source file changed since the last build (scripts/build.mjs; a few
// milliseconds of stat calls when nothing did), then runs the bundled server (scripts/start.ts).
import { ensureBuilt } from "./build.mjs";

try {
  await ensureBuilt({ log: (m) => console.error(m) });
} catch (err) {
  console.error(`Could not build the server (scripts/build.mjs): ${err instanceof Error ? err.message : String(err)}\nRun npm install (esbuild comes with it) and npm run build as the user that owns this folder, then npm start again.`);
  process.exit(1);
}
await import("../dist/start.js");
