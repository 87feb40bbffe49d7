import { execFileSync } from "node:child_process";

import { expect, test } from "@playwright/test";

import { callProcedure, createSignedInApi, PASSWORD, resultOf } from "./fixtures/api";
import { tablesContaining } from "./fixtures/database-scan";
import { bookVisit, createSalonAccount } from "./fixtures/klientiks";

type TProcedure = { path: string; type: "query" | "mutation"; scope: "public" | "user" | "tenant" };
type TWorkspaceAIds = {
  inviteId: string;
  ownerMembershipId: string;
  agentMembershipId: string;
  tenantId: string;
  dealId: string;
  deliveryId: string;
  siteId: string;
  sitePublicKey: string;
  sourceId: string;
  campaignId: string;
  trackingNumberId: string;
};

/** The live list of procedures, read from the app router itself, so new ones are covered automatically. */
const procedures = JSON.parse(
  execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/list-procedures.ts"],
    { encoding: "utf8" },
  ),
) as TProcedure[];
const tenantProcedures = procedures.filter((procedure) => procedure.scope === "tenant");

/**
 * How to aim each tenant procedure at workspace A's rows. A tenant procedure without an entry fails
 * the test: whoever adds a procedure must say how it is attacked.
 */
const INPUT_AIMED_AT_A: Record<string, (a: TWorkspaceAIds) => unknown> = {
  "workspace.current": () => undefined,
  "members.list": () => undefined,
  "members.changeRole": (a) => ({ membershipId: a.agentMembershipId, role: "owner" }),
  "members.remove": (a) => ({ membershipId: a.agentMembershipId }),
  "invites.create": () => ({ role: "agent" }),
  "invites.listPending": () => undefined,
  "invites.revoke": (a) => ({ inviteId: a.inviteId }),
  "deals.list": () => ({ page: 1, perPage: 100 }),
  "deals.filterOptions": () => undefined,
  "deals.byId": (a) => ({ dealId: a.dealId }),
  "klientiks.connection": () => undefined,
  "klientiks.saveCredentials": () => ({
    name: "B",
    accountId: "000000000000",
    userId: "000000000000",
    accessToken: "0".repeat(32),
  }),
  "klientiks.setActive": () => ({ isActive: true }),
  "klientiks.updateSettings": (a) => ({
    deals: { isEnabled: false, responsible: "author", excludeSubscriptionVisits: true },
    accountTimezone: "UTC",
    clientCardUrlTemplate: "https://hijacked.example/{id}",
    leads: {
      isEnabled: true,
      defaultSiteId: a.siteId,
      defaultSourceId: a.sourceId,
      defaultCampaignId: a.campaignId,
    },
  }),
  "klientiks.webhookSetup": () => undefined,
  "klientiks.rotateWebhookUrl": () => ({ purpose: "deals" }),
  "klientiks.revokeReplacedWebhookUrls": () => ({ purpose: "deals" }),
  "klientiks.syncHealth": () => undefined,
  "klientiks.deliveries": () => ({ page: 1, perPage: 100 }),
  "klientiks.replayDelivery": (a) => ({ deliveryId: a.deliveryId }),
  "klientiks.reconcileNow": () => undefined,
  "klientiks.startBackfill": () => ({ since: new Date("2026-01-01T00:00:00Z") }),
  "klientiks.backfillProgress": () => undefined,
  "klientiks.dealRecomputeProgress": () => undefined,
  "klientiks.emulatorHelpers": () => undefined,
  "klientiks.connectEmulatorDemoAccount": () => ({ name: "B" }),
  "klientiks.registerEmulatorWebhooks": () => undefined,
  "telephony.connection": () => undefined,
  "telephony.importProgress": () => undefined,
  "telephony.connect": () => ({ key: "0".repeat(20), secret: "0".repeat(20) }),
  "telephony.connectMango": () => ({ apiKey: "0".repeat(20), salt: "0".repeat(20) }),
  "telephony.rotateSecret": () => ({ secret: "0".repeat(20) }),
  "telephony.revokePreviousSecret": () => undefined,
  "telephony.updateSettings": () => ({ popup: "all_agents", callerName: true }),
  "telephony.disconnect": () => undefined,
  "telephony.extensions": () => undefined,
  "telephony.refreshExtensions": () => undefined,
  "telephony.mapExtension": (a) => ({ extension: "100", membershipId: a.agentMembershipId }),
  "telephony.syncHealth": () => undefined,
  "telephony.deliveries": () => ({ page: 1, perPage: 100 }),
  "telephony.replayDelivery": (a) => ({ deliveryId: a.deliveryId }),
  "telephony.emulatorHelpers": () => undefined,
  "telephony.connectEmulatorDemoAccount": () => undefined,
  "telephony.registerEmulatorWebhook": () => undefined,
  "telephony.callSetup": () => undefined,
  "telephony.placeCall": () => ({
    phone: "+79991234567",
    idempotencyKey: "00000000-0000-4000-8000-000000000000",
  }),
  // Workspace A has no click-to-call request in this test: any id must come back as not found.
  "telephony.callbackStatus": () => ({ id: "cbr_00000000000000000000" }),
  "sites.list": () => undefined,
  "sites.create": () => ({ domain: "b-site.example", name: "B" }),
  "sites.update": (a) => ({
    siteId: a.siteId,
    changes: { name: "Hijacked", captureContacts: true },
  }),
  "sites.remove": (a) => ({ siteId: a.siteId }),
  "sites.recentSessions": (a) => ({ siteId: a.siteId }),
  "sites.sources": () => undefined,
  "sites.campaigns": () => undefined,
  "sites.createCampaign": (a) => ({
    name: "Hijacked",
    sourceId: a.sourceId,
    utmCampaigns: ["hijacked"],
  }),
  "sites.updateCampaign": (a) => ({
    campaignId: a.campaignId,
    changes: { name: "Hijacked", sourceId: a.sourceId, utmCampaigns: ["hijacked"] },
  }),
  "sites.removeCampaign": (a) => ({ campaignId: a.campaignId }),
  "leads.list": () => ({ page: 1, perPage: 100 }),
  // Workspace A has no lead in this test: any lead id must come back as not found.
  "leads.byId": () => ({ leadId: "lead_00000000000000000000" }),
  "calls.list": () => ({ page: 1, perPage: 100 }),
  // Workspace A has no telephony in this test: any call id must come back as not found.
  "calls.detail": () => ({ callId: "call_00000000000000000000" }),
  "calls.employees": () => undefined,
  "clients.detail": () => ({ clientId: "cli_00000000000000000000" }),
  "attribution.settings": () => undefined,
  "attribution.updateSettings": () => ({ model: "first", windowDays: 30 }),
  "attribution.leadSources": () => undefined,
  // A's source in B's workspace: refused as an unknown source (404).
  "attribution.mapLeadSource": (a) => ({ value: "Hijacked", sourceId: a.sourceId }),
  "attribution.unmapLeadSource": () => ({ value: "Hijacked" }),
  "analytics.report": () => ({ from: "2026-01-01", to: "2026-12-31" }),
  // A's campaign in B's report: nothing of A's is counted under it.
  "analytics.utmBreakdown": (a) => ({
    period: { from: "2026-01-01", to: "2026-12-31" },
    channel: "paid",
    sourceId: a.sourceId,
    campaignId: a.campaignId,
  }),
  "costs.grid": () => undefined,
  // A's campaign: refused as unknown in B's workspace.
  "costs.setMonthly": (a) => ({ campaignId: a.campaignId, month: "2026-11", amount: "1000" }),
  // A's campaign by its name: not matched in B's workspace, so the file is refused (the answer
  // names the value B sent, which is why it is not one of A's secrets, its utm_campaign).
  "costs.importCsv": () => ({ text: "date;campaign;amount\n2026-11-01;A;100\n" }),
  "costs.setHideFromAgents": () => ({ hideCostsFromAgents: true }),
  "callTracking.overview": () => undefined,
  // A's site, source and campaign in B's workspace: refused as not found.
  "callTracking.addNumber": (a) => ({
    phone: "+79990000001",
    usage: "static",
    siteId: a.siteId,
    sourceId: a.sourceId,
    campaignId: a.campaignId,
  }),
  "callTracking.updateNumber": (a) => ({
    numberId: a.trackingNumberId,
    changes: { phone: "+79990000002", usage: "pool", siteId: a.siteId },
  }),
  "callTracking.removeNumber": (a) => ({ numberId: a.trackingNumberId }),
  "callTracking.updateSite": (a) => ({
    siteId: a.siteId,
    changes: { phoneTargets: ["+74950000000"], phoneSelector: ".hijacked", poolHoldMinutes: 60 },
  }),
  "callTracking.updateSettings": () => ({ callUniqueDays: 1, callTargetSeconds: 0 }),
};

