"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";

import type { AppRouter } from "@/server/api/root";
import { devLoggerLink } from "@/trpc/dev-logger-link";
import { makeQueryClient } from "@/trpc/query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
const getQueryClient = () =>
  typeof window === "undefined" ? makeQueryClient() : (browserQueryClient ??= makeQueryClient());

/** The workspace is the one in the URL (`/w/{slug}/…`); the server verifies membership. */
const currentTenantSlug = (): string | undefined =>
  window.location.pathname.match(/^\/w\/([^/]+)/)?.[1];

export function TrpcReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        devLoggerLink<AppRouter>(),
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          headers: () => {
            const slug = currentTenantSlug();
            return slug ? { "x-tenant-slug": decodeURIComponent(slug) } : {};
          },
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
