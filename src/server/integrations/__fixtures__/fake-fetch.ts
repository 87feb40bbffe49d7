// Test doubles for the adapters under src/server/integrations/: a recording fetch and canned answers.

export type TFakeFetchCall = { url: string; method: string; headers: Headers; body: string | null };

type TFakeFetchHandler = (
  call: TFakeFetchCall,
  signal: AbortSignal | undefined,
) => Response | Promise<Response>;

/** A `fetch` to pass to the client that records every call, so tests see exactly what was sent. */
export const createFakeFetch = (
  handler: TFakeFetchHandler,
): { fetch: typeof fetch; calls: TFakeFetchCall[] } => {
  const calls: TFakeFetchCall[] = [];
  const fakeFetch = async (
    input: string | URL | Request,
    init: RequestInit = {},
  ): Promise<Response> => {
    const call: TFakeFetchCall = {
      url: String(input),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : null,
    };
    calls.push(call);
    return handler(call, init.signal ?? undefined);
  };
  return { fetch: fakeFetch as typeof fetch, calls };
};

type TResponseInit = { status?: number; headers?: Record<string, string> };

/** A response with this exact body text. */
export const textResponse = (
  text: string,
  { status = 200, headers = {} }: TResponseInit = {},
): Response => new Response(text, { status, headers });

/** A JSON response, the way Zadarma sends one. */
export const jsonResponse = (
  body: unknown,
  { status = 200, headers = {} }: TResponseInit = {},
): Response =>
  textResponse(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

/** Everything about an error that Inngest could store in run state (reliability R11): text, stack, own fields, causes. */
export const storedErrorText = (error: Error): string => {
  const parts: unknown[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(String(current), current.stack, { ...current });
  }
  return JSON.stringify(parts);
};