/** Workspace A's site and one ad campaign, for the sites procedures to aim at. */
async function createSiteOfWorkspaceA(
  api: Awaited<ReturnType<typeof createSignedInApi>>["api"],
  slug: string,
) {
  const site = resultOf<{ id: string; publicKey: string }>(
    await callProcedure(api, {
      path: "sites.create",
      type: "mutation",
      input: { domain: "a-site.example", name: "A" },
      tenantSlug: slug,
    }),
  );
  const [source] = resultOf<{ id: string }[]>(
    await callProcedure(api, { path: "sites.sources", type: "query", tenantSlug: slug }),
  );
  const campaign = resultOf<{ id: string }>(
    await callProcedure(api, {
      path: "sites.createCampaign",
      type: "mutation",
      input: { name: "A", sourceId: source!.id, utmCampaigns: ["a-campaign"] },
      tenantSlug: slug,
    }),
  );
  const trackingNumber = resultOf<{ id: string }>(
    await callProcedure(api, {
      path: "callTracking.addNumber",
      type: "mutation",
      input: { phone: "+79990000077", usage: "pool", siteId: site.id },
      tenantSlug: slug,
    }),
  );
  return {
    siteId: site.id,
    sitePublicKey: site.publicKey,
    sourceId: source!.id,
    campaignId: campaign.id,
    trackingNumberId: trackingNumber.id,
  };
}

