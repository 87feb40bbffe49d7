import type { ColumnVisibilityState } from "@tanstack/react-table";

export const columnVisibilityStorageKey = (tableId: string) => `svyaz:table:${tableId}:columns`;

/** Whatever is stored (edited by hand, an older format) becomes a valid state; only `false` hides. */
export function parseColumnVisibility(raw: string | null): ColumnVisibilityState {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, boolean] => typeof entry[1] === "boolean",
      ),
    );
  } catch {
    return {};
  }
}
