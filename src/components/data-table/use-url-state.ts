"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { startTransition, useCallback, useMemo, useOptimistic } from "react";

/**
 * A page's state, read from and written to the URL, so a filtered view survives a reload and can be
 * shared. Each change replaces the history entry rather than adding one. `parse` and `serialize`
 * must be stable (module-level functions).
 */
export function useUrlState<TState extends object>(
  parse: (params: URLSearchParams) => TState,
  serialize: (state: TState) => string,
) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const urlState = useMemo(
    () => parse(new URLSearchParams(searchParams.toString())),
    [parse, searchParams],
  );
  // The URL changes only when the navigation completes; until then controls and the query already
  // follow the choice, and a second change builds on the first.
  const [state, setOptimisticState] = useOptimistic(urlState);

  const update = useCallback(
    (patch: Partial<TState>) => {
      const next = { ...state, ...patch };
      const query = serialize(next);
      startTransition(() => {
        setOptimisticState(next);
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [pathname, router, serialize, setOptimisticState, state],
  );

  return { state, update };
}
