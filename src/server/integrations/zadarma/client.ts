import { isValidTimeZone } from "@/lib/zoned-wall-clock";

import { toLooseBoolean, toText } from "./coerce";
import type { TZadarmaCredentials } from "./credentials";
import { ZadarmaError } from "./errors";
import { requestZadarma, type TZadarmaHttpRequest } from "./http";
import { formatZadarmaLocalTime, zadarmaTimeZoneToIana } from "./local-time";
import { parseZadarmaStatisticsRow, type TZadarmaStatisticsRow } from "./statistics";
import { getSharedZadarmaThrottle, type TZadarmaThrottle } from "./throttle";

export type TZadarmaClientOptions = {
  /** Scheme and host of the API or the emulator (`ZADARMA_BASE_URL`), without a path. */
  baseUrl: string;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Per request, body included (reliability R9). */
  timeoutMs?: number;
  /** Defaults to the process-wide throttle, so every client shares an account's budget. */
  throttle?: TZadarmaThrottle;
};

/** The `pbx/callinfo/notifications` switches (OpenAPI `pbx.callinfo.notifications`). */
export type TZadarmaNotificationToggles = Partial<
  Record<
    | "notify_start"
    | "notify_internal"
    | "notify_answer"
    | "notify_end"
    | "notify_out_start"
    | "notify_out_end",
    boolean
  >
>;

export type TZadarmaStatisticsQuery = {
  start: Date;
  end: Date;
  /** The account's IANA zone: `start` and `end` are sent as its wall-clock times. */
  timeZone: string;
  skip?: number;
  /** 1–1000; 1000 when absent. */
  limit?: number;
  callType?: "in" | "out";
};

export const DEFAULT_ZADARMA_TIMEOUT_MS = 15_000;

/** docs/telephony-zadarma.md, "Recordings": link lifetime bounds and our default (one playback). */
const MIN_LINK_LIFETIME_SECONDS = 180;
const MAX_LINK_LIFETIME_SECONDS = 5_184_000;
const MAX_STATISTICS_LIMIT = 1000;
/** Zadarma silently cuts a longer statistics period to 30 days; we refuse instead of losing rows. */
const MAX_STATISTICS_SPAN_MS = 30 * 24 * 60 * 60 * 1000;
const EXTENSION_PATTERN = /^\d{1,10}$/;

const assertBaseUrl = (baseUrl: string): void => {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  const isHttp = url !== null && (url.protocol === "https:" || url.protocol === "http:");
  const isPlain = isHttp && url.pathname === "/" && url.search === "" && url.hash === "";
  // The signature covers `/v1/…` alone, so a path prefix would make the server check a different path.
  if (!isPlain)
    throw new TypeError(
      `Zadarma baseUrl must be an http(s) origin without a path, got ${JSON.stringify(baseUrl)}`,
    );
};

const refuse = (message: string): ZadarmaError =>
  new ZadarmaError({ code: "invalid_request", message });

const unexpected = (apiMethod: string, what: string): ZadarmaError =>
  new ZadarmaError({ code: "bad_response", message: `Zadarma /v1/${apiMethod}/: ${what}` });

const assertExtension = (extension: string): void => {
  if (!EXTENSION_PATTERN.test(extension))
    throw refuse(`a PBX extension is digits only, got ${JSON.stringify(extension)}`);
};

const requireDigits = (value: string, name: string): string => {
  const digits = value.replace(/\D/g, "");
  if (digits === "") throw refuse(`${name} must contain digits, got ${JSON.stringify(value)}`);
  return digits;
};

const clampLifetime = (seconds: number | undefined): number =>
  Math.min(
    MAX_LINK_LIFETIME_SECONDS,
    Math.max(MIN_LINK_LIFETIME_SECONDS, Math.round(seconds ?? MIN_LINK_LIFETIME_SECONDS)),
  );

/**
 * The Zadarma REST client (docs/telephony-zadarma.md). Create one per process and pass the
 * tenant's credentials to every call. Every method throws {@link ZadarmaError}; `isRetriable`
 * tells Inngest whether to back off.
 */
