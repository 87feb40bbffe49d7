import { randomBytes } from "node:crypto";

import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { mapUniqueViolation } from "@/server/db/unique-violation";
import { recordAudit } from "@/server/domain/audit/record-audit";
import type { TCreateSiteRequest, TUpdateSiteRequest } from "@/server/domain/sites/schemas";
import { AppError } from "@/server/errors";

type TActor = { tenantId: string; actorUserId: string };

const SITE_SELECT = {
  id: true,
  domain: true,
  name: true,
  publicKey: true,
  widgetUrlPatterns: true,
  captureContacts: true,
  createdAt: true,
} as const;

/** 128 random bits, URL-safe: unguessable, though the key is public once pasted into a page. */
const createSitePublicKey = () => randomBytes(16).toString("base64url");

const mapDomainConflict = <T>(write: Promise<T>) => mapUniqueViolation(write, "SITE_DOMAIN_TAKEN");

export const findSites = (db: TDbClient, { tenantId }: { tenantId: string }) =>
  db.site.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, select: SITE_SELECT });

export async function createSite(
  db: TDbClient,
  { tenantId, actorUserId, request }: TActor & { request: TCreateSiteRequest },
) {
  const site = await mapDomainConflict(
    db.site.create({
      data: {
        id: createId("site"),
        tenantId,
        domain: request.domain,
        name: request.name,
        publicKey: createSitePublicKey(),
      },
      select: SITE_SELECT,
    }),
  );
  await recordAudit(db, {
    tenantId,
    actorUserId,
    action: "site.created",
    targetType: "site",
    targetId: site.id,
    data: { domain: site.domain },
  });
  return site;
}

async function findOwnSite(db: TDbClient, tenantId: string, siteId: string) {
  const site = await db.site.findFirst({
    where: { id: siteId, tenantId },
    select: { id: true, publicKey: true },
  });
  if (!site) throw new AppError("NOT_FOUND");
  return site;
}

export async function updateSite(
  db: TDbClient,
  {
    tenantId,
    actorUserId,
    siteId,
    request,
  }: TActor & { siteId: string; request: TUpdateSiteRequest },
) {
  await findOwnSite(db, tenantId, siteId);
  const site = await mapDomainConflict(
    db.site.update({ where: { id: siteId }, data: request, select: SITE_SELECT }),
  );
  await recordAudit(db, {
    tenantId,
    actorUserId,
    action: "site.updated",
    targetType: "site",
    targetId: site.id,
    data: { fields: Object.keys(request) },
  });
  return site;
}

/** Deletes the site with its sessions, page views, widget opens and captured contacts. */
export async function deleteSite(
  db: TDbClient,
  { tenantId, actorUserId, siteId }: TActor & { siteId: string },
) {
  const site = await findOwnSite(db, tenantId, siteId);
  await db.site.delete({ where: { id: site.id } });
  await recordAudit(db, {
    tenantId,
    actorUserId,
    action: "site.deleted",
    targetType: "site",
    targetId: site.id,
  });
  return site;
}
