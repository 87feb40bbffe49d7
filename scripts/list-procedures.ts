/**
 * Prints every procedure of the app router as JSON ({ path, type, scope }), so the e2e tenant
 * isolation test covers new procedures automatically. Run with `--conditions=react-server`.
 */
import { appRouter } from "@/server/api/root";
import type { TProcedureMeta } from "@/server/api/trpc";

type TProcedureDef = {
  _def: { type: "query" | "mutation" | "subscription"; meta?: TProcedureMeta };
};

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, TProcedureDef>,
).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
  scope: procedure._def.meta?.scope ?? "public",
}));
process.stdout.write(JSON.stringify(procedures));
