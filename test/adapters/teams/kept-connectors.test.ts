// A turn's connector client is made once per bot, service URL and audience and reused by the next
// turns (a new one per turn opened a new connection for every reply); a failed one is made again.
import { describe, expect, it } from "vitest";
import { keptConnectors } from "../../../adapters/teams/kept-connectors";

type Auth = Parameters<ReturnType<typeof keptConnectors>>[0];

function request(made: string[], fail = false): Auth {
  const connectorFactory = {
    async create(serviceUrl: string, audience?: string) {
      made.push(`${serviceUrl} ${audience}`);
      if (fail) throw new Error("no token");
      return { serviceUrl } as never;
    },
  };
  return { audience: "aud", callerId: "", claimsIdentity: { getClaimValue: () => "bot-1" } as never, connectorFactory } as Auth;
}

describe("kept connector clients", () => {
  it("reuses the client of an earlier turn for the same service URL and audience", async () => {
    const keep = keptConnectors();
    const made: string[] = [];
    const a = await keep(request(made)).connectorFactory!.create("https://smba.example/a/", "aud");
    const b = await keep(request(made)).connectorFactory!.create("https://smba.example/a/", "aud");
    const c = await keep(request(made)).connectorFactory!.create("https://smba.example/b/", "aud");
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(made).toEqual(["https://smba.example/a/ aud", "https://smba.example/b/ aud"]);
  });

  it("makes a client again after one could not be made", async () => {
    const keep = keptConnectors();
    const made: string[] = [];
    await expect(keep(request(made, true)).connectorFactory!.create("https://smba.example/a/", "aud")).rejects.toThrow("no token");
    await keep(request(made)).connectorFactory!.create("https://smba.example/a/", "aud");
    expect(made).toHaveLength(2);
  });
});
