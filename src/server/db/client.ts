import "server-only";

import { PrismaClient } from "@generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";

import { getEnv } from "@/env";
import { guardUnscopedMassWrites } from "@/server/db/guard-unscoped-mass-writes";

// A generous wait for a connection: with a small pool (the embedded database uses one) bursts of
// webhook processing queue for it rather than fail.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

const createDb = () =>
  new PrismaClient({
    adapter: new PrismaPg({
      connectionString: getEnv().DATABASE_URL,
      max: getEnv().DATABASE_POOL_MAX,
    }),
    transactionOptions: TRANSACTION_OPTIONS,
  }).$extends(guardUnscopedMassWrites);

export type TDb = ReturnType<typeof createDb>;

const globalForDb = globalThis as unknown as { svyazDb?: TDb };

/** One client per process; kept on globalThis so dev hot reloads do not leak connection pools. */
export const getDb = (): TDb => (globalForDb.svyazDb ??= createDb());
