// A minimal method + path-template router for the control API ("/__control/accounts/:account/users").

export type RouteParams = Record<string, string>;

export type Route<Handler> = { method: string; pattern: RegExp; keys: string[]; handler: Handler };

export const defineRoute = <Handler>(
  method: string,
  template: string,
  handler: Handler,
): Route<Handler> => {
  const keys: string[] = [];
  const source = template.replace(/:([a-z_]+)/gi, (_, key: string) => {
    keys.push(key);
    return "([^/]+)";
  });
  return { method, pattern: new RegExp(`^${source}/?$`), keys, handler };
};

export type RouteMatch<Handler> =
  | { kind: "found"; handler: Handler; params: RouteParams }
  | { kind: "method_not_allowed" }
  | { kind: "not_found" };

export const matchRoute = <Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  pathname: string,
): RouteMatch<Handler> => {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params = Object.fromEntries(
      route.keys.map((key, index) => [key, decodeURIComponent(match[index + 1] ?? "")]),
    );
    return { kind: "found", handler: route.handler, params };
  }
  return { kind: pathMatched ? "method_not_allowed" : "not_found" };
};
