import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { getSessionUser } from "@/server/auth/session";
import type { TCsvExportRequest, TCsvValueKind } from "@/server/csv/stream-csv";
import { getDb, type TDb } from "@/server/db/client";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";
import { jsonError } from "@/server/http/json-error";

/** Filter bounds that travel as ISO strings in the export link. */
const DATE_FILTER_KEYS = ["createdFrom", "createdTo"] as const;

type TCsvExportOptions<TFilters> = {
  /** The table exported, as in the URL `/api/export/{table}` and in the file name. */
  table: "deals" | "leads";
  filtersSchema: z.ZodType<TFilters>;
  lines: (db: TDb, request: TCsvExportRequest<TFilters>) => AsyncGenerator<string>;
};

/** Where the interface keeps the words for each kind of coded value. */
const VALUE_LABEL_NAMESPACES: Record<TCsvValueKind, string> = {
  visitStatus: "deals.stages", stageGroup: "deals.groups", subscription: "deals.drawer.subscription", channel: "sites.channels",
  attributionRule: "leads.rules", boolean: "csv.values",
};

/** Column titles (messages `csv.{table}`, date columns naming the time zone) and coded values in the reader's language. */
async function csvLabels(table: TCsvExportOptions<unknown>["table"], timeZone: string): Promise<Pick<TCsvExportRequest<unknown>, "columnTitle" | "valueLabel">> {
  const t = await getTranslations();
  return {
    columnTitle: (column) => t(`csv.${table}.${column}`, { timeZone }),
    valueLabel: (kind, value) => {
      const key = `${VALUE_LABEL_NAMESPACES[kind]}.${value}`;
      return t.has(key) ? t(key) : value;
    },
  };
}

function parseFilters<TFilters>(text: string | null, schema: z.ZodType<TFilters>): TFilters | null {
  try {
    const raw = JSON.parse(text || "{}") as Record<string, unknown>;
    for (const key of DATE_FILTER_KEYS) if (typeof raw[key] === "string") raw[key] = new Date(raw[key]);
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The CSV of a table's rows matching its filters, streamed. The tenant comes from the signed-in
 * user's verified membership of `?slug=`, never from the request alone (R14).
 */
export async function csvExportResponse<TFilters>(request: Request, { table, filtersSchema, lines }: TCsvExportOptions<TFilters>): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return jsonError("UNAUTHENTICATED", `Sign in to export ${table}`);
  const url = new URL(request.url);
  const membership = await findMembershipBySlug(getDb(), { userId: user.id, unverifiedTenantSlug: url.searchParams.get("slug") ?? "" });
  if (!membership) return jsonError("FORBIDDEN", "Not a member of this workspace");
  const filters = parseFilters(url.searchParams.get("filters"), filtersSchema);
  if (filters === null) return jsonError("VALIDATION", `filters must be a JSON object of ${table} filters`);

  const rows = lines(getDb(), { tenantId: membership.tenantId, filters, timeZone: membership.timezone, ...(await csvLabels(table, membership.timezone)) });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const fileName = `${table}-${membership.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" } });
}
