import "server-only";

import { getServerSession } from "next-auth";
import { cache } from "react";

import { buildAuthOptions } from "@/server/auth/options";

export type TSessionUser = { id: string; name: string; email: string };

/** The signed-in user for this request (cached per render), or null. */
export const getSessionUser = cache(async (): Promise<TSessionUser | null> => {
  const session = await getServerSession(buildAuthOptions());
  const user = session?.user as Partial<TSessionUser> | undefined;
  return user?.id ? { id: user.id, name: user.name ?? "", email: user.email ?? "" } : null;
});
