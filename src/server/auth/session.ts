import "server-only";

import type { NextApiRequest } from "next";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { cache } from "react";

import { getEnv } from "@/env";

export type TSessionUser = { id: string; name: string; email: string };

/**
 * The signed-in user for this request (cached per render), or null: the session's JWT (strategy
 * "jwt", buildAuthOptions) verified and read as the proxy's gate reads it. Not `getServerSession`:
 * it runs next-auth's configuration checks on every call, and one of them throws for a
 * `next-auth.callback-url` cookie that is not a URL, so anyone could turn every signed-in page,
 * export and procedure into a 500 with one cookie. The token's fields are what the `jwt`
 * callback wrote at sign-in.
 */
export const getSessionUser = cache(async (): Promise<TSessionUser | null> => {
  const token = await getToken({
    // getToken reads only these two: the cookies (for the session token) and the headers (for a
    // bearer token); Next's own request object is not at hand in a server component.
    req: { headers: await headers(), cookies: await cookies() } as unknown as NextApiRequest,
    secret: getEnv().AUTH_SECRET,
  });
  return token?.sub ? { id: token.sub, name: token.name ?? "", email: token.email ?? "" } : null;
});
