// Which page a request gets, kept apart from node:http so tests can call it directly.

import {
  renderLandingPage,
  renderNoSitePage,
  renderPricesPage,
  type TDemoSiteConfig,
  type TDemoVisit,
} from "./pages";

export type TDemoSiteAnswer = { status: number; headers: Record<string, string>; body: string };

const PAGES: Record<string, (visit: TDemoVisit, config: TDemoSiteConfig) => string> = {
  "/": renderLandingPage,
  "/prices": renderPricesPage,
};

// no-store: each open is a fresh "ad click", never a cached page without the latest site key.
const html = (status: number, body: string): TDemoSiteAnswer => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  body,
});
const text = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
): TDemoSiteAnswer => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body,
});

export function answerDemoSiteRequest(
  method: string,
  rawUrl: string,
  config: TDemoSiteConfig,
): TDemoSiteAnswer {
  if (method !== "GET" && method !== "HEAD")
    return text(405, "Method Not Allowed\n", { allow: "GET, HEAD" });
  const url = new URL(rawUrl, "http://demo-site.invalid");
  // Browsers ask for it on every page; an empty answer keeps the log quiet.
  if (url.pathname === "/favicon.ico") return { status: 204, headers: {}, body: "" };
  const render = PAGES[url.pathname];
  if (!render) return text(404, "Not Found\n");
  const siteKey = url.searchParams.get("site")?.trim() ?? "";
  const salon = url.searchParams.get("salon")?.trim() || null;
  return html(
    200,
    siteKey === ""
      ? renderNoSitePage()
      : render({ siteKey, salon, params: url.searchParams }, config),
  );
}
