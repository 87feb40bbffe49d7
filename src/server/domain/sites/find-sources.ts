import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { presetRank, SOURCE_PRESETS } from "@/server/domain/sites/source-presets";

const SOURCE_SELECT = {
  id: true,
  name: true,
  channel: true,
  utmSources: true,
  presetKey: true,
} as const;

/**
 * Creates the preset sources a workspace lacks. Lazy (first list or first hit) rather than at
 * workspace creation, so workspaces made before this feature get them too; the unique
 * (tenantId, presetKey) index makes concurrent calls harmless.
 */
async function ensureSourcePresets(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<void> {
  await db.source.createMany({
    data: SOURCE_PRESETS.map((preset) => ({
      id: createId("src"),
      tenantId,
      name: preset.name,
      channel: preset.channel,
      utmSources: preset.utmSources,
      presetKey: preset.key,
    })),
    skipDuplicates: true,
  });
}

/**
 * The sources of each workspace, presets included, in preset order with custom sources first, in
 * one query (the tracker attributes a batch of hits of several workspaces at once). A workspace
 * that lacks presets gets them first.
 */
export async function findSourcesByTenant(db: TDbClient, tenantIds: readonly string[]) {
  const load = () =>
    db.source.findMany({
      where: { tenantId: { in: [...tenantIds] } },
      select: { ...SOURCE_SELECT, tenantId: true },
      orderBy: { createdAt: "asc" },
    });
  let rows = await load();
  const lacking = tenantIds.filter(
    (tenantId) =>
      rows.filter((row) => row.tenantId === tenantId && row.presetKey !== null).length <
      SOURCE_PRESETS.length,
  );
  if (lacking.length > 0) {
    for (const tenantId of lacking) await ensureSourcePresets(db, { tenantId });
    rows = await load();
  }
  return new Map(
    tenantIds.map((tenantId) => [
      tenantId,
      rows
        .filter((row) => row.tenantId === tenantId)
        .map(({ tenantId: _tenantId, ...source }) => source)
        .sort((a, b) => presetRank(a.presetKey) - presetRank(b.presetKey)),
    ]),
  );
}

/** The workspace's sources, presets included, in preset order with custom sources first. */
export async function findSources(db: TDbClient, { tenantId }: { tenantId: string }) {
  return (await findSourcesByTenant(db, [tenantId])).get(tenantId) ?? [];
}
