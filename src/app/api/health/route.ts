import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness plus a real database round trip; 503 tells a load balancer to stop routing here. */
export async function GET(): Promise<Response> {
  const version = getEnv().APP_VERSION;
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, db: "up", version });
  } catch {
    return Response.json({ ok: false, db: "down", version }, { status: 503 });
  }
}
