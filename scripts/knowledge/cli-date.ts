// "--now YYYY-MM-DD" for the command-line tools: noon in Asia/Ho_Chi_Minh of that day, so the
// local calendar date is the one typed. Without it, the clock (the outermost edge may read it).
export function nowFromArg(arg: string | undefined): Date {
  if (arg === undefined) return new Date();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(arg);
  const d = m ? new Date(`${arg}T12:00:00+07:00`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== arg) {
    throw new Error(`--now must be a date written YYYY-MM-DD, e.g. --now 2026-05-01; got "${arg}".`);
  }
  return d;
}
