import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@generated/prisma/client";
import { getEnv } from "@/env";
import { guardUnscopedMassWrites } from "@/server/db/guard-unscoped-mass-writes";

const createDb = () =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: getEnv().DATABASE_URL, max: 10 }) }).$extends(guardUnscopedMassWrites);

export type TDb = ReturnType<typeof createDb>;

const globalForDb = globalThis as unknown as { svyazDb?: TDb };

/** One client per process; kept on globalThis so dev hot reloads do not leak connection pools. */
export const getDb = (): TDb => (globalForDb.svyazDb ??= createDb());
