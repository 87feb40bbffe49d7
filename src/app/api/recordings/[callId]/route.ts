import { getSessionUser } from "@/server/auth/session";
import { jsonError } from "@/server/http/json-error";
import { streamRecording } from "@/server/http/stream-recording";
import { getRecordingProxyDeps } from "@/server/recording-proxy-deps";

type TRouteContext = { params: Promise<{ callId: string }> };

/** The characters and length of the ids we issue; anything else cannot be a call and is not looked up. */
const CALL_ID = /^[\w-]{1,64}$/;

/** A call's recording, streamed for a member of its workspace (docs/recordings.md, R22). */
export async function GET(request: Request, context: TRouteContext): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to listen to recordings");
  const { callId } = await context.params;
  if (!CALL_ID.test(callId)) return jsonError("NOT_FOUND", "No such call in your workspaces");
  return streamRecording(request, { userId: user.id, callId }, getRecordingProxyDeps());
}
