// The built-in handlers in the order they are tried. Extra handlers (nudges) come after the
// commands and before the update parser, so "đã xong" on a nudge reaches them first.
import type { CommandHandler } from "../turn";
import { createExportHandler } from "../report/export-command";
import { listHandler, notUpdatedHandler } from "../report/list-command";
import { NO_OFFICE, type OfficeSettings } from "../report/model";
import { createSummaryHandler } from "../report/summary-command";
import { editHandler, undoHandler } from "../updates/edit-command";
import { formNumberHandler, formSubmitHandler, offerFormHandler } from "../updates/form-command";
import { pendingChoiceHandler, updateHandler, type FreeFormParser } from "../updates/update-command";
import { inviteHandler, registerHandler } from "../users/register-command";

export interface HandlerOptions {
  extra?: CommandHandler[];
  freeForm?: FreeFormParser | null;
  /** The office on the draft report's header and signature (configuration). */
  office?: OfficeSettings;
  /** Address of the web board, linked from "tổng hợp tiến độ". */
  boardUrl?: string | null;
}

export function defaultHandlers(o: HandlerOptions = {}): CommandHandler[] {
  return [
    pendingChoiceHandler,
    formSubmitHandler,
    formNumberHandler,
    offerFormHandler,
    registerHandler,
    inviteHandler,
    editHandler,
    undoHandler,
    notUpdatedHandler,
    createExportHandler(o.office ?? NO_OFFICE),
    createSummaryHandler({ boardUrl: o.boardUrl ?? null }),
    listHandler,
    ...(o.extra ?? []),
    updateHandler({ freeForm: o.freeForm ?? null }),
  ];
}
