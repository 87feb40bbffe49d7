import { describeNetworkError, isTimeoutError, parseRetryAfterMs } from "@/lib/outbound-failure";

import { isRecord } from "./coerce";
import type { TMangoCredentials } from "./credentials";
import { classifyMangoResult, MangoError, type TMangoErrorOptions } from "./errors";
import { signMango } from "./signature";
import { parseMangoUsers, type TMangoUser } from "./users";

/**
 * Where a connection's lockout circuit lives (docs/telephony-mango.md §4): in PostgreSQL, on the
 * connection, so that every app instance honours it. The adapter only reads and opens it.
 */
export type TMangoCircuit = {
  /** Until when no request may be sent for this connection, or null when closed. */
  openUntil: (line: TMangoLine) => Promise<Date | null>;
  /** Opens (or extends) the circuit until `until`. */
  open: (line: TMangoLine, until: Date) => Promise<void>;
};

/** Whose connection a request is for: the circuit is kept per connection, within its tenant. */
export type TMangoLine = { tenantId: string; connectionId: string };

/** One Mango account as the client needs it: the connection (for its circuit) and its keys. */
export type TMangoAccount = TMangoLine & { credentials: TMangoCredentials };

export type TMangoClientOptions = {
  /** Scheme and host of the API or the emulator (`MANGO_BASE_URL`); requests go to `${baseUrl}/vpbx/…`. */
  baseUrl: string;
  circuit: TMangoCircuit;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
};

export const DEFAULT_MANGO_TIMEOUT_MS = 15_000;
/** The lockout lasts 2 minutes from the first wrong request; we wait 10 s more (docs/telephony-mango.md §4). */
export const MANGO_CIRCUIT_MS = 130_000;
/** 503/5008 without `Retry-After`: back off this long (§4 asks for a pause, not a figure). */
const DEFAULT_BACKOFF_MS = 5_000;
const SUCCESS = 1000;
/** «No such recording, or not in storage yet» (docs/telephony-mango.md §5). */
const NO_SUCH_RECORDING = 3320;

export type TMangoCallbackRequest = {
  /** `"c2c_" + <our idempotency key>`: ties the click, `result/callback` and the call's events. */
  commandId: string;
  fromExtension: string;
  toNumber: string;
  lineNumber?: string;
};

export type TMangoStatsQuery = {
  from: Date;
  to: Date;
  /** The columns of the CSV, in order (docs/telephony-mango.md §10). */
  fields: readonly string[];
  requestId?: string;
};

export type TMangoStatsResult = { ready: false } | { ready: true; csv: string };

type TFailure = Omit<TMangoErrorOptions, "secrets">;

const readResult = (body: unknown): number | null => {
  if (!isRecord(body)) return null;
  const value = Number(body.result);
  return body.result === undefined || !Number.isFinite(value) ? null : value;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    return undefined;
  }
};

/** True when `location` is a host we follow a recording redirect to (docs/telephony-mango.md §9). */
export const isAllowedRecordingHost = (location: URL, baseUrl: string): boolean => {
  const base = new URL(baseUrl);
  if (location.username !== "" || location.password !== "") return false;
  if (location.origin === base.origin) return true;
  return location.protocol === "https:" && location.hostname.endsWith(".mango-office.ru");
};

/**
 * The Mango Office VPBX client (docs/telephony-mango.md): every call is a signed form POST
 * (`vpbx_api_key`, `sign`, `json`) to `${baseUrl}/vpbx/{method}`. A 401 opens the connection's
 * circuit for {@link MANGO_CIRCUIT_MS}, and while it is open no request is sent at all; a 3xxx
 * result is never retried; 503 and 5008 back off.
 */
