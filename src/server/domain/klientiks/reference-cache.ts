import type { TDb } from "@/server/db/client";

/** Employees and services change rarely; a daily refresh plus a refresh on a miss is enough (klientiks-contract §14). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

type TKind = "employee" | "service";
type TFetchAll = () => Promise<{ id: number; name: string }[]>;

async function namesOf(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string;
    kind: TKind;
    ids: number[];
    fetchAll: TFetchAll;
    now: Date;
  },
): Promise<Map<number, string>> {
  const { tenantId, connectionId, kind, ids, fetchAll, now } = options;
  if (ids.length === 0) return new Map();
  const rows = await db.crmReference.findMany({
    where: { tenantId, connectionId, kind, externalId: { in: ids.map(String) } },
    select: { externalId: true, name: true, refreshedAt: true },
  });
  const isComplete =
    rows.length === new Set(ids).size &&
    rows.every((row) => now.getTime() - row.refreshedAt.getTime() < MAX_AGE_MS);
  if (isComplete) return new Map(rows.map((row) => [Number(row.externalId), row.name]));

  const fresh = await fetchAll();
  await db.$transaction(
    fresh.map((item) =>
      db.crmReference.upsert({
        where: {
          connectionId_kind_externalId: { connectionId, kind, externalId: String(item.id) },
        },
        create: {
          tenantId,
          connectionId,
          kind,
          externalId: String(item.id),
          name: item.name,
          refreshedAt: now,
        },
        update: { name: item.name, refreshedAt: now },
      }),
    ),
  );
  return new Map(fresh.map((item) => [item.id, item.name]));
}

/**
 * Names of the employees and services an appointment mentions, from the per-connection cache. The
 * list APIs are called only on a miss or when the cache is older than a day, so one enrichment
 * usually costs one API call under Klientiks' 1 request/s limit.
 */
export async function resolveReferenceNames(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string;
    employeeIds: number[];
    serviceIds: number[];
    fetchEmployees: TFetchAll;
    fetchServices: TFetchAll;
    now?: Date;
  },
) {
  const now = options.now ?? new Date();
  const base = { tenantId: options.tenantId, connectionId: options.connectionId, now };
  return {
    employees: await namesOf(db, {
      ...base,
      kind: "employee",
      ids: options.employeeIds,
      fetchAll: options.fetchEmployees,
    }),
    services: await namesOf(db, {
      ...base,
      kind: "service",
      ids: options.serviceIds,
      fetchAll: options.fetchServices,
    }),
  };
}
