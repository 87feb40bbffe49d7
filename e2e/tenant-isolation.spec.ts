import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { callProcedure, createSignedInApi, resultOf } from "./fixtures/api";

type TProcedure = { path: string; type: "query" | "mutation"; scope: "public" | "user" | "tenant" };
type TWorkspaceAIds = { inviteId: string; ownerMembershipId: string; agentMembershipId: string; tenantId: string };

/** The live list of procedures, read from the app router itself, so new ones are covered automatically. */
const procedures = JSON.parse(
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/list-procedures.ts"], { encoding: "utf8" }),
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
};

test("a member of workspace B never reaches workspace A through any tenant procedure", async ({ baseURL }) => {
  expect(tenantProcedures.length).toBeGreaterThan(5);
  const missing = tenantProcedures.map((procedure) => procedure.path).filter((path) => !(path in INPUT_AIMED_AT_A));
  expect(missing, "tenant procedures without an isolation fixture").toEqual([]);

  const ownerA = await createSignedInApi(baseURL!, "owner-a");
  const workspaceA = resultOf<{ id: string; slug: string }>(await callProcedure(ownerA.api, { path: "account.createWorkspace", type: "mutation", input: { name: "Workspace A" } }));
  const invite = resultOf<{ id: string; token: string }>(await callProcedure(ownerA.api, { path: "invites.create", type: "mutation", input: { role: "agent" }, tenantSlug: workspaceA.slug }));
  const agentA = await createSignedInApi(baseURL!, "agent-a");
  const joinToken = resultOf<{ id: string; token: string }>(await callProcedure(ownerA.api, { path: "invites.create", type: "mutation", input: { role: "agent" }, tenantSlug: workspaceA.slug }));
  resultOf(await callProcedure(agentA.api, { path: "invites.accept", type: "mutation", input: { token: joinToken.token } }));
  const membersA = resultOf<{ id: string; role: string }[]>(await callProcedure(ownerA.api, { path: "members.list", type: "query", tenantSlug: workspaceA.slug }));
  const idsA: TWorkspaceAIds = {
    tenantId: workspaceA.id,
    inviteId: invite.id,
    ownerMembershipId: membersA.find((member) => member.role === "owner")!.id,
    agentMembershipId: membersA.find((member) => member.role === "agent")!.id,
  };

  const ownerB = await createSignedInApi(baseURL!, "owner-b");
  const workspaceB = resultOf<{ slug: string }>(await callProcedure(ownerB.api, { path: "account.createWorkspace", type: "mutation", input: { name: "Workspace B" } }));
  const secretsOfA = [idsA.tenantId, idsA.inviteId, idsA.ownerMembershipId, idsA.agentMembershipId, ownerA.email, agentA.email];

  for (const procedure of tenantProcedures) {
    const input = INPUT_AIMED_AT_A[procedure.path]!(idsA);

    // 1. B names A's workspace: refused before any data is touched.
    const forged = await callProcedure(ownerB.api, { ...procedure, input, tenantSlug: workspaceA.slug });
    expect(forged.status, `${procedure.path} with A's slug`).toBe(403);

    // 2. B in its own workspace with A's ids: not found, or a result that mentions nothing of A.
    const aimed = await callProcedure(ownerB.api, { ...procedure, input, tenantSlug: workspaceB.slug });
    expect([200, 403, 404], `${procedure.path} with A's ids`).toContain(aimed.status);
    const text = JSON.stringify(aimed.body);
    for (const secret of secretsOfA) expect(text, `${procedure.path} leaked ${secret}`).not.toContain(secret);
  }

  // A's data is untouched by all of the above.
  const membersAfter = resultOf<{ id: string; role: string }[]>(await callProcedure(ownerA.api, { path: "members.list", type: "query", tenantSlug: workspaceA.slug }));
  expect(membersAfter.map(({ id, role }) => ({ id, role }))).toEqual(membersA.map(({ id, role }) => ({ id, role })));
  const pendingAfter = resultOf<{ id: string }[]>(await callProcedure(ownerA.api, { path: "invites.listPending", type: "query", tenantSlug: workspaceA.slug }));
  expect(pendingAfter.map(({ id }) => id)).toContain(idsA.inviteId);
});

test("anonymous callers get 401 from every non-public procedure", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const procedure of procedures.filter(({ scope }) => scope !== "public")) {
    const result = await callProcedure(anonymous, { ...procedure, input: undefined, tenantSlug: "anything" });
    expect(result.status, procedure.path).toBe(401);
  }
});