export function createMangoClient(options: TMangoClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_MANGO_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  /** Sends one signed request; returns the raw response for the caller to read. */
  async function send(
    account: TMangoAccount,
    apiMethod: string,
    payload: Record<string, unknown>,
    init: { redirect?: RequestRedirect } = {},
  ): Promise<{ response: Response; fail: (failure: TFailure) => MangoError }> {
    const { apiKey, salt } = account.credentials;
    const context = `Mango POST /vpbx/${apiMethod}`;
    const json = JSON.stringify(payload);
    const sign = signMango(apiKey, json, salt);
    const secrets = [apiKey, salt, sign];
    const fail = ({ message, ...failure }: TFailure) =>
      new MangoError({ ...failure, message: `${context}: ${message}`, secrets });
    if (apiKey.trim() === "" || salt === "")
      throw fail({ code: "invalid_request", message: "the API key or salt is empty" });

    const openUntil = await options.circuit.openUntil(account);
    const waitMs = openUntil === null ? 0 : openUntil.getTime() - now().getTime();
    if (waitMs > 0)
      throw fail({
        code: "circuit_open",
        retryAfterMs: waitMs,
        message: `not sent: the lockout circuit is open until ${openUntil?.toISOString()}`,
      });

    const body = new URLSearchParams({ vpbx_api_key: apiKey, sign, json }).toString();
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/vpbx/${apiMethod}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
        redirect: init.redirect ?? "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (isTimeoutError(error))
        throw fail({
          code: "timeout",
          message: `no answer within ${timeoutMs} ms`,
          cause: error,
        });
      throw fail({
        code: "unreachable",
        message: `network error: ${describeNetworkError(error)}`,
        cause: error,
      });
    }
    if (response.status === 401) {
      const until = new Date(now().getTime() + MANGO_CIRCUIT_MS);
      await options.circuit.open(account, until);
      await response.body?.cancel();
      throw fail({
        code: "locked_out",
        httpStatus: 401,
        retryAfterMs: MANGO_CIRCUIT_MS,
        message: `HTTP 401: locked out; no request until ${until.toISOString()}`,
      });
    }
    return { response, fail };
  }

  /** Reads a JSON answer, throwing for an HTTP failure or a `result` other than 1000. */
  async function readJson(
    response: Response,
    fail: (failure: TFailure) => MangoError,
  ): Promise<Record<string, unknown>> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw fail({ code: "timeout", message: "the answer was cut off", cause: error });
    }
    const body = parseJson(text);
    const result = readResult(body);
    const said = result === null ? "" : ` result ${result}`;
    if (response.status === 503 || result === 5008)
      throw fail({
        code: "rate_limited",
        httpStatus: response.status,
        resultCode: result ?? undefined,
        retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after"), DEFAULT_BACKOFF_MS),
        message: `HTTP ${response.status}${said}: slow down`,
      });
    if (response.status >= 500)
      throw fail({
        code: "server_error",
        httpStatus: response.status,
        message: `HTTP ${response.status}${said}`,
      });
    if (response.status === 404)
      throw fail({ code: "not_found", httpStatus: 404, message: `HTTP 404${said}` });
    if (result !== null && result !== SUCCESS)
      throw fail({
        code: classifyMangoResult(result),
        httpStatus: response.status,
        resultCode: result,
        message: `HTTP ${response.status}${said}`,
      });
    if (response.status < 200 || response.status > 299)
      throw fail({
        code: "invalid_request",
        httpStatus: response.status,
        message: `HTTP ${response.status}`,
      });
    if (!isRecord(body))
      throw fail({
        code: "bad_response",
        isRetriable: true,
        httpStatus: response.status,
        message: `HTTP ${response.status} with a body that is not a JSON object`,
      });
    return body;
  }

  const call = async (
    account: TMangoAccount,
    apiMethod: string,
    payload: Record<string, unknown>,
  ) => {
    const { response, fail } = await send(account, apiMethod, payload);
    return { body: await readJson(response, fail), fail };
  };

  return {
    baseUrl,

    /** `commands/callback`: rings the member's extension, then the client (docs/telephony-mango.md §8). */
    async requestCallback(account: TMangoAccount, request: TMangoCallbackRequest): Promise<void> {
      const from: Record<string, string> = { extension: request.fromExtension };
      await call(account, "commands/callback", {
        command_id: request.commandId,
        from,
        to_number: request.toNumber,
        ...(request.lineNumber ? { line_number: request.lineNumber } : {}),
      });
    },

    /** `config/users/request`: the VPBX's employees and their extensions (§6). Also the "check these keys" call. */
    async listUsers(account: TMangoAccount): Promise<TMangoUser[]> {
      const { body, fail } = await call(account, "config/users/request", {});
      const users = parseMangoUsers(body);
      if (users === null)
        throw fail({ code: "bad_response", message: "the answer has no users list" });
      return users;
    },

    /** `stats/request`: asks Mango to prepare a CSV of the period; returns its key (§10). */
    async requestStats(account: TMangoAccount, query: TMangoStatsQuery): Promise<string> {
      const { body, fail } = await call(account, "stats/request", {
        date_from: String(Math.floor(query.from.getTime() / 1000)),
        date_to: String(Math.floor(query.to.getTime() / 1000)),
        fields: query.fields.join(", "),
        ...(query.requestId ? { request_id: query.requestId } : {}),
      });
      if (typeof body.key !== "string" || body.key === "")
        throw fail({ code: "bad_response", message: "the answer has no key" });
      return body.key;
    },

    /** `stats/result`: 204 = not ready yet (poll again in ≥ 5 s), 200 = the `;`-separated CSV (§10). */
    async fetchStatsResult(account: TMangoAccount, key: string): Promise<TMangoStatsResult> {
      const { response, fail } = await send(account, "stats/result", { key });
      if (response.status === 204) {
        await response.body?.cancel();
        return { ready: false };
      }
      if (response.status === 200 && !(response.headers.get("content-type") ?? "").includes("json"))
        return { ready: true, csv: await response.text() };
      // A JSON answer is an error report (or an unexpected shape).
      await readJson(response, fail);
      throw fail({ code: "bad_response", message: "the answer is JSON, not the CSV" });
    },

    /**
     * `queries/recording/post` (§9): Mango answers 302 to a one-time link, returned here for the
     * caller to fetch at once and never keep. Only a link to the API's own origin or a host under
     * `.mango-office.ru` is returned; a recording Mango does not have (3320) is `not_found`.
     */
    async requestRecordingLink(
      account: TMangoAccount,
      recordingId: string,
      action: "download" | "play" = "play",
    ): Promise<{ links: string[] }> {
      const { response, fail } = await send(
        account,
        "queries/recording/post",
        { recording_id: recordingId, action },
        { redirect: "manual" },
      );
      if (response.status < 300 || response.status > 399) {
        await readJson(response, fail).catch((error: unknown) => {
          throw error instanceof MangoError && error.resultCode === NO_SUCH_RECORDING
            ? fail({
                code: "not_found",
                resultCode: NO_SUCH_RECORDING,
                message: "no such recording",
              })
            : error;
        });
        throw fail({
          code: "bad_response",
          httpStatus: response.status,
          message: "no redirect to the file",
        });
      }
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (location === null || !URL.canParse(location, `${baseUrl}/`))
        throw fail({ code: "bad_response", message: "the redirect has no usable Location" });
      const target = new URL(location, `${baseUrl}/`);
      if (!isAllowedRecordingHost(target, baseUrl))
        throw fail({
          code: "bad_response",
          message: `redirect to a host we do not follow: ${target.hostname}`,
        });
      return { links: [target.toString()] };
    },
  };
}

export type TMangoClient = ReturnType<typeof createMangoClient>;
