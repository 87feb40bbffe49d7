import { openSse, type TSseConnection } from "../../tests/support/sse-client";
import type { TAppClient } from "./app-client";
import { onCleanup } from "./cleanup";
import { processGroupRssBytes } from "./process-cpu";
import { log, sleep } from "./stats";

export const MB = 1024 * 1024;

type TStreamOwner = { slug: string; api: TAppClient };

/** One live-events stream of a workspace (`/api/w/{slug}/events`), with its member's session cookies. */
export async function openWorkspaceStream(
  appUrl: string,
  workspace: TStreamOwner,
): Promise<TSseConnection> {
  const stream = await openSse(`${appUrl}/api/w/${workspace.slug}/events`, {
    headers: { cookie: workspace.api.cookieHeader() },
  });
  if (stream.status !== 200)
    throw new Error(`the stream of ${workspace.slug} answered ${stream.status}`);
  return stream;
}

/**
 * Opens `perWorkspace` streams for each workspace and reports the server's RSS (its whole process
 * group) before and 2 s after. Before: a few streams opened and closed first, so the route is
 * compiled and the hub listens, and 1 s to settle. The streams are closed at cleanup; `streams[i]`
 * are those of `workspaces[i]`.
 */
export async function openStreamsMeasuringRss(
  app: { url: string; processGroupId: number },
  workspaces: readonly TStreamOwner[],
  perWorkspace: number,
) {
  const streams: TSseConnection[][] = workspaces.map(() => []);
  onCleanup("close the streams", async () => streams.flat().forEach((stream) => stream.close()));
  for (const workspace of workspaces.slice(0, 5))
    (await openWorkspaceStream(app.url, workspace)).close();
  await sleep(1_000);
  const rssBeforeBytes = processGroupRssBytes(app.processGroupId);
  for (const [index, workspace] of workspaces.entries()) {
    streams[index] = await Promise.all(
      Array.from({ length: perWorkspace }, () => openWorkspaceStream(app.url, workspace)),
    );
  }
  await sleep(2_000);
  const rssAfterBytes = processGroupRssBytes(app.processGroupId);
  log(
    `${workspaces.length * perWorkspace} streams open; server RSS ${(rssBeforeBytes / MB).toFixed(1)} → ${(rssAfterBytes / MB).toFixed(1)} MB`,
  );
  return {
    streams,
    rssBeforeBytes,
    rssAfterBytes,
    close: () => streams.flat().forEach((stream) => stream.close()),
  };
}
