import { Prisma } from "@generated/prisma/client";

/**
 * `updateMany` / `deleteMany` with an `undefined` filter value silently widen to the whole table,
 * e.g. `{ tenantId: undefined }`. Refuse them (reliability R16).
 */
export const guardUnscopedMassWrites = Prisma.defineExtension({
  name: "guard-unscoped-mass-writes",
  query: {
    // Per operation rather than per method: views (`Communication`) have no writes, so the typed
    // `$allModels` offers no `updateMany` to hook.
    $allModels: {
      $allOperations({ model, operation, args, query }) {
        const name: string = operation;
        if (name === "updateMany" || name === "deleteMany")
          assertNoUndefinedFilter(model, name, (args as { where?: unknown }).where);
        return query(args);
      },
    },
  },
});

export function assertNoUndefinedFilter(model: string, operation: string, where: unknown): void {
  const path = findUndefinedPath(where, []);
  if (where === undefined || path) {
    throw new Error(
      `${model}.${operation} refused: filter ${path ? `"${path}" is undefined` : "is missing"}`,
    );
  }
}

function findUndefinedPath(value: unknown, trail: string[]): string | undefined {
  if (value === null || typeof value !== "object" || value instanceof Date) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) return [...trail, key].join(".");
    const nested = findUndefinedPath(child, [...trail, key]);
    if (nested) return nested;
  }
  return undefined;
}
