import { toStorableTruncated } from "@/lib/text/storable-text";
import type { TDbClient } from "@/server/db/types";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import type { TCallerNames } from "@/server/domain/telephony/caller-names";
import {
  markEndpointConfirmed,
  type TNotificationRejection,
} from "@/server/domain/telephony/receive-notification";
import type { TVerificationSecretsCache } from "@/server/domain/telephony/verification-secrets-cache";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";
import type { TUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import type { TWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import {
  bodyTooLarge,
  commitTelephonyNotification,
} from "@/server/http/commit-telephony-notification";
import { readCappedBody } from "@/server/http/read-capped-body";
import { collectParams, selectRecordedHeaders } from "@/server/http/read-webhook-params";
import { resolveTelephonyEndpoint } from "@/server/http/resolve-telephony-endpoint";
import {
  answerUnknownAddress,
  webhookUnavailable as unavailable,
} from "@/server/http/webhook-responses";
import {
  identifyZadarmaNotification,
  toCallPhone,
  verifyNotificationSignature,
  type TZadarmaNotificationIdentity,
} from "@/server/integrations/zadarma";
import type { TLogger } from "@/server/logging/logger";

export type TZadarmaWebhookDeps = {
  db: TDbClient;
  endpoints: TWebhookEndpointCache;
  /** Counts unknown-address answers per sender (R20). */
  unknownAddresses: TUnknownAddressLimiter;
  secrets: TVerificationSecretsCache;
  callerNames: TCallerNames;
  dispatch: (deliveries: TEnqueuedDelivery[]) => Promise<void>;
  log: TLogger;
};

/** Zadarma's forms are a few hundred bytes; 64 KB is generous (docs/telephony-zadarma.md, R20). */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;
const MAX_FIELDS = 60;
const MAX_ECHO_LENGTH = 256;

const json = (status: number, body: object) => Response.json(body, { status });

/** The form's fields, the first MAX_FIELDS names, each cut and cleaned for storage (docs/input-text.md). */
const readForm = (body: Buffer): Record<string, string> =>
  collectParams([new URLSearchParams(body.toString("utf8"))], MAX_FIELDS);

/**
 * `GET ?zd_echo=…`: Zadarma checks a notification address when it is saved and expects the value
 * back as the whole body (docs/telephony-zadarma.md). A wrong token gets 404, so a mistyped
 * address fails when it is saved.
 */
async function answerEcho(
  request: Request,
  token: string,
  deps: TZadarmaWebhookDeps,
): Promise<Response> {
  const receivedAt = new Date();
  const endpoint = await resolveTelephonyEndpoint(deps, token, receivedAt);
  if (endpoint === undefined) return unavailable();
  if (!endpoint) return answerUnknownAddress(request, deps.unknownAddresses);
  const echo = new URL(request.url).searchParams.get("zd_echo");
  if (echo === null || echo.length > MAX_ECHO_LENGTH)
    return json(400, {
      ok: false,
      error: {
        code: "VALIDATION",
        field: "zd_echo",
        message: `zd_echo is required, at most ${MAX_ECHO_LENGTH} characters`,
      },
    });
  await markEndpointConfirmed(deps.db, endpoint, receivedAt).catch((error: unknown) =>
    deps.log.warn("zadarma webhook: could not note the zd_echo check", { error }),
  );
  return new Response(echo, {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/**
 * Verifies with the secrets this process knows, and once more with fresh ones before rejecting:
 * right after a rotation the cached secrets may be the old pair.
 */
async function verify(
  deps: TZadarmaWebhookDeps,
  endpoint: TWebhookEndpoint,
  form: Record<string, string>,
  signature: string | null,
  at: Date,
) {
  const first = verifyNotificationSignature(
    form,
    signature,
    await deps.secrets.secretsOf(endpoint, at),
  );
  if (first.ok || first.reason !== "bad_signature") return first;
  return verifyNotificationSignature(
    form,
    signature,
    await deps.secrets.secretsOf(endpoint, at, { isFresh: true }),
  );
}

const SIGNATURE_MESSAGES = {
  missing_signature: "the Signature header is missing",
  bad_signature: "the Signature does not match the form and the API secret",
} as const;

function rejectionOf(
  verification: Awaited<ReturnType<typeof verify>>,
  parsed: TZadarmaNotificationIdentity | null,
): TNotificationRejection | null {
  if (!verification.ok)
    return verification.reason === "unsigned_event"
      ? null
      : { code: verification.reason, message: SIGNATURE_MESSAGES[verification.reason] };
  return parsed?.kind === "invalid"
    ? { code: "invalid_event", message: `${parsed.field}: ${parsed.message}` }
    : null;
}

/**
 * A Zadarma call notification, in order of cost (docs/telephony-zadarma.md, reliability R1, R5):
 * the token (404 before the body is read, 429 past a sender's share of them, R20), the body up to its cap (413), the `Signature` on the
 * raw form in constant time, the fields, then the inbox row, committed before the 200. Events we
 * do not handle (SMS, speech recognition) are acknowledged and dropped; a bad signature is kept as
 * a `rejected` row with its reason and answered 401.
 */
async function receiveNotification(
  request: Request,
  token: string,
  deps: TZadarmaWebhookDeps,
): Promise<Response> {
  const receivedAt = new Date();
  const endpoint = await resolveTelephonyEndpoint(deps, token, receivedAt);
  if (endpoint === undefined) return unavailable();
  if (!endpoint) return answerUnknownAddress(request, deps.unknownAddresses);

  const body = await readCappedBody(request, MAX_NOTIFICATION_BYTES);
  if (body === null) return bodyTooLarge(MAX_NOTIFICATION_BYTES);
  const form = readForm(body);

  let verification: Awaited<ReturnType<typeof verify>>;
  try {
    verification = await verify(deps, endpoint, form, request.headers.get("signature"), receivedAt);
  } catch (error) {
    deps.log.error("zadarma webhook: loading the verification secrets failed", { error });
    return unavailable();
  }
  if (!verification.ok && verification.reason === "unsigned_event")
    return new Response(null, { status: 200 });

  // Its key and validity only: the worker reads the stored form in full, in the account's zone.
  const parsed = verification.ok ? identifyZadarmaNotification(form) : null;
  if (parsed?.kind === "ignored") return new Response(null, { status: 200 });
  const rejection = rejectionOf(verification, parsed);
  const event = parsed?.kind === "event" ? parsed : null;

  const field =
    rejection?.code === "invalid_event" && parsed?.kind === "invalid" ? parsed.field : "Signature";
  const refusal = await commitTelephonyNotification(
    deps,
    "zadarma",
    {
      endpoint,
      eventType: toStorableTruncated(form.event ?? "", 64),
      providerCallId: event?.providerCallId ?? null,
      eventKey: event?.eventKey ?? null,
      form,
      headers: selectRecordedHeaders(request.headers),
      receivedAt,
      rejection,
    },
    field,
  );
  if (refusal) return refusal;
  // Only the start of an incoming call can name the caller on the agent's phone.
  const isCallStart = event?.rawType === "NOTIFY_START" || event?.rawType === "NOTIFY_IVR";
  const callerName = isCallStart
    ? await deps.callerNames.nameFor(endpoint, toCallPhone(form.caller_id))
    : null;
  return callerName
    ? Response.json({ caller_name: callerName })
    : new Response(null, { status: 200 });
}

export async function handleZadarmaWebhook(
  request: Request,
  token: string,
  deps: TZadarmaWebhookDeps,
): Promise<Response> {
  if (request.method === "GET") return answerEcho(request, token, deps);
  return receiveNotification(request, token, deps);
}
