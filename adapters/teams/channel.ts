// The Teams channel: POST /api/messages through CloudAdapter. Without MicrosoftAppId it serves the
// Bot Framework Emulator (no auth, loopback callers only: see gate.ts); with it, a request whose
// token fails validation in any way gets 401. The request is authenticated here, before the
// adapter runs the turn, so every failure has its status (415, 400, 401, 403) and one structured
// log line, never botbuilder's 500 with internal text.
import {
  ActivityTypes,
  type Activity,
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
import { gateTeamsRequest } from "./gate";
import { keptConnectors } from "./kept-connectors";
import { activityToIncoming } from "./inbound";
import { isPersonal, referenceFromActivity, teamsAddress } from "./reference";
import { renderForTeams } from "./render";
import { TeamsSender } from "./sender";
import { gateAddress } from "../client-address";

export const WELCOME_TEXT =
  "Xin chào! Tôi là Trợ lý Kế hoạch. Hỏi tôi về hạn nộp báo cáo và nhiệm vụ trong các kế hoạch, hoặc gửi cập nhật tiến độ. Gõ “giúp” để xem hướng dẫn.";
const SORRY_TEXT = "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút.";

export type TeamsConfig = Pick<Config, "MicrosoftAppId" | "MicrosoftAppPassword" | "MicrosoftAppType" | "MicrosoftAppTenantId"> &
  Partial<Pick<Config, "TEAMS_EMULATOR_REMOTE" | "TRUST_PROXY">>;

export interface TeamsDeps {
  config: TeamsConfig;
  core: BotCore;
  addresses: AddressBook;
  link(file: FileMessage): Promise<string>;
  log: Logger;
  /** The server's clock (tests pass a fixed one); the turn's time when the request is not authenticated. */
  clock?: () => Date;
}

export interface TeamsChannel {
  /** restify's request and response fit botbuilder's minimal Request/Response shapes. */
  process(req: Request & { socket?: { remoteAddress?: string } }, res: Response): Promise<void>;
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

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;

/** CloudAdapter with its turn runner reachable once the request is authenticated here. */
class TeamsAdapter extends CloudAdapter {
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (ctx: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

export function createTeamsChannel(deps: TeamsDeps): TeamsChannel {
  const appId = deps.config.MicrosoftAppId ?? "";
  const auth = createAuthentication(deps.config);
  const adapter = new TeamsAdapter(auth);
  const withKeptConnector = keptConnectors();
  const log = deps.log.child({ channel: "teams" });

  adapter.onTurnError = async (ctx, err) => {
    log.error({ err, activityId: ctx.activity.id, type: ctx.activity.type }, "Teams turn failed");
    if (ctx.activity.type === ActivityTypes.Message) {
      await ctx.sendActivity(SORRY_TEXT).catch((e: unknown) => log.warn({ err: e }, "could not send the apology"));
    }
  };

  async function onMessage(ctx: TurnContext): Promise<void> {
    // Without authentication the sender's timestamp is not evidence of anything: the server's clock.
    const activity = appId ? ctx.activity : { ...ctx.activity, timestamp: undefined };
    const msg = activityToIncoming(activity, (deps.clock ?? (() => new Date()))());
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
    async process(req, res) {
      const end = (status: number, body?: unknown) => {
        res.status(status);
        if (body !== undefined) res.send(body);
        res.end();
      };
      const headers = req.headers as Record<string, string | string[] | undefined>;
      const gate = gateTeamsRequest({
        contentType: String(headers["content-type"] ?? ""),
        body: req.body,
        remoteAddress: gateAddress(req, deps.config.TRUST_PROXY ?? false),
        authenticated: appId !== "",
        allowRemoteEmulator: deps.config.TEAMS_EMULATOR_REMOTE ?? false,
      });
      if (!gate.ok) {
        log.info({ status: gate.status }, "Teams request refused");
        return end(gate.status, { error: gate.error });
      }
      const activity = gate.body as unknown as Activity;
      const authHeader = String(headers.authorization ?? "");
      let authResult: AuthenticateRequestResult;
      try {
        authResult = await auth.authenticateRequest(activity, authHeader);
      } catch (err) {
        // Every validation failure (bad signature, issuer, audience, expiry, unknown key, not a JWT) is a 401.
        log.info({ reason: (err as Error).name, status: 401 }, "Teams request with an invalid token refused");
        return end(401, { error: "Unauthorized" });
      }
      try {
        const invoke = await adapter.run(withKeptConnector(authResult), activity, onTurn);
        return end(invoke?.status ?? 200, invoke?.body);
      } catch (err) {
        log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, "Teams activity failed");
        return end(500, { error: "Internal error" });
      }
    },
  };
}
