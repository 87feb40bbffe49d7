import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

import { withCatalogTypeFix } from "./prisma/migrate-adapter";

/**
 * Discrete connection fields, not a connectionString: `connectToShadowDb()` spreads the config and
 * overrides `database`, which a connectionString would silently win over (docs/stack.md §2.2).
 */
function toPgConfig(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    idleTimeoutMillis: 200,
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl)
      throw new Error(
        "DATABASE_URL is required for Prisma migrations (npm run dev sets it for the embedded database)",
      );
    return withCatalogTypeFix(new PrismaPg(toPgConfig(databaseUrl)));
  },
});
