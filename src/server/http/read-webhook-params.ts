/** Klientiks query string cap and body cap (reliability R20). */
export const MAX_QUERY_BYTES = 4 * 1024;
export const MAX_BODY_BYTES = 16 * 1024;
const MAX_PARAMS = 50;

export type TWebhookParams = { ok: true; params: Record<string, string> } | { ok: false; status: 413 | 400; field: string; message: string };

/**
 * Parameters of a Klientiks webhook: the query string first, then a form or JSON body, since
 * deliveries may come by GET or POST and in any encoding (klientiks-contract §12.3).
 */
export async function readWebhookParams(request: Request): Promise<TWebhookParams> {
  const url = new URL(request.url);
  if (url.search.length > MAX_QUERY_BYTES) return { ok: false, status: 413, field: "query", message: `query string is longer than ${MAX_QUERY_BYTES} bytes` };
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (Object.keys(params).length < MAX_PARAMS && !(key in params)) params[key.slice(0, 64)] = value.slice(0, 512);
  if (request.method !== "POST") return { ok: true, params };

  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, field: "body", message: `body is larger than ${MAX_BODY_BYTES} bytes` };
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return { ok: false, status: 413, field: "body", message: `body is larger than ${MAX_BODY_BYTES} bytes` };
  const bodyParams = parseBody(body, request.headers.get("content-type") ?? "");
  for (const [key, value] of Object.entries(bodyParams)) if (Object.keys(params).length < MAX_PARAMS && !(key in params)) params[key.slice(0, 64)] = value.slice(0, 512);
  return { ok: true, params };
}

function parseBody(body: string, contentType: string): Record<string, string> {
  if (body.trim() === "") return {};
  if (contentType.includes("json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter(([, value]) => ["string", "number"].includes(typeof value)).map(([key, value]) => [key, String(value)]));
      }
    } catch {
      return {};
    }
    return {};
  }
  return Object.fromEntries(new URLSearchParams(body));
}

const RECORDED_HEADERS = ["user-agent", "content-type", "x-forwarded-for", "x-real-ip"];

/** Only a few harmless headers are kept on the inbox row (never cookies or authorization). */
export const selectRecordedHeaders = (headers: Headers): Record<string, string> =>
  Object.fromEntries(RECORDED_HEADERS.flatMap((name) => {
    const value = headers.get(name);
    return value ? [[name, value.slice(0, 256)]] : [];
  }));
