// Types of scripts/build.mjs (plain JavaScript: it runs before anything can compile TypeScript).
export function ensureBuilt(o?: { outdir?: string; force?: boolean; log?: (message: string) => void }): Promise<"up to date" | "built">;
