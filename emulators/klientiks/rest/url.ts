// URL grammar of klientiks-contract §2:
//   /clientix/Restapi/{action}/a/{A}/u/{U}/t/{T}[/{key}/{value}]*[/][?query]
// `Restapi` is matched case-insensitively, the trailing slash is optional, and
// `Authorization: Bearer {token}` may stand in for `/t/{token}`.

const PREFIX = /^\/clientix\/restapi(?=\/|$)/i;

export type RestPath = {
  action: string;
  accountId: string | null;
  userId: string | null;
  token: string | null;
  /** `m/{Model}` */
  model: string | null;
  /** `s/{scenario}` */
  scenario: string | null;
  /** Every other key/value pair, keys lower-cased (`clientId` → `clientid`). */
  params: Map<string, string>;
};

export const isRestApiPath = (pathname: string): boolean => PREFIX.test(pathname);

const bearerToken = (authorization: string | undefined): string | null =>
  /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? null;

const decodeSegments = (pathname: string): string[] | null => {
  try {
    return pathname
      .replace(PREFIX, "")
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
};

/** null when there is no action to dispatch on. */
export const parseRestPath = (
  pathname: string,
  authorization: string | undefined,
): RestPath | null => {
  const segments = decodeSegments(pathname);
  const [action, ...pairs] = segments ?? [];
  if (!action) return null;

  const path: RestPath = {
    action,
    accountId: null,
    userId: null,
    token: bearerToken(authorization),
    model: null,
    scenario: null,
    params: new Map(),
  };
  for (let index = 0; index < pairs.length; index += 2) {
    const key = pairs[index] ?? "";
    const value = pairs[index + 1] ?? "";
    if (key === "a") path.accountId = value;
    else if (key === "u") path.userId = value;
    else if (key === "t") path.token = value;
    else if (key === "m") path.model = value;
    else if (key === "s") path.scenario = value;
    else path.params.set(key.toLowerCase(), value);
  }
  return path;
};

/** A parameter given either in the query (wins) or as a path pair (klientiks-contract §2, §17.1). */
export const readParam = (path: RestPath, query: URLSearchParams, name: string): string | null =>
  query.get(name) ?? path.params.get(name.toLowerCase()) ?? null;
