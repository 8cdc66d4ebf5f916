// What every command-line entry point shares: argument parsing with a printed help, reading .env,
// and one way to end (0 done, 1 failed, 2 usage or configuration error, with a message saying the fix).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, loadConfig, loadDotEnvIfPresent, type Config } from "../bot/config";

/** A wrong command line: printed with the help text, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * node:util parseArgs, where an unknown or malformed flag becomes a UsageError and --help / -h
 * prints `help` and exits 0. The options must declare `help`.
 */
export function cliArgs<T extends ParseArgsConfig & { options: { help: { type: "boolean" } } }>(config: T, help: string): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    process.stdout.write(`${help}\n`);
    process.exit(0);
  }
  return parsed;
}

/** A flag that must be a whole number above 0 (`--runs 3`). */
export function wholeNumber(name: string, v: string | undefined): number {
  if (!/^\d+$/.test(v ?? "") || Number(v) < 1) throw new UsageError(`--${name} must be a whole number above 0; got "${v}".`);
  return Number(v);
}

/** The configuration from .env (if present) and the environment; commands log warnings only unless LOG_LEVEL says otherwise. */
export function cliConfig(overrides: Record<string, string | undefined> = {}): Config {
  loadDotEnvIfPresent();
  return loadConfig({ LOG_LEVEL: "warn", ...process.env, ...overrides });
}

/** Runs a command's main and exits with its code; errors end with a message, never a stack trace. */
export function runCli(name: string, help: string, main: () => Promise<number> | number): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        if (err instanceof UsageError) {
          process.stderr.write(`${err.message}\n\n${help}\n`);
          process.exit(2);
        }
        if (err instanceof ConfigError) {
          process.stderr.write(`${err.message}\n`);
          process.exit(2);
        }
        process.stderr.write(`${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
}
