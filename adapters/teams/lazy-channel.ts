// The Teams channel with botbuilder imported when first needed: loading it costs seconds, which a
// start that must be ready fast does not spend before /readyz (the server loads it right after).
import type { TeamsChannel, TeamsDeps } from "./channel";

export interface LazyTeamsChannel extends TeamsChannel {
  /** Imports botbuilder and builds the channel (once); every request and send waits for it. */
  load(): Promise<TeamsChannel>;
}

export function lazyTeamsChannel(deps: TeamsDeps): LazyTeamsChannel {
  let channel: Promise<TeamsChannel> | null = null;
  const load = () => (channel ??= import("./channel").then((m) => m.createTeamsChannel(deps)));
  return {
    authenticated: (deps.config.MicrosoftAppId ?? "") !== "",
    sender: { channel: "teams", send: async (address, messages) => (await load()).sender.send(address, messages) },
    process: async (req, res) => (await load()).process(req, res),
    load,
  };
}
