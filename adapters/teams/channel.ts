// The Teams channel: POST /api/messages through CloudAdapter. Without MicrosoftAppId it serves the
// Bot Framework Emulator (no auth); with it, requests without a valid token get 401.
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Request,
  type Response,
  type TurnContext,
} from "botbuilder";
import type { Logger } from "pino";
import type { Config } from "../../bot/config";
import type { FileMessage, ProactiveSender } from "../../bot/messages";
import type { AddressBook, BotCore } from "../core";
import { activityToIncoming } from "./inbound";
import { isPersonal, referenceFromActivity, teamsAddress } from "./reference";
import { renderForTeams } from "./render";
import { TeamsSender } from "./sender";

export const WELCOME_TEXT =
  "Xin chào! Tôi là Trợ lý Kế hoạch. Hỏi tôi về hạn nộp báo cáo và nhiệm vụ trong các kế hoạch, hoặc gửi cập nhật tiến độ. Gõ “giúp” để xem hướng dẫn.";
const SORRY_TEXT = "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút.";

export type TeamsConfig = Pick<Config, "MicrosoftAppId" | "MicrosoftAppPassword" | "MicrosoftAppType" | "MicrosoftAppTenantId">;

export interface TeamsDeps {
  config: TeamsConfig;
  core: BotCore;
  addresses: AddressBook;
  link(file: FileMessage): Promise<string>;
  log: Logger;
}

export interface TeamsChannel {
  /** restify's request and response fit botbuilder's minimal Request/Response shapes. */
  process(req: Request, res: Response): Promise<void>;
  sender: ProactiveSender;
  authenticated: boolean;
}

export function createAuthentication(c: TeamsConfig): ConfigurationBotFrameworkAuthentication {
  const appId = c.MicrosoftAppId ?? "";
  // An explicit object, not process.env. SingleTenant without an app id makes the constructor
  // throw, so Emulator mode passes an empty type (MultiTenant, auth off).
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appId ? (c.MicrosoftAppPassword ?? "") : "",
    MicrosoftAppType: appId ? c.MicrosoftAppType : "",
    MicrosoftAppTenantId: appId ? (c.MicrosoftAppTenantId ?? "") : "",
  });
}

export function createTeamsChannel(deps: TeamsDeps): TeamsChannel {
  const appId = deps.config.MicrosoftAppId ?? "";
  const adapter = new CloudAdapter(createAuthentication(deps.config));
  const log = deps.log.child({ channel: "teams" });

  adapter.onTurnError = async (ctx, err) => {
    log.error({ err, activityId: ctx.activity.id, type: ctx.activity.type }, "Teams turn failed");
    if (ctx.activity.type === ActivityTypes.Message) {
      await ctx.sendActivity(SORRY_TEXT).catch((e: unknown) => log.warn({ err: e }, "could not send the apology"));
    }
  };

  async function onMessage(ctx: TurnContext): Promise<void> {
    const msg = activityToIncoming(ctx.activity, new Date());
    if (!msg) {
      log.warn({ activityId: ctx.activity.id }, "message without id, sender or conversation; ignored");
      return;
    }
    log.debug({ messageId: msg.messageId, text: msg.text }, "Teams message");
    const replies = await deps.core.handle(msg);
    const personal = !msg.isGroup;
    const activities = await Promise.all(replies.map((r) => renderForTeams(r, { personal, link: deps.link })));
    if (activities.length > 0) await ctx.sendActivities(activities);
  }

  /** Install/uninstall: keep or drop the personal conversation reference. */
  async function onInstall(ctx: TurnContext, added: boolean, greet: boolean): Promise<void> {
    const ref = referenceFromActivity(ctx.activity);
    if (!ref) return;
    if (!added) {
      await deps.addresses.markDead({ channel: "teams", conversationKey: ref.conversationId });
      log.info({ conversationType: ref.conversationType }, "Teams app removed; address marked dead");
      return;
    }
    if (isPersonal(ref)) await deps.addresses.save(teamsAddress(ref));
    log.info({ conversationType: ref.conversationType }, "Teams app installed");
    if (greet) await ctx.sendActivity(WELCOME_TEXT);
  }

  async function onTurn(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const botId = a.recipient?.id;
    switch (a.type) {
      case ActivityTypes.Message:
        return onMessage(ctx);
      case ActivityTypes.InstallationUpdate: {
        const action = String(a.action ?? "");
        if (action.startsWith("add")) return onInstall(ctx, true, action === "add");
        if (action.startsWith("remove")) return onInstall(ctx, false, false);
        return;
      }
      case ActivityTypes.ConversationUpdate: {
        // Greeting comes with installationUpdate; here only the reference is kept or dropped.
        if (a.membersAdded?.some((m) => m.id === botId)) return onInstall(ctx, true, false);
        if (a.membersRemoved?.some((m) => m.id === botId)) return onInstall(ctx, false, false);
        return;
      }
      default:
        return;
    }
  }

  return {
    authenticated: appId !== "",
    sender: new TeamsSender(adapter, appId, deps.link),
    process: (req, res) => adapter.process(req, res, onTurn),
  };
}
