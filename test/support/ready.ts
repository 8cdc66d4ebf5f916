// The server's /readyz body once it says 200: a server started for a test answers 503 for a moment
// after its knowledge is loaded, while the Teams channel (botbuilder) is still being imported.
export async function readyBody(url: string, limitMs = 30_000): Promise<Record<string, unknown>> {
  const until = Date.now() + limitMs;
  for (;;) {
    const res = await fetch(`${url}/readyz`);
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status === 200) return body;
    if (Date.now() > until) throw new Error(`/readyz still says ${res.status} ${JSON.stringify(body)} after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
