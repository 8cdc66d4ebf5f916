// The child process of loadPlanFileGuarded: for each request, checks a .docx's zip directory, loads
// the plan and sends it back. Runs under a heap cap; the parent kills it on time-out.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import JSZip from "jszip";
import { loadPlanFile } from "../load-plan";

const maxUnzipped = Number(process.argv[2]);

async function unzippedBytes(path: string): Promise<number> {
  const zip = await JSZip.loadAsync(await readFile(path));
  let total = 0;
  zip.forEach((_name, entry) => {
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  return total;
}

async function handle(path: string): Promise<{ plan?: unknown; error?: string }> {
  try {
    if (extname(path).toLowerCase() === ".docx") {
      const total = await unzippedBytes(path).catch(() => 0); // not a zip: the loader says so
      if (total > maxUnzipped) {
        return { error: `it would decompress to ${(total / 1048576).toFixed(0)} MB (limit ${(maxUnzipped / 1048576).toFixed(0)} MB); a .docx plan is far smaller, so it is refused` };
      }
    }
    return { plan: await loadPlanFile(path) };
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    return { error: msg.startsWith(`${path}: `) ? msg.slice(path.length + 2) : msg };
  }
}

process.on("message", (m: { id: number; path: string }) => {
  void handle(m.path).then((r) => process.send!({ id: m.id, ...r }));
});
process.on("disconnect", () => process.exit(0));
