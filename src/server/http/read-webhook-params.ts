import { toStorableTruncated } from "@/lib/text/storable-text";
import { readCappedBody } from "@/server/http/read-capped-body";

/** Klientiks query string cap and body cap (reliability R20). */
export const MAX_QUERY_BYTES = 4 * 1024;
export const MAX_BODY_BYTES = 16 * 1024;
const MAX_PARAMS = 50;
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_LENGTH = 512;
const MAX_HEADER_LENGTH = 256;

export type TWebhookParams =
  | { ok: true; params: Record<string, string> }
  | { ok: false; status: 413 | 400; field: string; message: string };

/**
 * The first `maxParams` distinct names win, each cut and cleaned for storage (docs/input-text.md);
 * shared by the Klientiks and Zadarma receivers.
 */
export function collectParams(
  sources: Iterable<[string, string]>[],
  maxParams = MAX_PARAMS,
): Record<string, string> {
  // A Map, not an object: names like `constructor` or `__proto__` are ordinary parameters here.
  const params = new Map<string, string>();
  for (const source of sources) {
    for (const [name, value] of source) {
      const key = toStorableTruncated(name, MAX_KEY_LENGTH);
      if (params.size < maxParams && !params.has(key))
        params.set(key, toStorableTruncated(value, MAX_VALUE_LENGTH));
    }
  }
  return Object.fromEntries(params);
}

/**
 * Parameters of a Klientiks webhook: the query string first, then a form or JSON body, since
 * deliveries may come by GET or POST and in any encoding (klientiks-contract §12.3). The body is
 * read only up to its cap; callers resolve the token first, so an unknown address reads nothing.
 */
export async function readWebhookParams(request: Request): Promise<TWebhookParams> {
  const url = new URL(request.url);
  if (url.search.length > MAX_QUERY_BYTES)
    return {
      ok: false,
      status: 413,
      field: "query",
      message: `query string is longer than ${MAX_QUERY_BYTES} bytes`,
    };
  if (request.method !== "POST") return { ok: true, params: collectParams([url.searchParams]) };

  const body = await readCappedBody(request, MAX_BODY_BYTES);
  if (body === null)
    return {
      ok: false,
      status: 413,
      field: "body",
      message: `body is larger than ${MAX_BODY_BYTES} bytes`,
    };
  return {
    ok: true,
    params: collectParams([
      url.searchParams,
      parseBody(body.toString("utf8"), request.headers.get("content-type") ?? ""),
    ]),
  };
}

function parseBody(body: string, contentType: string): [string, string][] {
  if (body.trim() === "") return [];
  if (!contentType.includes("json")) return [...new URLSearchParams(body)];
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
    return Object.entries(parsed).flatMap(([key, value]) =>
      typeof value === "string" || typeof value === "number"
        ? [[key, String(value)] as [string, string]]
        : [],
    );
  } catch {
    return [];
  }
}

const RECORDED_HEADERS = ["user-agent", "content-type", "x-forwarded-for", "x-real-ip"];

/** Only a few harmless headers are kept on the inbox row (never cookies or authorization). */
export const selectRecordedHeaders = (headers: Headers): Record<string, string> =>
  Object.fromEntries(
    RECORDED_HEADERS.flatMap((name) => {
      const value = headers.get(name);
      return value ? [[name, toStorableTruncated(value, MAX_HEADER_LENGTH)]] : [];
    }),
  );
