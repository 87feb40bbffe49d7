import { toStorableText } from "@/lib/text/storable-text";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";
import { jsonError } from "@/server/http/json-error";
import { logger } from "@/server/logging/logger";
import { readRealtimeBacklog } from "@/server/realtime/backlog";
import { createEventStreamResponse } from "@/server/realtime/event-stream";
import { parseLastEventId } from "@/server/realtime/realtime-event";
import { getRealtimeHub } from "@/server/realtime/runtime";

export const dynamic = "force-dynamic";

/**
 * The workspace's live events for the signed-in member, as Server-Sent Events (docs/realtime.md).
 * The tenant and member come from the verified membership of the slug, never from the request (R14).
 * A reconnect's `Last-Event-ID` (or `?lastEventId=` on a page's first connect) resumes after that event.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ slug: string }> },
): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to receive live events");
  const { slug } = await params;
  const membership = await findMembershipBySlug(getDb(), {
    userId: user.id,
    unverifiedTenantSlug: toStorableText(slug),
  });
  if (!membership) return jsonError("NOT_FOUND", "No such workspace");
  const lastEventId = parseLastEventId(
    request.headers.get("last-event-id") || new URL(request.url).searchParams.get("lastEventId"),
  );
  if (lastEventId === undefined)
    return jsonError("VALIDATION", "Last-Event-ID must be the id of an event this stream sent");

  const audience = { tenantId: membership.tenantId, membershipId: membership.membershipId };
  return createEventStreamResponse({
    hub: getRealtimeHub(),
    audience,
    lastEventId,
    readBacklog: (afterId) => readRealtimeBacklog(getDb(), { audience, afterId }),
    signal: request.signal,
    log: logger.child({ component: "realtime-stream", tenantId: membership.tenantId }),
  });
}
