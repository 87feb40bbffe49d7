import { randomBytes } from "node:crypto";

/**
 * A signed-in HTTP client of the app, as the browser is: a cookie jar, tRPC over HTTP with superjson
 * envelopes (like e2e/fixtures/api.ts) and the `x-tenant-slug` header for tenant procedures.
 */
type TTrpcBody = {
  result?: { data?: { json?: unknown } };
  error?: { json?: { message?: string } };
};

export function createAppClient(baseUrl: string) {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set("cookie", cookieHeader());
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: "manual" });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ""] = setCookie.split(";");
      const separator = pair.indexOf("=");
      if (separator > 0)
        cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
    return response;
  };

  const procedure = async <T>(
    path: string,
    options: { type: "query" | "mutation"; input?: unknown; tenantSlug?: string },
  ): Promise<T> => {
    const headers: Record<string, string> = options.tenantSlug
      ? { "x-tenant-slug": options.tenantSlug }
      : {};
    const envelope = JSON.stringify({ json: options.input ?? null });
    const response =
      options.type === "query"
        ? await request(`/api/trpc/${path}?input=${encodeURIComponent(envelope)}`, { headers })
        : await request(`/api/trpc/${path}`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: envelope,
          });
    const body = (await response.json()) as TTrpcBody;
    if (response.status !== 200)
      throw new Error(
        `${path} answered ${response.status}: ${body.error?.json?.message ?? JSON.stringify(body)}`,
      );
    return body.result?.data?.json as T;
  };

  return {
    /** The session cookies, for requests made outside this client (e.g. SSE streams). */
    cookieHeader,
    query: <T>(path: string, options: { input?: unknown; tenantSlug?: string } = {}) =>
      procedure<T>(path, { ...options, type: "query" }),
    mutation: <T>(path: string, options: { input?: unknown; tenantSlug?: string } = {}) =>
      procedure<T>(path, { ...options, type: "mutation" }),
    /** next-auth credentials sign-in; leaves the session cookie in the jar. */
    signIn: async (email: string, password: string) => {
      const { csrfToken } = (await (await request("/api/auth/csrf")).json()) as {
        csrfToken: string;
      };
      const response = await request("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          email,
          password,
          csrfToken,
          json: "true",
          callbackUrl: baseUrl,
        }).toString(),
      });
      if (
        ![200, 302].includes(response.status) ||
        ![...cookies.keys()].some((name) => name.endsWith("session-token"))
      ) {
        throw new Error(`sign-in failed: ${response.status}`);
      }
    },
  };
}

export type TAppClient = ReturnType<typeof createAppClient>;

/**
 * A new owner and their workspace, through the app's own API as a person does it: sign-up, sign-in,
 * workspace. Returns the signed-in client and the workspace (its slug goes with tenant procedures).
 */
export async function signUpWorkspaceOwner(
  baseUrl: string,
  workspaceName: string,
): Promise<{ api: TAppClient; workspace: { id: string; slug: string } }> {
  const api = createAppClient(baseUrl);
  const email = `bench-${randomBytes(4).toString("hex")}@bench.svyaz.test`;
  const password = `bench-password-${randomBytes(6).toString("hex")}`;
  await api.mutation("account.signUp", { input: { name: "Bench Owner", email, password } });
  await api.signIn(email, password);
  const workspace = await api.mutation<{ id: string; slug: string }>("account.createWorkspace", {
    input: { name: workspaceName },
  });
  return { api, workspace };
}
