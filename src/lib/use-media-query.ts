"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether the window matches a media query, following it as the window changes. The server's
 * render and the hydration answer false: use it for what shows only after an interaction.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
