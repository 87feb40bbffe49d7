"use client";

import { useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@/trpc/react";

/** After any change in the wizard every Klientiks query is refetched. */
export function useInvalidateKlientiks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.klientiks.pathKey() });
}
