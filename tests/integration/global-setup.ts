import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { migrateDatabase, startEmbeddedPostgres } from "../../scripts/lib/database.mjs";
import { findFreePort } from "../../scripts/lib/processes.mjs";

/**
 * `npm test` hands us a fresh, migrated database. Run on its own (`npm run test:integration`), the
 * suite starts a throwaway embedded one instead.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.SVYAZ_TEST_DATABASE_READY === "1" && process.env.DATABASE_URL) return;
  const dataDir = mkdtempSync(path.join(tmpdir(), "svyaz-int-"));
  const embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  // A failed migration must not leave the database server running.
  await migrateDatabase(embedded.url).catch(async (error: unknown) => {
    await embedded.stop();
    throw error;
  });
  process.env.DATABASE_URL = embedded.url;
  process.env.DATABASE_POOL_MAX = "1";
  return async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
