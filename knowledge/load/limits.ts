// Size limits for plan files: a plan is tens of kilobytes; anything far larger is not a plan and
// must fail fast instead of being parsed.
export const MAX_PLAN_BYTES = 20 * 1024 * 1024;

/** Extensions the loader reads, lower case with the dot. */
export const PLAN_EXTENSIONS = [".txt", ".md", ".docx", ".pdf"] as const;
export type PlanExtension = (typeof PLAN_EXTENSIONS)[number];
