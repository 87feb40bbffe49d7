import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { recomputeCallFlags } from "@/server/domain/call-tracking/call-flags";
import { findPoolCoverage } from "@/server/domain/call-tracking/coverage";
import type {
  TCallSettings,
  TSiteCallTrackingRequest,
} from "@/server/domain/call-tracking/schemas";
import { AppError } from "@/server/errors";

type TActor = { tenantId: string; actorUserId: string };

/** Rewriting the flags of a large workspace's calls takes longer than an ordinary write. */
const RECOMPUTE_TRANSACTION = { timeout: 60_000 };

const SITE_SELECT = {
  id: true,
  domain: true,
  name: true,
  phoneTargets: true,
  phoneSelector: true,
  poolHoldMinutes: true,
} as const;

/** The workspace's sites with their call-tracking settings and the coverage of their pools. */
export async function findCallTrackingSites(
  db: TDbClient,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
) {
  const [sites, coverage] = await Promise.all([
    db.site.findMany({
      where: { tenantId },
      orderBy: { createdAt: "asc" },
      select: SITE_SELECT,
    }),
    findPoolCoverage(db, { tenantId, now }),
  ]);
  return sites.map((site) => ({
    ...site,
    coverage: coverage.get(site.id) ?? {
      sessions: 0,
      poolSessions: 0,
      share: null,
      fallbackGrants: 0,
      isExhaustedRecently: false,
    },
  }));
}

/** Saves a site's phones to replace, its selector and hold time; returns the site's public key. */
export async function updateSiteCallTracking(
  db: TDb,
  {
    tenantId,
    actorUserId,
    siteId,
    request,
  }: TActor & {
    siteId: string;
    request: TSiteCallTrackingRequest;
  },
) {
  return db.$transaction(async (tx) => {
    const own = await tx.site.findFirst({ where: { id: siteId, tenantId }, select: { id: true } });
    if (!own) throw new AppError("NOT_FOUND");
    const site = await tx.site.update({
      where: { id: own.id },
      data: request,
      select: { ...SITE_SELECT, publicKey: true },
    });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "site.call_tracking_updated",
      targetType: "site",
      targetId: site.id,
      data: { ...request },
    });
    return site;
  });
}

export const findCallSettings = (db: TDbClient, { tenantId }: { tenantId: string }) =>
  db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { callUniqueDays: true, callTargetSeconds: true },
  });

/**
 * Saves the unique period and the target duration; when either changes, every incoming call's
 * flags are recomputed under them in the same transaction.
 */
export function updateCallSettings(
  db: TDb,
  { tenantId, actorUserId, settings }: TActor & { settings: TCallSettings },
) {
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { callUniqueDays: true, callTargetSeconds: true },
    });
    const isChanged =
      before.callUniqueDays !== settings.callUniqueDays ||
      before.callTargetSeconds !== settings.callTargetSeconds;
    if (!isChanged) return settings;
    await tx.tenant.update({ where: { id: tenantId }, data: settings, select: { id: true } });
    const changedCalls = await recomputeCallFlags(tx, tenantId);
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "workspace.call_settings_updated",
      targetType: "tenant",
      targetId: tenantId,
      data: { before, after: settings, changedCalls },
    });
    return settings;
  }, RECOMPUTE_TRANSACTION);
}

/** The public keys of the workspace's sites: their tracker config depends on its numbers. */
export async function findSitePublicKeys(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<string[]> {
  const sites = await db.site.findMany({ where: { tenantId }, select: { publicKey: true } });
  return sites.map((site) => site.publicKey);
}
