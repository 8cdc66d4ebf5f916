// Proactive delivery to a stored Teams reference (nudges, alerts). A 403/404 from the connector
// means the bot was removed or blocked: DeadAddressError, and the caller marks the address dead.
import type { CloudAdapter } from "botbuilder";
import { DeadAddressError, type ConversationAddress, type FileMessage, type OutgoingMessage, type ProactiveSender } from "../../bot/messages";
import { isPersonal, teamsReferenceSchema, toConversationReference } from "./reference";
import { renderForTeams } from "./render";

/** The HTTP status carried by a botbuilder/connector error, if any. */
export function httpStatusOf(err: unknown): number | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const v of [e.statusCode, e.status, e.response?.status]) if (typeof v === "number") return v;
  return undefined;
}

export class TeamsSender implements ProactiveSender {
  readonly channel = "teams" as const;

  constructor(
    private readonly adapter: CloudAdapter,
    /** MicrosoftAppId, or "" in Emulator mode. */
    private readonly appId: string,
    private readonly link: (file: FileMessage) => Promise<string>,
  ) {}

  async send(address: ConversationAddress, messages: OutgoingMessage[]): Promise<void> {
    const parsed = teamsReferenceSchema.safeParse(address.data);
    if (!parsed.success) throw new DeadAddressError(`Stored Teams reference ${address.conversationKey} is unreadable; the user must write to the bot again.`);
    const ref = parsed.data;
    const activities = await Promise.all(messages.map((m) => renderForTeams(m, { personal: isPersonal(ref), link: this.link })));
    // The adapter hands errors of the turn logic to onTurnError, so keep ours to rethrow here.
    let failure: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, toConversationReference(ref), async (ctx) => {
        try {
          await ctx.sendActivities(activities);
        } catch (err) {
          failure = err;
        }
      });
      if (failure) throw failure;
    } catch (err) {
      const status = httpStatusOf(err);
      if (status === 403 || status === 404) {
        throw new DeadAddressError(`Teams answered ${status} for conversation ${ref.conversationId}: the app was removed or the user blocked it.`);
      }
      throw err;
    }
  }
}