export const createZadarmaClient = ({
  baseUrl,
  fetch: fetchOption,
  timeoutMs = DEFAULT_ZADARMA_TIMEOUT_MS,
  throttle,
}: TZadarmaClientOptions) => {
  assertBaseUrl(baseUrl);
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);

  const send = (
    credentials: TZadarmaCredentials,
    request: Pick<TZadarmaHttpRequest, "method" | "apiMethod" | "isStatistics"> & {
      params?: Record<string, string>;
    },
  ) =>
    requestZadarma({
      params: {},
      ...request,
      baseUrl,
      credentials,
      timeoutMs,
      throttle: throttle ?? getSharedZadarmaThrottle(),
      fetch: fetchOption ?? globalThis.fetch,
    });

  return {
    /** `info/balance`: the cheapest signed call, used to check a new key pair. */
    getBalance: async (
      credentials: TZadarmaCredentials,
    ): Promise<{ balance: number; currency: string }> => {
      const body = await send(credentials, { method: "GET", apiMethod: "info/balance" });
      const balance = Number(body.balance);
      if (toText(body.balance) === "" || !Number.isFinite(balance))
        throw unexpected("info/balance", "no numeric balance");
      return { balance, currency: toText(body.currency) };
    },

    /**
     * `info/timezone` → `{ unixtime, datetime, timezone }`. `timezone` is an offset such as `UTC+3`
     * (an IANA name is accepted too); it is returned as an IANA zone, see {@link zadarmaTimeZoneToIana}.
     */
    getTimezone: async (credentials: TZadarmaCredentials): Promise<{ timeZone: string }> => {
      const body = await send(credentials, { method: "GET", apiMethod: "info/timezone" });
      const timeZone = zadarmaTimeZoneToIana(toText(body.timezone));
      if (timeZone === null)
        throw unexpected("info/timezone", `unreadable timezone ${JSON.stringify(body.timezone)}`);
      return { timeZone };
    },

    /** `pbx/internal` → `{ pbx_id, numbers: [...] }`: the PBX and its extensions, as text. */
    listExtensions: async (
      credentials: TZadarmaCredentials,
    ): Promise<{ pbxId: string; extensions: string[] }> => {
      const body = await send(credentials, { method: "GET", apiMethod: "pbx/internal" });
      if (!Array.isArray(body.numbers)) throw unexpected("pbx/internal", "no numbers list");
      return {
        pbxId: toText(body.pbx_id),
        extensions: body.numbers.map(toText).filter((number) => number !== ""),
      };
    },

    /** `pbx/internal/{extension}/info` → `{ number, name, … }`: the extension's display name, `null` when unset. */
    getExtensionInfo: async (
      credentials: TZadarmaCredentials,
      extension: string,
    ): Promise<{ extension: string; name: string | null }> => {
      assertExtension(extension);
      const body = await send(credentials, {
        method: "GET",
        apiMethod: `pbx/internal/${extension}/info`,
      });
      const name = toText(body.name).trim();
      return { extension, name: name === "" ? null : name };
    },

    /** `pbx/internal/{extension}/status` → `{ is_online }`. */
    getExtensionStatus: async (
      credentials: TZadarmaCredentials,
      extension: string,
    ): Promise<{ isOnline: boolean }> => {
      assertExtension(extension);
      const body = await send(credentials, {
        method: "GET",
        apiMethod: `pbx/internal/${extension}/status`,
      });
      return { isOnline: toLooseBoolean(body.is_online) };
    },

    /**
     * `request/callback`: rings `from` (the employee's extension) first, then `to` (the client).
     * Not idempotent: a `timeout` may still have placed the call, so callers dedupe (R21).
     * `startedAt` is the answer's `time`, or our clock when the answer has none.
     */
    requestCallback: async (
      credentials: TZadarmaCredentials,
      { from, to }: { from: string; to: string },
    ): Promise<{ startedAt: Date }> => {
      const params = { from: requireDigits(from, "from"), to: requireDigits(to, "to") };
      const body = await send(credentials, {
        method: "GET",
        apiMethod: "request/callback",
        params,
      });
      const time = Number(body.time);
      return {
        startedAt:
          toText(body.time) !== "" && Number.isFinite(time) ? new Date(time * 1000) : new Date(),
      };
    },

    /**
     * `pbx/record/request`: fresh links to a recording, by its id (`call_id_with_rec`, one `link`)
     * or by the call (`pbx_call_id`, `links` for every recording of it). `lifetimeSeconds` is
     * clamped to 180…5184000 and defaults to 180. `expiresAt` is `lifetime_till` as sent
     * (account-local `YYYY-MM-DD HH:MM:SS`).
     */
    requestRecordingLink: async (
      credentials: TZadarmaCredentials,
      {
        recordingRef,
        pbxCallId,
        lifetimeSeconds,
      }: { recordingRef?: string; pbxCallId?: string; lifetimeSeconds?: number },
    ): Promise<{ links: string[]; expiresAt: string | null }> => {
      const params: Record<string, string> = { lifetime: String(clampLifetime(lifetimeSeconds)) };
      if (recordingRef !== undefined && recordingRef !== "") params.call_id = recordingRef;
      else if (pbxCallId !== undefined && pbxCallId !== "") params.pbx_call_id = pbxCallId;
      else throw refuse("a recording link needs recordingRef or pbxCallId");
      const body = await send(credentials, {
        method: "GET",
        apiMethod: "pbx/record/request",
        params,
      });
      const links = [body.link, ...(Array.isArray(body.links) ? body.links : [])]
        .map(toText)
        .filter((link) => link !== "");
      if (links.length === 0) throw unexpected("pbx/record/request", "no link in the answer");
      const expiresAt = toText(body.lifetime_till);
      return { links, expiresAt: expiresAt === "" ? null : expiresAt };
    },

    /**
     * `statistics/pbx` version 2 for `[start, end]` in the account's zone (at most 30 days, limit
     * ≤ 1000). Counted against the 3/min statistics budget. Rows that cannot be used are reported in
     * `invalidRows` (index and field) rather than failing the page; page on with
     * `skip += rows.length + invalidRows.length`.
     */
    getPbxStatistics: async (
      credentials: TZadarmaCredentials,
      {
        start,
        end,
        timeZone,
        skip = 0,
        limit = MAX_STATISTICS_LIMIT,
        callType,
      }: TZadarmaStatisticsQuery,
    ): Promise<{
      rows: TZadarmaStatisticsRow[];
      invalidRows: Array<{ index: number; field: string }>;
    }> => {
      if (!isValidTimeZone(timeZone)) throw refuse(`unknown time zone ${JSON.stringify(timeZone)}`);
      if (!(end.getTime() >= start.getTime()))
        throw refuse("statistics end must not be before start");
      if (end.getTime() - start.getTime() > MAX_STATISTICS_SPAN_MS)
        throw refuse("a statistics request covers at most 30 days");
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_STATISTICS_LIMIT)
        throw refuse(`limit must be 1…1000, got ${limit}`);
      if (!Number.isSafeInteger(skip) || skip < 0)
        throw refuse(`skip must be a non-negative integer, got ${skip}`);
      const params: Record<string, string> = {
        start: formatZadarmaLocalTime(start, timeZone),
        end: formatZadarmaLocalTime(end, timeZone),
        version: "2",
        skip: String(skip),
        limit: String(limit),
      };
      if (callType !== undefined) params.call_type = callType;
      const body = await send(credentials, {
        method: "GET",
        apiMethod: "statistics/pbx",
        params,
        isStatistics: true,
      });
      if (!Array.isArray(body.stats)) throw unexpected("statistics/pbx", "no stats list");
      const rows: TZadarmaStatisticsRow[] = [];
      const invalidRows: Array<{ index: number; field: string }> = [];
      body.stats.forEach((raw: unknown, index) => {
        const parsed = parseZadarmaStatisticsRow(raw);
        if ("row" in parsed) rows.push(parsed.row);
        else invalidRows.push({ index, field: parsed.field });
      });
      return { rows, invalidRows };
    },

    /** `POST pbx/callinfo/url`: where Zadarma sends call notifications (it checks the URL with `zd_echo`). */
    setNotificationUrl: async (credentials: TZadarmaCredentials, url: string): Promise<void> => {
      if (!URL.canParse(url)) throw refuse(`not a URL: ${JSON.stringify(url)}`);
      await send(credentials, { method: "POST", apiMethod: "pbx/callinfo/url", params: { url } });
    },

    /** `POST pbx/callinfo/notifications`: which NOTIFY_* events are sent (`"true"`/`"false"` per switch). */
    setNotificationEvents: async (
      credentials: TZadarmaCredentials,
      events: TZadarmaNotificationToggles,
    ): Promise<void> => {
      const params = Object.fromEntries(
        Object.entries(events).map(([name, isOn]) => [name, isOn ? "true" : "false"]),
      );
      if (Object.keys(params).length === 0) throw refuse("no notification switch given");
      await send(credentials, { method: "POST", apiMethod: "pbx/callinfo/notifications", params });
    },
  };
};

export type TZadarmaClient = ReturnType<typeof createZadarmaClient>;
