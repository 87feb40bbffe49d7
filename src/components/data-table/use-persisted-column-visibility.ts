"use client";

import { functionalUpdate, type ColumnVisibilityState, type Updater } from "@tanstack/react-table";
import { useCallback, useMemo, useSyncExternalStore } from "react";

import {
  columnVisibilityStorageKey,
  parseColumnVisibility,
} from "@/components/data-table/column-visibility-storage";

const listeners = new Set<() => void>();
/** Used when localStorage refuses (private mode, quota): the choice then lasts for the session. */
const memoryFallback = new Map<string, string>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
};

const read = (key: string): string | null => {
  try {
    return window.localStorage.getItem(key) ?? memoryFallback.get(key) ?? null;
  } catch {
    return memoryFallback.get(key) ?? null;
  }
};

const write = (key: string, value: string) => {
  memoryFallback.set(key, value);
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // The in-memory copy above still applies the choice.
  }
  listeners.forEach((listener) => listener());
};

/**
 * Column visibility remembered per table in localStorage, over the table's default (the columns it
 * hides until asked). Read through useSyncExternalStore: the server renders the default, the browser
 * then applies the stored choice without a hydration error.
 */
export function usePersistedColumnVisibility(
  tableId: string,
  defaultVisibility: ColumnVisibilityState,
) {
  const key = columnVisibilityStorageKey(tableId);
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const visibility = useMemo(
    () => ({ ...defaultVisibility, ...parseColumnVisibility(raw) }),
    [defaultVisibility, raw],
  );
  const setVisibility = useCallback(
    (updater: Updater<ColumnVisibilityState>) =>
      write(
        key,
        JSON.stringify(
          functionalUpdate(updater, { ...defaultVisibility, ...parseColumnVisibility(read(key)) }),
        ),
      ),
    [defaultVisibility, key],
  );
  return [visibility, setVisibility] as const;
}