/** Workspace A with a live Klientiks connection, one deal and its delivery, made through the API. */
async function connectWorkspaceA(
  api: Awaited<ReturnType<typeof createSignedInApi>>["api"],
  slug: string,
) {
  const salon = await createSalonAccount();
  const { account_id: accountId, user_id: userId, access_token: accessToken } = salon.account;
  resultOf(
    await callProcedure(api, {
      path: "klientiks.saveCredentials",
      type: "mutation",
      input: { name: "A", accountId, userId, accessToken },
      tenantSlug: slug,
    }),
  );
  resultOf(
    await callProcedure(api, {
      path: "klientiks.setActive",
      type: "mutation",
      input: { isActive: true },
      tenantSlug: slug,
    }),
  );
  const [setup] = resultOf<{ url: string }[]>(
    await callProcedure(api, { path: "klientiks.webhookSetup", type: "query", tenantSlug: slug }),
  );
  const visit = await bookVisit(salon, { fireWebhooks: false });
  const webhook = await api.get(`${setup!.url}?appointment_id=${visit.id}&status=scheduled`);
  const { deliveryId } = (await webhook.json()) as { deliveryId: string };
  await expect
    .poll(
      async () =>
        resultOf<{ count: number }>(
          await callProcedure(api, {
            path: "deals.list",
            type: "query",
            input: { page: 1, perPage: 10 },
            tenantSlug: slug,
          }),
        ).count,
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  const deals = resultOf<{ data: { id: string }[] }>(
    await callProcedure(api, {
      path: "deals.list",
      type: "query",
      input: { page: 1, perPage: 10 },
      tenantSlug: slug,
    }),
  );
  return { dealId: deals.data[0]!.id, deliveryId, webhookUrl: setup!.url, accessToken, accountId };
}

test("a member of workspace B never reaches workspace A through any tenant procedure", async ({
  baseURL,
}) => {
  expect(tenantProcedures.length).toBeGreaterThan(5);
  const missing = tenantProcedures
    .map((procedure) => procedure.path)
    .filter((path) => !(path in INPUT_AIMED_AT_A));
  expect(missing, "tenant procedures without an isolation fixture").toEqual([]);

  const ownerA = await createSignedInApi(baseURL!, "owner-a");
  const workspaceA = resultOf<{ id: string; slug: string }>(
    await callProcedure(ownerA.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Workspace A" },
    }),
  );
  const invite = resultOf<{ id: string; token: string }>(
    await callProcedure(ownerA.api, {
      path: "invites.create",
      type: "mutation",
      input: { role: "agent" },
      tenantSlug: workspaceA.slug,
    }),
  );
  const agentA = await createSignedInApi(baseURL!, "agent-a");
  const joinToken = resultOf<{ id: string; token: string }>(
    await callProcedure(ownerA.api, {
      path: "invites.create",
      type: "mutation",
      input: { role: "agent" },
      tenantSlug: workspaceA.slug,
    }),
  );
  resultOf(
    await callProcedure(agentA.api, {
      path: "invites.accept",
      type: "mutation",
      input: { token: joinToken.token },
    }),
  );
  const membersA = resultOf<{ id: string; role: string }[]>(
    await callProcedure(ownerA.api, {
      path: "members.list",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  const klientiksA = await connectWorkspaceA(ownerA.api, workspaceA.slug);
  const siteOfA = await createSiteOfWorkspaceA(ownerA.api, workspaceA.slug);
  const idsA: TWorkspaceAIds = {
    ...siteOfA,
    dealId: klientiksA.dealId,
    deliveryId: klientiksA.deliveryId,
    tenantId: workspaceA.id,
    inviteId: invite.id,
    ownerMembershipId: membersA.find((member) => member.role === "owner")!.id,
    agentMembershipId: membersA.find((member) => member.role === "agent")!.id,
  };

  const ownerB = await createSignedInApi(baseURL!, "owner-b");
  const workspaceB = resultOf<{ slug: string }>(
    await callProcedure(ownerB.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Workspace B" },
    }),
  );
  const webhookTokenOfA = klientiksA.webhookUrl.split("/").pop()!;
  const secretsOfA = [
    idsA.tenantId,
    idsA.inviteId,
    idsA.ownerMembershipId,
    idsA.agentMembershipId,
    idsA.dealId,
    idsA.deliveryId,
    idsA.siteId,
    idsA.sitePublicKey,
    idsA.sourceId,
    idsA.campaignId,
    idsA.trackingNumberId,
    "+79990000077",
    "a-site.example",
    "a-campaign",
    ownerA.email,
    agentA.email,
    webhookTokenOfA,
    klientiksA.accessToken,
    klientiksA.accountId,
  ];

  for (const procedure of tenantProcedures) {
    const input = INPUT_AIMED_AT_A[procedure.path]!(idsA);

    // 1. B names A's workspace: refused before any data is touched.
    const forged = await callProcedure(ownerB.api, {
      ...procedure,
      input,
      tenantSlug: workspaceA.slug,
    });
    expect(forged.status, `${procedure.path} with A's slug`).toBe(403);

    // 2. B in its own workspace with A's ids: not found, or a result that mentions nothing of A.
    const aimed = await callProcedure(ownerB.api, {
      ...procedure,
      input,
      tenantSlug: workspaceB.slug,
    });
    // 400/412: B's own workspace lacks what the call needs (e.g. no connection) — also a refusal.
    expect([200, 400, 403, 404, 412], `${procedure.path} with A's ids`).toContain(aimed.status);
    const text = JSON.stringify(aimed.body);
    for (const secret of secretsOfA)
      expect(text, `${procedure.path} leaked ${secret}`).not.toContain(secret);
  }

  // A's data is untouched by all of the above.
  const membersAfter = resultOf<{ id: string; role: string }[]>(
    await callProcedure(ownerA.api, {
      path: "members.list",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(membersAfter.map(({ id, role }) => ({ id, role }))).toEqual(
    membersA.map(({ id, role }) => ({ id, role })),
  );
  const pendingAfter = resultOf<{ id: string }[]>(
    await callProcedure(ownerA.api, {
      path: "invites.listPending",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(pendingAfter.map(({ id }) => id)).toContain(idsA.inviteId);
  const sitesAfter = resultOf<{ sites: { id: string; name: string; captureContacts: boolean }[] }>(
    await callProcedure(ownerA.api, {
      path: "sites.list",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(
    sitesAfter.sites.map(({ id, name, captureContacts }) => ({ id, name, captureContacts })),
  ).toEqual([{ id: idsA.siteId, name: "A", captureContacts: false }]);
  const campaignsAfter = resultOf<{ id: string; name: string }[]>(
    await callProcedure(ownerA.api, {
      path: "sites.campaigns",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(campaignsAfter.map(({ id, name }) => ({ id, name }))).toEqual([
    { id: idsA.campaignId, name: "A" },
  ]);
  const callTrackingAfter = resultOf<{
    numbers: { id: string; phone: string; usage: string }[];
    sites: { phoneTargets: string[] }[];
  }>(
    await callProcedure(ownerA.api, {
      path: "callTracking.overview",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(callTrackingAfter.numbers.map(({ id, phone, usage }) => ({ id, phone, usage }))).toEqual([
    { id: idsA.trackingNumberId, phone: "+79990000077", usage: "pool" },
  ]);
  expect(callTrackingAfter.sites.map(({ phoneTargets }) => phoneTargets)).toEqual([[]]);
  const connectionAfter = resultOf<{ status: string; settings: { accountTimezone: string } }>(
    await callProcedure(ownerA.api, {
      path: "klientiks.connection",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(connectionAfter).toMatchObject({
    status: "active",
    settings: { accountTimezone: "Europe/Moscow" },
  });
  const webhooksAfter = resultOf<{ purpose: string; url: string; replaced: unknown[] }[]>(
    await callProcedure(ownerA.api, {
      path: "klientiks.webhookSetup",
      type: "query",
      tenantSlug: workspaceA.slug,
    }),
  );
  expect(webhooksAfter.find((endpoint) => endpoint.purpose === "deals")).toMatchObject({
    url: klientiksA.webhookUrl,
    replaced: [],
  });
});

/** Opens `/api/w/{slug}/events` with the context's session cookies and reads its first chunk (an open stream never ends). */
async function openEventStream(
  baseURL: string,
  api: Awaited<ReturnType<typeof createSignedInApi>>["api"] | null,
  slug: string,
  query = "",
) {
  const cookies = api
    ? (await api.storageState()).cookies
        .map((cookie) => `${cookie.name}=${cookie.value}`)
        .join("; ")
    : "";
  const abort = new AbortController();
  try {
    const response = await fetch(`${baseURL}/api/w/${slug}/events${query}`, {
      headers: cookies ? { cookie: cookies } : {},
      signal: abort.signal,
      redirect: "manual",
    });
    const first = await response.body?.getReader().read();
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      firstChunk: new TextDecoder().decode(first?.value),
    };
  } finally {
    abort.abort();
  }
}

test("the live events stream serves a workspace's members only (404 to others, 401 to anonymous)", async ({
  baseURL,
}) => {
  const ownerA = await createSignedInApi(baseURL!, "owner-live-a");
  const workspaceA = resultOf<{ slug: string }>(
    await callProcedure(ownerA.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Live A" },
    }),
  );
  const ownerB = await createSignedInApi(baseURL!, "owner-live-b");
  resultOf(
    await callProcedure(ownerB.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Live B" },
    }),
  );

  const own = await openEventStream(baseURL!, ownerA.api, workspaceA.slug);
  expect(own.status).toBe(200);
  expect(own.contentType).toContain("text/event-stream");
  expect(own.firstChunk).toContain("retry:");
  expect((await openEventStream(baseURL!, ownerB.api, workspaceA.slug)).status).toBe(404);
  expect((await openEventStream(baseURL!, null, workspaceA.slug)).status).toBe(401);
  expect(
    (await openEventStream(baseURL!, ownerA.api, workspaceA.slug, "?lastEventId=not-an-id")).status,
  ).toBe(400);
});

test("settings procedures never return a field that looks like a secret (R25)", async ({
  baseURL,
}) => {
  const owner = await createSignedInApi(baseURL!, "owner-secrets");
  const workspace = resultOf<{ slug: string }>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Secrets" },
    }),
  );
  await connectWorkspaceA(owner.api, workspace.slug);
  const connection = resultOf<Record<string, unknown>>(
    await callProcedure(owner.api, {
      path: "klientiks.connection",
      type: "query",
      tenantSlug: workspace.slug,
    }),
  );
  const keys = JSON.stringify(connection).match(/"([A-Za-z]+)":/g) ?? [];
  expect(keys.filter((key) => /token"|secret|salt|credentials"|password/i.test(key))).toEqual([]);
});

test("no table keeps a secret in plain text: webhook tokens, the Klientiks token, invites, passwords (R4, R17)", async ({
  baseURL,
}) => {
  const owner = await createSignedInApi(baseURL!, "owner-dump");
  const workspace = resultOf<{ slug: string }>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Dump" },
    }),
  );
  const klientiks = await connectWorkspaceA(owner.api, workspace.slug);
  resultOf(
    await callProcedure(owner.api, {
      path: "klientiks.rotateWebhookUrl",
      type: "mutation",
      input: { purpose: "deals" },
      tenantSlug: workspace.slug,
    }),
  );
  const [rotated] = resultOf<{ url: string }[]>(
    await callProcedure(owner.api, {
      path: "klientiks.webhookSetup",
      type: "query",
      tenantSlug: workspace.slug,
    }),
  );
  const invite = resultOf<{ token: string }>(
    await callProcedure(owner.api, {
      path: "invites.create",
      type: "mutation",
      input: { role: "agent" },
      tenantSlug: workspace.slug,
    }),
  );
  const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;
  const secrets = [
    tokenOf(klientiks.webhookUrl),
    tokenOf(rotated!.url),
    klientiks.accessToken,
    invite.token,
    PASSWORD,
  ];
  expect(new Set(secrets).size).toBe(secrets.length);
  expect(await tablesContaining(secrets)).toEqual([]);
  // The scan itself works: what is stored in plain text is found.
  expect(await tablesContaining([klientiks.accountId])).toContain("Connection");
});

test("an agent cannot read webhook addresses or integration settings", async ({ baseURL }) => {
  const owner = await createSignedInApi(baseURL!, "owner-c");
  const workspace = resultOf<{ slug: string }>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Workspace C" },
    }),
  );
  const invite = resultOf<{ token: string }>(
    await callProcedure(owner.api, {
      path: "invites.create",
      type: "mutation",
      input: { role: "agent" },
      tenantSlug: workspace.slug,
    }),
  );
  const agent = await createSignedInApi(baseURL!, "agent-c");
  resultOf(
    await callProcedure(agent.api, {
      path: "invites.accept",
      type: "mutation",
      input: { token: invite.token },
    }),
  );
  for (const path of [
    "klientiks.webhookSetup",
    "klientiks.connection",
    "klientiks.deliveries",
    "telephony.connection",
    "telephony.extensions",
    "telephony.deliveries",
  ]) {
    const input = path.endsWith(".deliveries") ? { page: 1, perPage: 10 } : undefined;
    const result = await callProcedure(agent.api, {
      path,
      type: "query",
      input,
      tenantSlug: workspace.slug,
    });
    expect(result.status, path).toBe(403);
  }
});

test("anonymous callers get 401 from every non-public procedure", async ({
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const procedure of procedures.filter(({ scope }) => scope !== "public")) {
    const result = await callProcedure(anonymous, {
      ...procedure,
      input: undefined,
      tenantSlug: "anything",
    });
    expect(result.status, procedure.path).toBe(401);
  }
});
