// The Zalo credentials file (imei, userAgent, cookies) written by `npm run zalo:login` and refreshed
// while the bot runs. It is a login secret: always written with mode 0600, atomically.
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";

const cookieSchema = z.record(z.string(), z.unknown());

export const credentialsSchema = z.object({
  imei: z.string().min(1),
  userAgent: z.string().min(1),
  cookie: z.union([z.array(cookieSchema).min(1), z.object({ url: z.string(), cookies: z.array(cookieSchema).min(1) })]),
  language: z.string().optional(),
});

export type ZaloCredentials = z.infer<typeof credentialsSchema>;

export class ZaloCredentialsError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}. Run \`npm run zalo:login\` and scan the QR code with the bot's Zalo account to write a new one.`);
    this.name = "ZaloCredentialsError";
  }
}

export async function readCredentials(file: string): Promise<ZaloCredentials> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (err) {
    throw new ZaloCredentialsError(file, `cannot read the file (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ZaloCredentialsError(file, "not valid JSON");
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) throw new ZaloCredentialsError(file, `missing or empty fields: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  return parsed.data;
}

export async function writeCredentials(file: string, creds: ZaloCredentials): Promise<void> {
  const valid = credentialsSchema.parse(creds);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(valid, null, 2) + "\n", { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}
