import type { ConnectionKind } from "@generated/prisma/client";

import { ownValue } from "@/lib/own-value";
import type { TDbClient } from "@/server/db/types";
import type {
  TRecordingLookup,
  TStoredTelephonyLine,
} from "@/server/domain/telephony/recording-links";
import type { TLogger } from "@/server/logging/logger";

export type TRecordingProxyDeps = {
  db: TDbClient;
  /** A fresh link for one playback from the call's provider, signed with its connection's keys. */
  requestRecordingLink: (
    line: TStoredTelephonyLine,
    lookup: TRecordingLookup,
  ) => Promise<{ links: string[] }>;
  /** Whether a link, or a redirect from it, points where the provider keeps its files; nothing else is fetched. */
  isAllowedLink: (kind: ConnectionKind, link: string) => boolean;
  /** Why the provider refused, when the failure says so: a recording it no longer has is a 404, anything else a 502. */
  isRecordingGone: (error: unknown) => boolean;
  log: TLogger;
  fetch?: typeof fetch;
  /** How long the provider may take to start answering, and to send the next chunk after that. */
  timeoutMs?: number;
};

/** The shortest lifetime Zadarma grants a link (docs/recordings.md): it is used once, at once. */
export const RECORDING_LINK_LIFETIME_SECONDS = 180;
const DEFAULT_TIMEOUT_MS = 15_000;

/** Headers of the provider's answer the browser needs to play, seek and size the audio; nothing else crosses. */
const FORWARDED_HEADERS = [
  "content-type",
  "content-length",
  "content-range",
  "accept-ranges",
] as const;
/** What the provider may answer that the browser can use: the file, a slice of it, or «that range is past the end». */
const PASSED_STATUSES = new Set([200, 206, 416]);

const recordingError = (status: number, code: string, message: string) =>
  Response.json(
    { ok: false, error: { code, message } },
    { status, headers: { "cache-control": "private, no-store" } },
  );

const NOT_FOUND = () => recordingError(404, "NOT_FOUND", "No such call in your workspaces");
const PROVIDER_FAILED = () =>
  recordingError(
    502,
    "RECORDING_PROVIDER_FAILED",
    "The telephony provider did not hand over the recording; try again shortly",
  );

const RECORDING_STATE_ERRORS = {
  pending: () =>
    recordingError(
      409,
      "RECORDING_PENDING",
      "The recording is being prepared; it appears a minute or two after the call ends",
    ),
  none: () => recordingError(404, "RECORDING_NONE", "This call has no recording"),
  unavailable: () =>
    recordingError(
      404,
      "RECORDING_UNAVAILABLE",
      "The telephony provider did not hand over this call's recording",
    ),
} as const;

const EXTENSION_OF_TYPE: Readonly<Record<string, string>> = {
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/ogg": "ogg",
};

/** `call-2026-11-10-0930-<id>.mp3`: sortable, and nothing of the client in a file name that travels. */
const downloadName = (call: { id: string; startedAt: Date }, contentType: string | null) => {
  const stamp = call.startedAt.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  return `call-${stamp}-${call.id}.${ownValue(EXTENSION_OF_TYPE, contentType?.split(";")[0]?.trim() ?? "") ?? "mp3"}`;
};

/** The call, if it belongs to one of the user's workspaces; another workspace's call is not found (R14, R22). */
async function findMembersCall(
  db: TDbClient,
  { userId, callId }: { userId: string; callId: string },
) {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { tenantId: true },
  });
  if (memberships.length === 0) return null;
  return db.call.findFirst({
    where: { id: callId, tenantId: { in: memberships.map(({ tenantId }) => tenantId) } },
    select: {
      id: true,
      tenantId: true,
      providerCallId: true,
      recordingState: true,
      recordingRef: true,
      startedAt: true,
      connection: { select: { id: true, tenantId: true, kind: true, credentials: true } },
    },
  });
}

/** Whether a link points at the provider's own API origin over http(s) (SSRF, R22). */
export function isProviderLink(link: string, providerBaseUrl: string): boolean {
  if (!URL.canParse(link)) return false;
  const url = new URL(link);
  const provider = new URL(providerBaseUrl);
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.protocol === provider.protocol &&
    url.host === provider.host &&
    !url.username &&
    !url.password
  );
}

/** A provider that moves its files answers with a redirect; it is followed only while it stays on the provider's host. */
const MAX_REDIRECTS = 3;

/**
 * The provider's answer to a link, following redirects by hand so each hop is checked against the
 * provider's host (null when one leaves it). The timeout covers reaching the answer's headers
 * only: the body then streams as long as it keeps coming (`relayWithIdleTimeout`).
 */
