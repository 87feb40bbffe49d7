import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";

import { createTestDeal, createTestKlientiksAddress, type TDealSeed } from "./factories";

/** Deal attribution tests seed one client's deal at this instant and its communications before it. */
export const DEAL_AT = new Date("2026-06-01T10:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;
export const daysBeforeDeal = (days: number) => new Date(DEAL_AT.getTime() - days * DAY_MS);
export const CLIENT_PHONE = "+79990001122";

export type TAttributionWorkspace = Awaited<ReturnType<typeof createAttributionWorkspace>>;
/** What the seeds below need of a workspace. */
type TWorkspaceClient = Pick<TAttributionWorkspace, "tenantId" | "connectionId" | "clientId">;

/** A Klientiks workspace with one client (of `CLIENT_PHONE`), whose deals and leads the tests seed. */
export async function createAttributionWorkspace(db: TDb, name: string) {
  const { tenantId, slug, owner, endpoint } = await createTestKlientiksAddress(db, name);
  const client = await db.client.create({
    data: { id: createId("cli"), tenantId, phone: CLIENT_PHONE, name: "Анна" },
  });
  return { tenantId, slug, owner, connectionId: endpoint.connectionId, clientId: client.id };
}

/** A widget lead of the workspace's client, attributed to a session unless the seed says otherwise. */
export const createClientLead = (
  db: TDb,
  workspace: TWorkspaceClient,
  seed: Partial<Prisma.LeadUncheckedCreateInput> & { crmCreatedAt: Date },
) =>
  db.lead.create({
    data: {
      id: createId("lead"),
      externalId: createId("lead"),
      contactPhone: CLIENT_PHONE,
      clientId: workspace.clientId,
      attributionRule: "session_id",
      ...seed,
      tenantId: workspace.tenantId,
      connectionId: workspace.connectionId,
    },
  });

/** A deal of the workspace's client created at `DEAL_AT`, its contact declaring `leadSource`. */
export const createClientDeal = (
  db: TDb,
  workspace: TWorkspaceClient,
  { leadSource = null, ...seed }: TDealSeed & { leadSource?: string | null } = {},
) =>
  createTestDeal(db, workspace, {
    crmCreatedAt: DEAL_AT,
    clientId: workspace.clientId,
    contactPhone: CLIENT_PHONE,
    contacts: [{ name: "Анна", phone: CLIENT_PHONE, leadSource }],
    ...seed,
  });
