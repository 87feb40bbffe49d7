"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { startTransition, useCallback, useMemo, useOptimistic } from "react";
import { parseDealsUrlState, serializeDealsUrlState, type TDealsUrlState } from "./deals-url-state";

/**
 * The deals page state, read from and written to the URL, so a filtered view survives a reload
 * and can be shared. Each change replaces the history entry rather than adding one.
 */
export function useDealsUrlState() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const urlState = useMemo(() => parseDealsUrlState(new URLSearchParams(searchParams.toString())), [searchParams]);
  // The URL changes only when the navigation completes; until then controls and the query already
  // follow the choice, and a second change builds on the first.
  const [state, setOptimisticState] = useOptimistic(urlState);

  const update = useCallback(
    (patch: Partial<TDealsUrlState>) => {
      const next = { ...state, ...patch };
      const query = serializeDealsUrlState(next);
      startTransition(() => {
        setOptimisticState(next);
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [pathname, router, setOptimisticState, state],
  );

  return { state, update };
}
