// The two pages every telephony emulator has, in the emulator's own words: an extension's softphone
// (rings, Answer / Decline / Hang up, an Online switch) and "call the company" (caller number, company
// number, Call, the call's state, Hang up). Both poll `/phones/api/…` twice a second.

import { CLIENT_HELPERS, escapeHtml, page, scriptJson } from "../zadarma/phones/layout";

const POLL_MS = 500;

export type SoftphoneTexts = {
  /** The line under the name: `Extension 100 · account demo`. */
  subtitle: (extension: string, account: string) => string;
  idle: string;
  answer: string;
  decline: string;
  hangup: string;
  onlineSwitch: string;
  online: string;
  offline: string;
  /** Followed by the number. */
  incomingFrom: string;
  callbackPickUp: string;
  calling: string;
  connectedWith: string;
};

export const softphonePage = (
  texts: SoftphoneTexts,
  { account, extension, name }: { account: string; extension: string; name: string },
): string =>
  page(
    `${extension} · ${name}`,
    `<h1>${escapeHtml(name)}</h1>
<p class="muted">${escapeHtml(texts.subtitle(extension, account))} · <span id="online"></span></p>
<div class="state" id="state" role="status" aria-live="polite">${escapeHtml(texts.idle)}</div>
<div id="buttons">
  <button type="button" class="answer" id="answer" hidden>${escapeHtml(texts.answer)}</button>
  <button type="button" class="decline" id="decline" hidden>${escapeHtml(texts.decline)}</button>
  <button type="button" class="hangup" id="hangup" hidden>${escapeHtml(texts.hangup)}</button>
</div>
<p><label><input type="checkbox" id="toggle-online" style="width:auto"> ${escapeHtml(texts.onlineSwitch)}</label></p>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account, extension })};
const texts = ${scriptJson({ ...texts, subtitle: undefined })};
const api = "/phones/api/extension";
const show = (id, visible) => { document.getElementById(id).hidden = !visible; };
function render(view) {
  const call = view.call;
  const state = document.getElementById("state");
  state.dataset.state = call ? (call.state === "connected" ? "connected" : "ringing") : "idle";
  state.textContent = !call ? texts.idle
    : call.state === "ringing" ? (call.kind === "callback" ? texts.callbackPickUp + " " + call.peer : texts.incomingFrom + " " + call.peer)
    : call.state === "dialing" ? texts.calling + " " + call.peer + "…"
    : texts.connectedWith + " " + call.peer;
  show("answer", call && call.state === "ringing");
  show("decline", call && call.state === "ringing");
  show("hangup", call && call.state !== "ringing");
  document.getElementById("online").textContent = view.online ? texts.online : texts.offline;
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

export type CallCompanyTexts = {
  title: string;
  intro: (account: string) => string;
  caller: string;
  company: string;
  call: string;
  notCalling: string;
  hangup: string;
  cannotCall: string;
  states: { ringing: string; connected: string; ended: string };
  /** Followed by the extension that took the call. */
  extension: string;
  /** How an ended call's outcome reads (missing: as the emulator names it). */
  outcomes: Record<string, string>;
  /** The caller view's fields: the call's id and how it ended. */
  fields: { id: string; outcome: string };
};

export const callCompanyPage = (
  texts: CallCompanyTexts,
  { account, numbers }: { account: string; numbers: string[] },
): string =>
  page(
    texts.title,
    `<h1>${escapeHtml(texts.title)}</h1>
<p class="muted">${escapeHtml(texts.intro(account))}</p>
<form id="dial">
  <label for="caller">${escapeHtml(texts.caller)}</label>
  <input id="caller" name="caller" inputmode="tel" autocomplete="off" placeholder="79031234501" required>
  <label for="did">${escapeHtml(texts.company)}</label>
  <select id="did" name="did">${numbers.map((number) => `<option value="${escapeHtml(number)}">${escapeHtml(number)}</option>`).join("")}</select>
  <p><button type="submit" class="answer" id="call">${escapeHtml(texts.call)}</button></p>
</form>
<div class="state" id="state" role="status" aria-live="polite">${escapeHtml(texts.notCalling)}</div>
<button type="button" class="hangup" id="hangup" hidden>${escapeHtml(texts.hangup)}</button>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account })};
const texts = ${scriptJson({ ...texts, intro: undefined })};
let callId = null;
let stopPolling = null;
function render(view) {
  const state = document.getElementById("state");
  const outcome = view[texts.fields.outcome];
  state.dataset.state = view.state;
  state.textContent = texts.states[view.state] + (view.state === "connected" && view.extension ? " (" + texts.extension + " " + view.extension + ")" : "")
    + (view.state === "ended" && outcome ? ": " + (texts.outcomes[outcome] || outcome) : "");
  document.getElementById("hangup").hidden = view.state === "ended";
  document.getElementById("call").disabled = view.state !== "ended";
  if (view.state === "ended" && stopPolling) { stopPolling(); stopPolling = null; }
}
document.getElementById("dial").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = await post("/phones/api/caller/dial", {
    ...context, caller: document.getElementById("caller").value, did: document.getElementById("did").value,
  });
  if (!result.ok) { document.getElementById("state").textContent = texts.cannotCall + " " + result.body.error; return; }
  callId = result.body[texts.fields.id];
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
