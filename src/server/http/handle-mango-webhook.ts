import { toStorableText, toStorableTruncated } from "@/lib/text/storable-text";
import type { TDbClient } from "@/server/db/types";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import {
  markEndpointConfirmed,
  type TNotificationRejection,
} from "@/server/domain/telephony/receive-notification";
import type {
  TVerificationKeys,
  TVerificationSecretsCache,
} from "@/server/domain/telephony/verification-secrets-cache";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";
import type { TUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import type { TWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import {
  bodyTooLarge,
  commitTelephonyNotification,
} from "@/server/http/commit-telephony-notification";
import { readCappedBody } from "@/server/http/read-capped-body";
import { selectRecordedHeaders } from "@/server/http/read-webhook-params";
import { resolveTelephonyEndpoint } from "@/server/http/resolve-telephony-endpoint";
import {
  answerUnknownAddress,
  webhookNotFound as notFound,
  webhookUnavailable as unavailable,
} from "@/server/http/webhook-responses";
import { identifyMangoEvent, isSameApiKey, verifyMangoSign } from "@/server/integrations/mango";
import type { TLogger } from "@/server/logging/logger";

export type TMangoWebhookDeps = {
  db: TDbClient;
  endpoints: TWebhookEndpointCache;
  /** Counts unknown-address answers per sender (R20). */
  unknownAddresses: TUnknownAddressLimiter;
  secrets: TVerificationSecretsCache;
  dispatch: (deliveries: TEnqueuedDelivery[]) => Promise<void>;
  log: TLogger;
};

/** docs/telephony-mango.md §7.6: Mango's events are small, but a summary with many legs is not; 256 KB. */
export const MAX_MANGO_EVENT_BYTES = 256 * 1024;
const MAX_PATH_LENGTH = 64;

/** What Mango expects back from every event, the connection check included. */
const success = () => Response.json({ success: true });

/** The three form fields, raw: the sign is over the `json` text exactly as sent (§3). */
const readFields = (body: Buffer) => {
  const form = new URLSearchParams(body.toString("utf8"));
  return { apiKey: form.get("vpbx_api_key"), sign: form.get("sign"), json: form.get("json") };
};

/** The key compare and the sign check, with the keys this process knows, then fresh ones before refusing. */
async function verify(
  deps: TMangoWebhookDeps,
  endpoint: TWebhookEndpoint,
  fields: ReturnType<typeof readFields>,
  at: Date,
): Promise<{ keys: TVerificationKeys | null; rejection: TNotificationRejection | null }> {
  const check = (keys: TVerificationKeys): TNotificationRejection | null => {
    if (!isSameApiKey(keys.key, fields.apiKey))
      return { code: "bad_signature", message: "vpbx_api_key is not this connection's key" };
    const verification = verifyMangoSign(keys.key, fields.json ?? "", fields.sign, keys.secrets);
    if (verification.ok) return null;
    return verification.reason === "missing_signature"
      ? { code: "missing_signature", message: "the sign field is missing" }
      : { code: "bad_signature", message: "the sign does not match the json and the salt" };
  };
  const cached = await deps.secrets.keysOf(endpoint, at);
  if (cached?.kind !== "mango") return { keys: cached, rejection: null };
  const first = check(cached);
  if (first === null || first.code === "missing_signature")
    return { keys: cached, rejection: first };
  const fresh = await deps.secrets.keysOf(endpoint, at, { isFresh: true });
  return { keys: fresh, rejection: fresh?.kind === "mango" ? check(fresh) : first };
}

/**
 * A Mango Office event (docs/telephony-mango.md §7.6), in order of cost: the token (404 before the
 * body is read, 429 past a sender's share of them, R20), the body up to 256 KB (413), the connection
 * check (an empty body, `ping`, no `json`: 200), `vpbx_api_key` and `sign` over the raw `json` in
 * constant time (current salt, then previous), then the inbox row — the same inbox as Zadarma's
 * notifications — committed before the 200 `{"success": true}`. A wrong key or sign is kept as a
 * `rejected` row with its reason and answered 401; paths we do not handle are acknowledged.
 */
export async function handleMangoWebhook(
  request: Request,
  token: string,
  eventPath: string,
  deps: TMangoWebhookDeps,
): Promise<Response> {
  const receivedAt = new Date();
  const endpoint = await resolveTelephonyEndpoint(deps, token, receivedAt);
  if (endpoint === undefined) return unavailable();
  if (!endpoint) return answerUnknownAddress(request, deps.unknownAddresses);
  if (request.method !== "POST") return success();

  const body = await readCappedBody(request, MAX_MANGO_EVENT_BYTES);
  if (body === null) return bodyTooLarge(MAX_MANGO_EVENT_BYTES);
  const fields = readFields(body);
  const path = eventPath.replace(/^\/+|\/+$/g, "");
  // Mango's «check connection»: an empty request, `ping`, or no json at all.
  if (body.length === 0 || path === "ping" || fields.json === null || fields.json === "ping") {
    // The settings page says Mango reached the address, as it does after Zadarma's `zd_echo`.
    await markEndpointConfirmed(deps.db, endpoint, receivedAt).catch((error: unknown) =>
      deps.log.warn("mango webhook: could not note the connection check", { error }),
    );
    return success();
  }

  let verified: Awaited<ReturnType<typeof verify>>;
  try {
    verified = await verify(deps, endpoint, fields, receivedAt);
  } catch (error) {
    deps.log.error("mango webhook: loading the verification keys failed", { error });
    return unavailable();
  }
  // A Zadarma connection's token on the Mango address is no address of ours.
  if (verified.keys?.kind !== "mango") return notFound();

  const identity = verified.rejection === null ? identifyMangoEvent(path, fields.json) : null;
  if (identity?.kind === "ignored") return success();
  const rejection: TNotificationRejection | null =
    verified.rejection ??
    (identity?.kind === "invalid"
      ? { code: "invalid_event", message: `${identity.field}: ${identity.message}` }
      : null);
  const event = identity?.kind === "event" ? identity : null;

  const refusal = await commitTelephonyNotification(
    deps,
    "mango",
    {
      endpoint,
      eventType: toStorableTruncated(path, MAX_PATH_LENGTH),
      providerCallId: event?.providerCallId ?? null,
      eventKey: event?.eventKey ?? null,
      // Never `vpbx_api_key` or `sign`: the event path and the raw json are all the worker needs.
      form: {
        event: toStorableTruncated(path, MAX_PATH_LENGTH),
        json: toStorableText(fields.json),
      },
      headers: selectRecordedHeaders(request.headers),
      receivedAt,
      rejection,
    },
    identity?.kind === "invalid" ? identity.field : "sign",
  );
  if (refusal) return refusal;
  return success();
}