async function fetchWithinProvider(
  link: string,
  {
    range,
    signal,
    timeoutMs,
    isAllowed,
    deps,
  }: {
    range: string | null;
    signal: AbortSignal;
    timeoutMs: number;
    isAllowed: (link: string) => boolean;
    deps: TRecordingProxyDeps;
  },
) {
  const headersTimeout = new AbortController();
  const timer = setTimeout(
    () => headersTimeout.abort(new Error("the provider did not answer in time")),
    timeoutMs,
  );
  try {
    let url = link;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const response = await (deps.fetch ?? fetch)(url, {
        headers: range ? { range } : {},
        redirect: "manual",
        signal: AbortSignal.any([signal, headersTimeout.signal]),
      });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return response;
      void response.body?.cancel().catch(() => {});
      url = new URL(location, url).toString();
      if (!isAllowed(url)) return null;
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The upstream body passed through chunk by chunk as the browser reads it (never gathered in
 * memory), failing when the provider stalls longer than `timeoutMs` between chunks. Cancelling it
 * (the browser went away) cancels the upstream read.
 */
function relayWithIdleTimeout(
  body: ReadableStream<Uint8Array>,
  timeoutMs: number,
  onStall: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const stalled = new Promise<"stalled">((resolve) => {
          timer = setTimeout(() => resolve("stalled"), timeoutMs);
        });
        try {
          const next = await Promise.race([reader.read(), stalled]);
          if (next === "stalled") {
            onStall();
            controller.error(new Error("the provider stopped sending the recording"));
            void reader.cancel().catch(() => {});
          } else if (next.done) controller.close();
          else controller.enqueue(next.value);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * `/api/recordings/{callId}` (R22, docs/recordings.md): the call must be in one of the signed-in
 * user's workspaces and have a ready recording; then a fresh provider link is asked for, fetched
 * only from the provider's host, with the browser's `Range`, and its body streamed through. The
 * link and the credentials never reach the browser.
 */
export async function streamRecording(
  request: Request,
  { userId, callId }: { userId: string; callId: string },
  deps: TRecordingProxyDeps,
): Promise<Response> {
  const call = await findMembersCall(deps.db, { userId, callId });
  if (!call) return NOT_FOUND();
  if (call.recordingState !== "ready") return RECORDING_STATE_ERRORS[call.recordingState]();
  const log = deps.log.child({ tenantId: call.tenantId, callId: call.id });
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let link: string | undefined;
  try {
    const { links } = await deps.requestRecordingLink(call.connection, {
      ...(call.recordingRef ? { recordingRef: call.recordingRef } : {}),
      providerCallId: call.providerCallId,
      lifetimeSeconds: RECORDING_LINK_LIFETIME_SECONDS,
    });
    link = links[0];
  } catch (error) {
    if (deps.isRecordingGone(error)) return RECORDING_STATE_ERRORS.unavailable();
    log.warn("recording link refused", {
      error: error instanceof Error ? error.message : String(error),
    });
    return PROVIDER_FAILED();
  }
  const isAllowed = (url: string) => deps.isAllowedLink(call.connection.kind, url);
  if (!link || !isAllowed(link)) {
    // The host alone: the link itself carries a token.
    log.error("recording link points outside the provider; not fetched", {
      host: link && URL.canParse(link) ? new URL(link).host : null,
    });
    return PROVIDER_FAILED();
  }

  const range = request.headers.get("range");
  let upstream: Response | null;
  try {
    upstream = await fetchWithinProvider(link, {
      range,
      signal: request.signal,
      timeoutMs,
      isAllowed,
      deps,
    });
  } catch (error) {
    log.warn("recording fetch failed", {
      error: error instanceof Error ? error.name : String(error),
    });
    return PROVIDER_FAILED();
  }
  if (!upstream) {
    log.error("recording link redirects outside the provider; not followed");
    return PROVIDER_FAILED();
  }
  if (!PASSED_STATUSES.has(upstream.status) || (upstream.status !== 416 && !upstream.body)) {
    log.warn("recording download refused", { status: upstream.status });
    void upstream.body?.cancel().catch(() => {});
    return PROVIDER_FAILED();
  }

  const headers = new Headers({
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  for (const name of FORWARDED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (new URL(request.url).searchParams.get("download") === "1") {
    headers.set(
      "content-disposition",
      `attachment; filename="${downloadName(call, upstream.headers.get("content-type"))}"`,
    );
  }
  if (upstream.status === 416) void upstream.body?.cancel().catch(() => {});
  const body =
    upstream.status === 416 || !upstream.body
      ? null
      : relayWithIdleTimeout(upstream.body, timeoutMs, () =>
          log.warn("recording stream stalled", { timeoutMs }),
        );
  return new Response(body, { status: upstream.status, headers });
}
