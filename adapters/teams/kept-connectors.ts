// Bot Connector clients kept across turns. CloudAdapter builds a new ConnectorClient for every turn
// (its authenticated request's connectorFactory), and with it a new HTTP pipeline and agent: every
// reply opened a new connection to the connector (a TLS handshake with the real Teams service),
// and the idle keep-alive socket of each turn stayed open. One client per bot identity, service
// URL and audience, as botbuilder's older BotFrameworkAdapter kept them; its credentials renew
// their own tokens.
import type { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { BoundedMap } from "../../bot/storage/bounded-map";

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult["connectorFactory"]>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory["create"]>>;

/** Service URLs come from the (authenticated, or loopback) request: a few in practice, capped all the same. */
const MAX_CLIENTS = 64;

/** Wraps each request's connector factory so that its clients are made once and kept. */
export function keptConnectors(): (auth: AuthenticateRequestResult) => AuthenticateRequestResult {
  const clients = new BoundedMap<string, Promise<ConnectorClient>>(MAX_CLIENTS);
  return (auth) => {
    const factory = auth.connectorFactory;
    if (!factory) return auth;
    const bot = auth.claimsIdentity?.getClaimValue("appid") ?? auth.claimsIdentity?.getClaimValue("azp") ?? "";
    const kept: ConnectorFactory = {
      create(serviceUrl: string, audience?: string) {
        const key = `${bot}\u0000${serviceUrl}\u0000${audience ?? ""}`;
        let client = clients.get(key);
        if (!client) {
          client = factory.create(serviceUrl, audience);
          clients.set(key, client);
          client.catch(() => clients.get(key) === client && clients.delete(key));
        }
        return client;
      },
    };
    return { ...auth, connectorFactory: kept };
  };
}
