// The softphone pages a person (or Playwright) uses to play agent and client:
//   /phones/{extension}?account=…            an extension's phone: rings, Answer / Decline / Hang up
//   /call?account=…                          "call the company": type a caller number, pick a company number
//   /client-phone?account=…&number=…         the client's phone of a callback
//   /                                        the accounts and links to their phones
// Each page polls its `/phones/api/…` endpoint twice a second.

import {
  callCompanyPage as sharedCallCompanyPage,
  softphonePage,
} from "../../common/softphone-pages";
import type { Account } from "../types";
import { CLIENT_HELPERS, escapeHtml, page, scriptJson } from "./layout";

const POLL_MS = 500;

export const extensionPage = (account: Account, extension: string): string =>
  softphonePage(
    {
      subtitle: (number, id) => `Extension ${number} · account ${id}`,
      idle: "Idle",
      answer: "Answer",
      decline: "Decline",
      hangup: "Hang up",
      onlineSwitch: "Online",
      online: "online",
      offline: "offline",
      incomingFrom: "Incoming call from",
      callbackPickUp: "Callback: pick up to call",
      calling: "Calling",
      connectedWith: "Connected with",
    },
    { account: account.id, extension, name: account.extensions.get(extension)?.name ?? extension },
  );

export const callCompanyPage = (account: Account): string =>
  sharedCallCompanyPage(
    {
      title: "Call the company",
      intro: (id) => `Account ${id}: you are the client dialling in.`,
      caller: "Caller number",
      company: "Company number",
      call: "Call",
      notCalling: "Not calling",
      hangup: "Hang up",
      cannotCall: "Cannot call:",
      states: { ringing: "Ringing…", connected: "Connected", ended: "Call ended" },
      extension: "extension",
      outcomes: {},
      fields: { id: "pbx_call_id", outcome: "disposition" },
    },
    { account: account.id, numbers: account.numbers },
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
