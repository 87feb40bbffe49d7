"use client";

import { useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@/trpc/react";

/** After any change on the page every telephony query is refetched. */
export function useInvalidateTelephony() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.telephony.pathKey() });
}
