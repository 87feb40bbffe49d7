// A tiny stand-in for Mango Office's VPBX API, written from the protocol reference
// (docs/telephony-mango.md), not from our client: it checks `sign = sha256(key + json + salt)` on
// every form POST, answers 3xxx to a wrong one and then locks the key out with 401 (the lockout
// rule), redirects `queries/recording/post` to a one-time file it serves itself, and prepares
// statistics that are not ready on the first poll. Until the Mango emulator (emulators/mango/)
// lands, the integration tests use this.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type TMangoStubUser = { extension: string; name: string };

export type TMangoStub = {
  url: string;
  apiKey: string;
  salt: string;
  users: TMangoStubUser[];
  /** `;`-separated rows `stats/result` answers once ready. */
  statsCsv: string;
  /** Every API request, in order: the method path and the parsed json. */
  requests: { path: string; json: Record<string, unknown> }[];
  /** Downloads of one-time recording links. */
  downloads: string[];
  /** Makes every request answer 401 from now on (the lockout). */
  lockOut: () => void;
  close: () => Promise<void>;
};

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export async function startMangoStub(
  options: { users?: TMangoStubUser[]; apiKey?: string; salt?: string } = {},
): Promise<TMangoStub> {
  const apiKey = options.apiKey ?? "stub-vpbx-api-key-0001";
  const salt = options.salt ?? "stub-vpbx-salt-0001";
  let isLockedOut = false;
  let wrongRequests = 0;
  const oneTimeLinks = new Set<string>();
  const statsPolls = new Map<string, number>();
  const stub: TMangoStub = {
    url: "",
    apiKey,
    salt,
    users: options.users ?? [
      { extension: "101", name: "Анна" },
      { extension: "102", name: "Борис" },
    ],
    statsCsv: "",
    requests: [],
    downloads: [],
    lockOut: () => {
      isLockedOut = true;
    },
    close: async () => undefined,
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://stub").pathname;
      const send = (status: number, body: string, headers: Record<string, string> = {}) =>
        response.writeHead(status, headers).end(body);
      const json = (body: object) =>
        send(200, JSON.stringify(body), { "content-type": "application/json" });

      if (request.method === "GET" && path.startsWith("/files/")) {
        const token = path.slice("/files/".length);
        if (!oneTimeLinks.delete(token)) return send(404, "");
        stub.downloads.push(token);
        return send(200, "ID3-fake-mp3", { "content-type": "audio/mpeg" });
      }
      if (isLockedOut) return send(401, "");
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const rawJson = form.get("json") ?? "";
      const isSigned =
        form.get("vpbx_api_key") === apiKey && form.get("sign") === sha256(apiKey + rawJson + salt);
      if (!isSigned) {
        wrongRequests += 1;
        // One wrong request per 2 minutes is tolerated; the next one locks the key out.
        if (wrongRequests > 1) isLockedOut = true;
        return json({ result: 3102 });
      }
      const body = JSON.parse(rawJson) as Record<string, unknown>;
      const method = path.replace(/^\/vpbx\//, "");
      stub.requests.push({ path: method, json: body });
      switch (method) {
        case "config/users/request":
          return json({
            result: 1000,
            users: stub.users.map((user) => ({
              general: { name: user.name },
              telephony: { extension: user.extension },
            })),
          });
        case "commands/callback":
          return json({ result: 1000 });
        case "queries/recording/post": {
          const token = `${String(body.recording_id)}-${oneTimeLinks.size + stub.downloads.length}`;
          oneTimeLinks.add(token);
          return send(302, "", { location: `${stub.url}/files/${token}` });
        }
        case "stats/request":
          return json({ key: `stats-${stub.requests.length}` });
        case "stats/result": {
          const key = String(body.key);
          const polls = (statsPolls.get(key) ?? 0) + 1;
          statsPolls.set(key, polls);
          return polls === 1
            ? send(204, "")
            : send(200, stub.statsCsv, { "content-type": "text/csv" });
        }
        default:
          return json({ result: 3100 });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return stub;
}

/** A form Mango would POST to our events address: signed over the exact json text. */
export function signedMangoForm(
  stub: Pick<TMangoStub, "apiKey" | "salt">,
  json: Record<string, unknown>,
): string {
  const text = JSON.stringify(json);
  return new URLSearchParams({
    vpbx_api_key: stub.apiKey,
    sign: sha256(stub.apiKey + text + stub.salt),
    json: text,
  }).toString();
}
