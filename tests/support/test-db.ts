import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@generated/prisma/client";
import type { TDb } from "@/server/db/client";
import { guardUnscopedMassWrites } from "@/server/db/guard-unscoped-mass-writes";

/** The same client the app builds, pointed at the test database prepared by the global setup. */
export function createTestDb(): TDb {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run integration tests through `npm test` or `npm run test:integration`");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 5 }) }).$extends(guardUnscopedMassWrites);
}
