// The built-in handlers in the order they are tried. Extra handlers (nudges) come after the
// commands and before the update parser, so "đã xong" on a nudge reaches them first.
import type { CommandHandler } from "../turn";
import { exportHandler } from "../report/export-command";
import { listHandler, notUpdatedHandler } from "../report/list-command";
import { editHandler, undoHandler } from "../updates/edit-command";
import { formNumberHandler, formSubmitHandler, offerFormHandler } from "../updates/form-command";
import { pendingChoiceHandler, updateHandler, type FreeFormParser } from "../updates/update-command";
import { inviteHandler, registerHandler } from "../users/register-command";

export function defaultHandlers(o: { extra?: CommandHandler[]; freeForm?: FreeFormParser | null } = {}): CommandHandler[] {
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
    exportHandler,
    listHandler,
    ...(o.extra ?? []),
    updateHandler({ freeForm: o.freeForm ?? null }),
  ];
}
