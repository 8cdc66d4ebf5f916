// Periods and dates: the one grammar of time for plans, questions, progress updates and commands.
// bot/ imports time from here.
export { hasMarks, numericDates, quarterNumber, type NumericDate } from "./grammar";
export { findPeriods, type FoundPeriod } from "./recurrence";
export { findDates, findNamedTimes, type DateKind, type FoundDate, type NamedTime } from "./dates";
export { periodsNamedIn, periodWords, reportPeriodIn, yearSpanIn, type PeriodWords } from "./named";
export {
  isPeriodKey,
  KIND_OF_PLAN_PERIOD,
  kindOf,
  nextPeriod,
  periodKey,
  periodLabel,
  periodRange,
  periodsWithin,
  periodWithin,
  reportKind,
  type PeriodKind,
} from "./keys";
