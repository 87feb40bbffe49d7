// Starts the demo customer site on node:http and hands back its URL and a close function.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { answerDemoSiteRequest } from "./answer-request";
import type { TDemoSiteConfig } from "./pages";

export type TDemoSiteOptions = TDemoSiteConfig & {
  /** 0 picks a free port. */
  port: number;
  /** Log one line per request. */
  log?: boolean;
};

/**
 * Binds 127.0.0.1 only: it is a development toy, and the user enters `127.0.0.1` as the site's
 * domain (the tracker ignores the port when it checks a page's origin against the domain).
 */
export async function startDemoSite(options: TDemoSiteOptions) {
  const host = "127.0.0.1";
  const server = createServer((request, response) => {
    const answer = answerDemoSiteRequest(request.method ?? "GET", request.url ?? "/", options);
    if (options.log) console.log(`[demo-site] ${request.method} ${request.url} → ${answer.status}`);
    response
      .writeHead(answer.status, answer.headers)
      .end(request.method === "HEAD" ? undefined : answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type TDemoSite = Awaited<ReturnType<typeof startDemoSite>>;
