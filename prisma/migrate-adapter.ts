/**
 * Two workarounds for the js schema engine with adapter-pg.
 *
 * prisma/orm#27403: with the js schema engine and adapter-pg, `migrate` fails with
 * "Column type 'name' could not be deserialized" because catalog queries return the Postgres types
 * `name` (oid 19) and `"char"` (oid 18). Relabelling those columns as `text` (oid 25) fixes it.
 *
 * adapter-pg's `executeScript` splits a migration at every semicolon, inside comments, strings and
 * function bodies too, so a PL/pgSQL function cannot be created. The script goes to PostgreSQL
 * whole instead (one simple query, which PostgreSQL splits itself, as the native engine does).
 */
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

const CATALOG_TYPE_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type TQueryResultWithFields = { fields?: { dataTypeID: number }[] };
type TScriptRunner = {
  underlyingDriver: () => { query: (script: string) => Promise<unknown> };
  onError: (error: unknown) => never;
};

const executeWholeScript = (target: object) => async (script: string) => {
  const runner = target as TScriptRunner;
  await runner
    .underlyingDriver()
    .query(script)
    .catch((error: unknown) => runner.onError(error));
};

function relabelCatalogTypes<T extends object>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === "queryRaw" && typeof value === "function") {
        return async (query: unknown) => {
          const shim = Object.create(target) as {
            performIO: (q: unknown) => Promise<TQueryResultWithFields>;
          };
          const performIO = (target as unknown as typeof shim).performIO.bind(target);
          shim.performIO = async (q: unknown) => {
            const result = await performIO(q);
            for (const field of result?.fields ?? []) {
              if (CATALOG_TYPE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
            }
            return result;
          };
          return (value as (q: unknown) => unknown).call(shim, query);
        };
      }
      if (property === "executeScript" && typeof value === "function")
        return executeWholeScript(target);
      if (property === "startTransaction" && typeof value === "function") {
        return async (...args: unknown[]) =>
          relabelCatalogTypes(
            await (value as (...a: unknown[]) => Promise<object>).apply(target, args),
          );
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function withCatalogTypeFix(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (
        (property === "connect" || property === "connectToShadowDb") &&
        typeof value === "function"
      ) {
        return async (...args: unknown[]) =>
          relabelCatalogTypes(
            await (value as (...a: unknown[]) => Promise<SqlDriverAdapter>).apply(target, args),
          );
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
