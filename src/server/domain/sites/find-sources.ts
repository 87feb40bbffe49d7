import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { SOURCE_PRESETS, presetRank } from "@/server/domain/sites/source-presets";

const SOURCE_SELECT = { id: true, name: true, channel: true, utmSources: true, presetKey: true } as const;

/**
 * Creates the preset sources a workspace lacks. Lazy (first list or first hit) rather than at
 * workspace creation, so workspaces made before this feature get them too; the unique
 * (tenantId, presetKey) index makes concurrent calls harmless.
 */
async function ensureSourcePresets(db: TDbClient, { tenantId }: { tenantId: string }): Promise<void> {
  const existing = await db.source.count({ where: { tenantId, presetKey: { not: null } } });
  if (existing >= SOURCE_PRESETS.length) return;
  await db.source.createMany({
    data: SOURCE_PRESETS.map((preset) => ({ id: createId("src"), tenantId, name: preset.name, channel: preset.channel, utmSources: preset.utmSources, presetKey: preset.key })),
    skipDuplicates: true,
  });
}

/** The workspace's sources, presets included, in preset order with custom sources first. */
export async function findSources(db: TDbClient, { tenantId }: { tenantId: string }) {
  await ensureSourcePresets(db, { tenantId });
  const sources = await db.source.findMany({ where: { tenantId }, select: SOURCE_SELECT, orderBy: { createdAt: "asc" } });
  return sources.sort((a, b) => presetRank(a.presetKey) - presetRank(b.presetKey));
}
