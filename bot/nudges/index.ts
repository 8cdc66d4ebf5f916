// What the rest of the application uses of nudges: the chat commands for createApp's handlers and
// the scheduler the server starts beside itself (adapters/server.ts `background`).
import type { Logger } from "pino";
import type { Config } from "../config";
import type { ChannelName, ProactiveSender } from "../messages";
import type { Db } from "../storage/db";
import type { CommandHandler } from "../turn";
import { loadCalendar, type WorkingCalendar } from "./calendar";
import { createNudgeCommands } from "./commands";
import { startNudgeScheduler } from "./scheduler";

export { loadCalendar, WorkingCalendar } from "./calendar";
export { createNudgeCommands, nudgeIntent } from "./commands";
export { datedOccurrences, type DatedOccurrence } from "./due-dates";
export { officeSchedules, setOfficeDeadline } from "./office-deadlines";
export { NudgeScheduler, startNudgeScheduler, type NudgeSchedulerOptions, type TickReport } from "./scheduler";

/** The nudge chat commands, with the calendar of HOLIDAYS_FILE (throws ConfigError if that file is bad). */
export function nudgeCommands(config: Config, calendar: WorkingCalendar = loadCalendar(config.HOLIDAYS_FILE)): CommandHandler {
  return createNudgeCommands({ calendar, config });
}

/**
 * For startServer's `background` option: starts the scheduler once the channels' senders exist,
 * or nothing when NUDGES_ENABLED is false.
 */
export function nudgeBackground(db: Db, config: Config, log?: Logger) {
  return (senders: Map<ChannelName, ProactiveSender>) => (config.NUDGES_ENABLED ? startNudgeScheduler({ db, senders, config, log }) : null);
}
