import "server-only";

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { getEnv } from "@/env";
import { toStorableText } from "@/lib/text/storable-text";
import { getDb } from "@/server/db/client";
import { authenticateUser } from "@/server/domain/users/authenticate-user";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const buildAuthOptions = (): NextAuthOptions => ({
  secret: getEnv().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: async (credentials) => {
        if (!credentials?.email || !credentials.password) return null;
        // Cleaned as sign-up's were (tRPC input, docs/input-text.md), so the same typed text matches.
        return authenticateUser(
          getDb(),
          toStorableText(credentials.email),
          toStorableText(credentials.password),
        );
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) =>
      user ? { ...token, sub: user.id, name: user.name, email: user.email } : token,
    session: ({ session, token }) => ({
      ...session,
      user: { id: token.sub ?? "", name: token.name ?? "", email: token.email ?? "" },
    }),
  },
});
