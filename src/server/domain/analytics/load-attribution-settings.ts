import type { TDbClient } from "@/server/db/types";
import type { TAttributionSettings } from "@/server/domain/analytics/attribute-deal";
import type { TAttributionModel } from "@/server/domain/analytics/attribution-models";
import type { TTrafficChannel } from "@/server/domain/analytics/communication";
import type { TMappedSource } from "@/server/domain/analytics/lead-source-mapping";

type TSettingsRow = {
  model: TAttributionModel;
  windowDays: number;
  mapping: ({ value: string } & TMappedSource)[];
};

/**
 * The workspace's attribution settings (deal-attribution §11): model and window from `Tenant`, the
 * mapping table joined to each source's channel. One raw statement, since deal upserts call it per
 * delivery (docs/decisions/0002-raw-sql-on-hot-paths.md). Null when the tenant does not exist.
 */
export async function loadAttributionSettings(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<TAttributionSettings | null> {
  const [row] = await db.$queryRaw<TSettingsRow[]>`
    SELECT t."attributionModel"::text AS "model", t."attributionWindowDays" AS "windowDays",
      COALESCE(jsonb_agg(jsonb_build_object('value', m."value", 'sourceId', m."sourceId", 'channel', s."channel"))
        FILTER (WHERE s."id" IS NOT NULL), '[]'::jsonb) AS "mapping"
    FROM "Tenant" AS t
      LEFT JOIN "LeadSourceMapping" AS m ON m."tenantId" = t."id"
      LEFT JOIN "Source" AS s ON s."id" = m."sourceId" AND s."tenantId" = t."id"
    WHERE t."id" = ${tenantId}
    GROUP BY t."id"`;
  if (!row) return null;
  return {
    model: row.model,
    windowDays: row.windowDays,
    leadSourceMapping: new Map(
      row.mapping.map(({ value, sourceId, channel }) => [
        value,
        { sourceId, channel: channel satisfies TTrafficChannel },
      ]),
    ),
  };
}
