import { PrismaClient } from "@generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";

import type { TDb } from "@/server/db/client";
import { guardUnscopedMassWrites } from "@/server/db/guard-unscoped-mass-writes";

/**
 * The same client the app builds, pointed at the test database prepared by the global setup (or
 * at `url`, a way to reach it).
 */
export function createTestDb({
  maxConnections = Number(process.env.DATABASE_POOL_MAX ?? 5),
  url = process.env.DATABASE_URL,
}: { maxConnections?: number; url?: string } = {}): TDb {
  if (!url)
    throw new Error(
      "DATABASE_URL is not set: run integration tests through `npm test` or `npm run test:integration`",
    );
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: maxConnections }),
  }).$extends(guardUnscopedMassWrites);
}

/**
 * Whether the tests run on the embedded database (PGlite behind pglite-socket). It serves one
 * connection at a time correctly: statements of concurrent connections interleave on its single
 * backend ("unnamed prepared statement does not exist"), so concurrency tests use one connection there.
 */
export async function isEmbeddedDatabase(db: TDb): Promise<boolean> {
  const [row] = await db.$queryRaw<{ version: string }[]>`SELECT version() AS version`;
  return Boolean(row?.version.includes("PGlite"));
}
