// The softphone pages a person (or Playwright) uses to play agent and client:
//   /phones/{extension}?account=…            an extension's phone: rings, Answer / Decline / Hang up
//   /call?account=…                          "call the company": type a caller number, pick a company number
//   /client-phone?account=…&number=…         the client's phone of a callback
//   /                                        the accounts and links to their phones
// Each page polls its `/phones/api/…` endpoint twice a second.

import type { Account } from "../types";
import { CLIENT_HELPERS, escapeHtml, page, scriptJson } from "./layout";

const POLL_MS = 500;

export const extensionPage = (account: Account, extension: string): string => {
  const name = account.extensions.get(extension)?.name ?? extension;
  return page(
    `${extension} · ${name}`,
    `<h1>${escapeHtml(name)}</h1>
<p class="muted">Extension ${escapeHtml(extension)} · account ${escapeHtml(account.id)} · <span id="online"></span></p>
<div class="state" id="state" role="status" aria-live="polite">Idle</div>
<div id="buttons">
  <button type="button" class="answer" id="answer" hidden>Answer</button>
  <button type="button" class="decline" id="decline" hidden>Decline</button>
  <button type="button" class="hangup" id="hangup" hidden>Hang up</button>
</div>
<p><label><input type="checkbox" id="toggle-online" style="width:auto"> Online</label></p>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account: account.id, extension })};
const api = "/phones/api/extension";
const show = (id, visible) => { document.getElementById(id).hidden = !visible; };
function render(view) {
  const call = view.call;
  const state = document.getElementById("state");
  state.dataset.state = call ? (call.state === "connected" ? "connected" : "ringing") : "idle";
  state.textContent = !call ? "Idle"
    : call.state === "ringing" ? (call.kind === "callback" ? "Callback: pick up to call " + call.peer : "Incoming call from " + call.peer)
    : call.state === "dialing" ? "Calling " + call.peer + "…"
    : "Connected with " + call.peer;
  show("answer", call && call.state === "ringing");
  show("decline", call && call.state === "ringing");
  show("hangup", call && call.state !== "ringing");
  document.getElementById("online").textContent = view.online ? "online" : "offline";
  document.getElementById("toggle-online").checked = view.online;
}
async function refresh() {
  const response = await fetch(api + "?account=" + encodeURIComponent(context.account) + "&extension=" + encodeURIComponent(context.extension));
  if (response.ok) render(await response.json());
}
for (const action of ["answer", "decline", "hangup"]) {
  document.getElementById(action).addEventListener("click", async () => { await post(api + "/" + action, context); await refresh(); });
}
document.getElementById("toggle-online").addEventListener("change", async (event) => {
  await post(api + "/online", { ...context, online: event.target.checked }); await refresh();
});
poll(refresh, ${POLL_MS});`,
  );
};

export const callCompanyPage = (account: Account): string =>
  page(
    "Call the company",
    `<h1>Call the company</h1>
<p class="muted">Account ${escapeHtml(account.id)}: you are the client dialling in.</p>
<form id="dial">
  <label for="caller">Caller number</label>
  <input id="caller" name="caller" inputmode="tel" autocomplete="off" placeholder="79031234501" required>
  <label for="did">Company number</label>
  <select id="did" name="did">${account.numbers.map((number) => `<option value="${escapeHtml(number)}">${escapeHtml(number)}</option>`).join("")}</select>
  <p><button type="submit" class="answer" id="call">Call</button></p>
</form>
<div class="state" id="state" role="status" aria-live="polite">Not calling</div>
<button type="button" class="hangup" id="hangup" hidden>Hang up</button>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account: account.id })};
let callId = null;
let stopPolling = null;
const labels = { ringing: "Ringing…", connected: "Connected", ended: "Call ended" };
function render(view) {
  const state = document.getElementById("state");
  state.dataset.state = view.state;
  state.textContent = labels[view.state] + (view.state === "connected" && view.extension ? " (extension " + view.extension + ")" : "")
    + (view.state === "ended" && view.disposition ? ": " + view.disposition : "");
  document.getElementById("hangup").hidden = view.state === "ended";
  document.getElementById("call").disabled = view.state !== "ended";
  if (view.state === "ended" && stopPolling) { stopPolling(); stopPolling = null; }
}
document.getElementById("dial").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = await post("/phones/api/caller/dial", {
    ...context, caller: document.getElementById("caller").value, did: document.getElementById("did").value,
  });
  if (!result.ok) { document.getElementById("state").textContent = "Cannot call: " + result.body.error; return; }
  callId = result.body.pbx_call_id;
  render(result.body);
  if (stopPolling) stopPolling();
  stopPolling = poll(async () => {
    const response = await fetch("/phones/api/caller?account=" + encodeURIComponent(context.account) + "&call=" + encodeURIComponent(callId));
    if (response.ok) render(await response.json());
  }, ${POLL_MS});
});
document.getElementById("hangup").addEventListener("click", async () => {
  if (!callId) return;
  const result = await post("/phones/api/caller/hangup", { ...context, call: callId });
  if (result.ok) render(result.body);
});`,
  );

export const clientPhonePage = (account: Account, number: string): string =>
  page(
    `Client phone ${number}`,
    `<h1>Client phone ${escapeHtml(number)}</h1>
<p class="muted">Account ${escapeHtml(account.id)}: answer the company's callback here. Set the client script of this number to
<code>manual</code> (control API) so the scripted client does not pick up first.</p>
<div class="state" id="state" role="status" aria-live="polite">Idle</div>
<button type="button" class="answer" id="answer" hidden>Answer</button>
<button type="button" class="decline" id="decline" hidden>Decline</button>
<button type="button" class="hangup" id="hangup" hidden>Hang up</button>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account: account.id, number })};
const api = "/phones/api/client";
function render(view) {
  const call = view.call;
  const state = document.getElementById("state");
  state.dataset.state = call ? call.state : "idle";
  state.textContent = !call ? "Idle" : call.state === "ringing" ? "Incoming call from " + call.from : "Connected with " + call.from;
  document.getElementById("answer").hidden = !call || call.state !== "ringing";
  document.getElementById("decline").hidden = !call || call.state !== "ringing";
  document.getElementById("hangup").hidden = !call || call.state !== "connected";
}
async function refresh() {
  const response = await fetch(api + "?account=" + encodeURIComponent(context.account) + "&number=" + encodeURIComponent(context.number));
  if (response.ok) render(await response.json());
}
for (const action of ["answer", "decline", "hangup"]) {
  document.getElementById(action).addEventListener("click", async () => { await post(api + "/" + action, context); await refresh(); });
}
poll(refresh, ${POLL_MS});`,
  );

export const indexPage = (accounts: Account[]): string =>
  page(
    "Zadarma emulator",
    `<h1>Zadarma emulator</h1>
${accounts
  .map(
    (account) => `<h2>Account ${escapeHtml(account.id)}</h2>
<p class="muted">key ${escapeHtml(account.key)} · numbers ${account.numbers.map(escapeHtml).join(", ") || "none"}</p>
<ul>
  <li><a href="/call?account=${encodeURIComponent(account.id)}">Call the company</a></li>
  ${Array.from(account.extensions.values())
    .map(
      (extension) =>
        `<li><a href="/phones/${encodeURIComponent(extension.number)}?account=${encodeURIComponent(account.id)}">Phone ${escapeHtml(
          extension.number,
        )} · ${escapeHtml(extension.name)}</a></li>`,
    )
    .join("\n  ")}
</ul>`,
  )
  .join("\n")}`,
    "",
  );
