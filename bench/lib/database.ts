import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { PrismaClient } from "@generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { guardUnscopedMassWrites } from "@/server/db/guard-unscoped-mass-writes";

import { migrateDatabase, startEmbeddedPostgres } from "../../scripts/lib/database.mjs";
import { findFreePort } from "../../scripts/lib/processes.mjs";
import { onCleanup } from "./cleanup";
import { log } from "./stats";

export type TBenchDatabase = {
  url: string;
  kind: "postgresql" | "embedded";
  name: string;
  /** Leaves a PostgreSQL database in place at cleanup, for a look after a failed drill. */
  keep: () => void;
};

/**
 * A fresh, migrated database that is dropped at cleanup: `svyaz_{purpose}_<random>` on the server of
 * DATABASE_URL when it is set, otherwise an embedded PGlite in a temporary data directory.
 */
export async function createBenchDatabase(purpose = "bench"): Promise<TBenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `svyaz_${purpose}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    let isKept = false;
    onCleanup(`drop database ${name}`, async () => {
      if (isKept) return log(`kept database ${name} for a look; drop it when done`);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        log(`dropped database ${name}`);
      } finally {
        await client.end();
      }
    });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    log(`created database ${name} on ${url.host} (PostgreSQL from DATABASE_URL)`);
    await migrateDatabase(url.toString());
    return { url: url.toString(), kind: "postgresql", name, keep: () => (isKept = true) };
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), `svyaz-${purpose}-`));
  onCleanup("remove the embedded data directory", async () =>
    rmSync(dataDir, { recursive: true, force: true }),
  );
  const embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  onCleanup("stop the embedded database", embedded.stop);
  log(
    `DATABASE_URL is not set: using an embedded database in ${dataDir} (no target applies to it)`,
  );
  await migrateDatabase(embedded.url);
  return { url: embedded.url, kind: "embedded", name: "embedded", keep: () => undefined };
}

/** What benches and drills query through: one client, or a pool where queries run side by side. */
export type TSql = Pick<pg.Pool, "query">;

/**
 * A Prisma client over the bench database, built as the app builds its own (the PostgreSQL adapter,
 * the mass-write guard) and disconnected at cleanup: `max` connections (the app's pool size, 10, by
 * default), one on the embedded database, which serves one session for all. `options` are the
 * connections' startup options (e.g. `-c synchronous_commit=off`), for PostgreSQL only.
 */
export function createBenchPrisma(
  database: TBenchDatabase,
  { max = 10, options, name = "Prisma" }: { max?: number; options?: string; name?: string } = {},
) {
  const isEmbedded = database.kind === "embedded";
  const db = new PrismaClient({
    adapter: new PrismaPg({
      connectionString: database.url,
      max: isEmbedded ? 1 : max,
      ...(options && !isEmbedded ? { options } : {}),
    }),
  }).$extends(guardUnscopedMassWrites);
  onCleanup(`disconnect ${name}`, () => db.$disconnect());
  return db;
}
