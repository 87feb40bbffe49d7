import { getLocale, getTranslations } from "next-intl/server";
import type { z } from "zod";

import { toLocale } from "@/i18n/locales";
import { FORM_INPUT_LIMITS, toStorableDeep, toStorableText } from "@/lib/text/storable-text";
import { formatTimeZone } from "@/lib/time-zones";
import { getSessionUser } from "@/server/auth/session";
import { csvDialectOf } from "@/server/csv/csv-dialect";
import type { TCsvExportRequest, TCsvValueKind } from "@/server/csv/stream-csv";
import { getDb, type TDb } from "@/server/db/client";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";
import { jsonError } from "@/server/http/json-error";

/** Filter bounds that travel as ISO strings in the export link. */
const DATE_FILTER_KEYS = ["createdFrom", "createdTo"] as const;

type TCsvExportOptions<TFilters, TSort> = {
  /** The table exported, as in the URL `/api/export/{table}` and in the file name. */
  table: "deals" | "leads" | "calls";
  filtersSchema: z.ZodType<TFilters>;
  /** The table's order; a link without one gets the table's default. */
  sortSchema: z.ZodType<TSort>;
  lines: (db: TDb, request: TCsvExportRequest<TFilters, TSort>) => AsyncGenerator<string>;
};

/** Where the interface keeps the words for each kind of coded value; yes/no are spelled as everywhere else. */
const VALUE_LABEL_NAMESPACES: Record<Exclude<TCsvValueKind, "boolean">, string> = {
  visitStatus: "deals.stages",
  stageGroup: "deals.groups",
  subscription: "deals.drawer.subscription",
  channel: "sites.channels",
  attributionRule: "leads.rules",
  communicationKind: "leads.kinds",
  uniqueCall: "leads.uniqueCall",
  targetCall: "leads.targetCall",
  dealAttributionRule: "deals.attributionRules",
  callDirection: "calls.directions",
  callStatus: "calls.statuses",
  recordingState: "calls.recordingStates",
};

/**
 * Column titles (messages `csv.{table}`, date columns naming the time zone), coded values in the
 * reader's language (a status Klientiks added later reads «Неизвестный статус (…)», as in the table)
 * and the reader's spreadsheet dialect.
 */
async function csvReader(
  table: TCsvExportOptions<unknown, unknown>["table"],
  timeZone: string,
): Promise<Pick<TCsvExportRequest<unknown, unknown>, "columnTitle" | "valueLabel" | "dialect">> {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const zoneName = formatTimeZone(timeZone, locale);
  return {
    dialect: csvDialectOf(locale),
    columnTitle: (column) => t(`csv.${table}.${column}`, { timeZone: zoneName }),
    valueLabel: (kind, value) => {
      if (kind === "boolean") return t(value === "true" ? "common.yes" : "common.no");
      const key = `${VALUE_LABEL_NAMESPACES[kind]}.${value}`;
      if (t.has(key)) return t(key);
      return kind === "visitStatus" ? t("deals.unknownStage", { status: value }) : value;
    },
  };
}

/** A JSON query parameter checked by its schema (an absent one is `undefined`, for the schema's default); null when invalid. */
function parseJsonParam<TValue>(
  text: string | null,
  schema: z.ZodType<TValue>,
  revive: (raw: Record<string, unknown>) => void = () => {},
): TValue | null {
  try {
    // Search text goes into SQL like form input does (docs/input-text.md).
    const raw = text ? toStorableDeep(JSON.parse(text), FORM_INPUT_LIMITS) : undefined;
    if (raw && typeof raw === "object") revive(raw as Record<string, unknown>);
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const reviveDates = (raw: Record<string, unknown>) => {
  for (const key of DATE_FILTER_KEYS)
    if (typeof raw[key] === "string") raw[key] = new Date(raw[key]);
};

/**
 * The CSV of a table's rows matching its filters, in its order, streamed. The tenant comes from the signed-in
 * user's verified membership of `?slug=`, never from the request alone (R14).
 */
export async function csvExportResponse<TFilters, TSort>(
  request: Request,
  { table, filtersSchema, sortSchema, lines }: TCsvExportOptions<TFilters, TSort>,
): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return jsonError("UNAUTHENTICATED", `Sign in to export ${table}`);
  const url = new URL(request.url);
  const membership = await findMembershipBySlug(getDb(), {
    userId: user.id,
    unverifiedTenantSlug: toStorableText(url.searchParams.get("slug") ?? ""),
  });
  if (!membership) return jsonError("FORBIDDEN", "Not a member of this workspace");
  const filters = parseJsonParam(
    url.searchParams.get("filters") || "{}",
    filtersSchema,
    reviveDates,
  );
  if (filters === null)
    return jsonError("VALIDATION", `filters must be a JSON object of ${table} filters`);
  const sort = parseJsonParam(url.searchParams.get("sort"), sortSchema);
  if (sort === null)
    return jsonError(
      "VALIDATION",
      `sort must be a JSON object of a ${table} sort field and direction`,
    );

  const rows = lines(getDb(), {
    tenantId: membership.tenantId,
    filters,
    sort,
    timeZone: membership.timezone,
    ...(await csvReader(table, membership.timezone)),
  });
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
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
