import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { ZDealFiltersSchema } from "@/server/domain/deals/deal-filters";
import { exportDealsCsv } from "@/server/domain/deals/export-deals-csv";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";
import { jsonError } from "@/server/http/json-error";

/** CSV of the deals matching the table's filters (dates arrive as ISO strings), streamed. */
export async function GET(request: Request): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to export deals");
  const url = new URL(request.url);
  const membership = await findMembershipBySlug(getDb(), { userId: user.id, unverifiedTenantSlug: url.searchParams.get("slug") ?? "" });
  if (!membership) return jsonError("FORBIDDEN", "Not a member of this workspace");

  let filters;
  try {
    const raw = JSON.parse(url.searchParams.get("filters") || "{}") as Record<string, unknown>;
    for (const key of ["createdFrom", "createdTo"]) if (typeof raw[key] === "string") raw[key] = new Date(raw[key]);
    filters = ZDealFiltersSchema.parse(raw);
  } catch {
    return jsonError("VALIDATION", "filters must be a JSON object of deal filters");
  }

  const lines = exportDealsCsv(getDb(), { tenantId: membership.tenantId, filters });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const fileName = `deals-${membership.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" } });
}
