import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";

export type TRecordAuditOptions = {
  tenantId: string;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data?: Prisma.InputJsonObject;
};

/** Who did what to whom, for membership and integration changes. */
export const recordAudit = (
  db: TDbClient,
  { tenantId, actorUserId, action, targetType, targetId, data = {} }: TRecordAuditOptions,
) =>
  db.auditLog.create({
    data: { id: createId("aud"), tenantId, actorUserId, action, targetType, targetId, data },
    select: { id: true },
  });
