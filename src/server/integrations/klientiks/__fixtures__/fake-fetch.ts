import { vi } from "vitest";

export type TFakeFetchCall = { url: string; method: string; headers: Headers; body: string | null };

type TFakeFetchHandler = (call: TFakeFetchCall, signal: AbortSignal | undefined) => Response | Promise<Response>;

/**
 * Replaces the global `fetch` for one test (undo with `vi.unstubAllGlobals()`) and records every
 * call, so tests see exactly what the client sent.
 */
export const stubKlientiksFetch = (handler: TFakeFetchHandler): TFakeFetchCall[] => {
  const calls: TFakeFetchCall[] = [];
  vi.stubGlobal("fetch", async (input: string | URL | Request, init: RequestInit = {}) => {
    const call: TFakeFetchCall = {
      url: String(input),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : null,
    };
    calls.push(call);
    return handler(call, init.signal ?? undefined);
  });
  return calls;
};

type TResponseInit = { status?: number; headers?: Record<string, string> };

/** A response with this exact body text. */
export const textResponse = (text: string, { status = 200, headers = {} }: TResponseInit = {}): Response =>
  new Response(text, { status, headers });

/** A JSON response, the way Klientiks sends one. */
export const jsonResponse = (body: unknown, { status = 200, headers = {} }: TResponseInit = {}): Response =>
  textResponse(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
