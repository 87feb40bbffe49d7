import type { TKlientiksCredentials } from "./credentials";
import { KlientiksError } from "./errors";
import { requestKlientiks, type TKlientiksHttpRequest } from "./http";
import { formatKlientiksLocalDate, isValidTimeZone } from "./local-time";
import { createKlientiksNormalizer } from "./normalize";
import { paginateKlientiks } from "./paginate";
import { parseListEnvelope, parseSingleEnvelope, parseWriteEnvelope } from "./parse-envelope";
import { normalizeKlientiksPhone } from "./phone";
import {
  assertValidKlientiksThrottle,
  DEFAULT_KLIENTIKS_THROTTLE,
  type TKlientiksThrottleConfig,
} from "./throttle";
import type {
  TKlientiksAclRow,
  TKlientiksAppointment,
  TKlientiksClient,
  TKlientiksService,
  TKlientiksUser,
  TKlientiksWarning,
} from "./types";
import type { TKlientiksPathPairs, TKlientiksQuery } from "./url";

export type TKlientiksClientOptions = {
  /** Scheme and host of Klientiks or the emulator, i.e. `KLIENTIKS_BASE_URL` (klientiks-contract §2). */
  baseUrl: string;
  /** The account's IANA zone for its naive datetimes, normally the tenant's setting (§7). */
  timezone: string;
  /** Per-request timeout (§4.6, reliability R9). */
  timeoutMs?: number;
  /** Per-account limiter shared by every client in the process (§6). */
  throttle?: TKlientiksThrottleConfig;
  /** Receives tolerated oddities that the contract wants logged (§7, §9.1); wire it to the logger. */
  onWarning?: (warning: TKlientiksWarning) => void;
};

/** Fields of `add …/m/Clients/` (§8.1 (13)); Klientiks requires `phone` and `first_name`. */
export type TKlientiksNewClient = {
  firstName: string;
  phone: string;
  secondName?: string;
  patronName?: string;
  email?: string;
  leadSource?: string;
  clientGroups?: string;
};

/** §4.6, R9. */
export const DEFAULT_KLIENTIKS_TIMEOUT_MS = 15_000;
/** §5: bulk syncs page by 500. */
const BULK_PAGE_SIZE = 500;
/**
 * §5 says 50 outside bulk syncs. The ACL export in particular is paged by 50 in the only public
 * client that uses it (K13): if the server ignored a larger `limit` without echoing it, a full page
 * of 50 would look like the last one.
 */
const ACL_PAGE_SIZE = 50;
const USERS_PATH: TKlientiksPathPairs = [["m", "Users"]];
const SERVICES_PATH: TKlientiksPathPairs = [["m", "Services"]];
// §8.1 (1): `ik/orders` and `rvwk/status,statuses` are copied verbatim by every public client.
const ACL_PATH: TKlientiksPathPairs = [
  ["m", "AppointmentClientLinks"],
  ["ik", "orders"],
  ["rvwk", "status,statuses"],
];

type TListOptions<TItem> = {
  path: TKlientiksPathPairs;
  query?: TKlientiksQuery;
  pageSize: number;
  /** Normalises one raw item; `null` skips it. */
  toItem: (raw: unknown) => TItem | null;
};

const assertBaseUrl = (baseUrl: string): void => {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  if (
    url === null ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    throw new TypeError(
      `Klientiks baseUrl must be an http(s) URL without query or fragment, got ${JSON.stringify(baseUrl)}`,
    );
  }
};

const assertId = (id: number, name: string): void => {
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new RangeError(`${name} must be a positive integer, got ${id}`);
};

const collect = async <TItem>(items: AsyncIterable<TItem>): Promise<TItem[]> => {
  const collected: TItem[] = [];
  for await (const item of items) collected.push(item);
  return collected;
};

const withoutEmpty = (fields: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );

/**
 * The Klientiks REST client (klientiks-contract §2–§9). Create one per process and pass the
 * tenant's credentials to every call (see credentials.ts for why). Every method throws
 * {@link KlientiksError} for a failed call; `isRetriable` tells Inngest whether to back off.
 */
export const createKlientiksClient = ({
  baseUrl,
  timezone,
  timeoutMs = DEFAULT_KLIENTIKS_TIMEOUT_MS,
  throttle = DEFAULT_KLIENTIKS_THROTTLE,
  onWarning = () => undefined,
}: TKlientiksClientOptions) => {
  assertBaseUrl(baseUrl);
  if (!isValidTimeZone(timezone))
    throw new RangeError(`Unknown time zone ${JSON.stringify(timezone)}`);
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  assertValidKlientiksThrottle(throttle);
  const normalizer = createKlientiksNormalizer({ timeZone: timezone, onWarning });

  const send = (
    credentials: TKlientiksCredentials,
    request: Pick<TKlientiksHttpRequest, "action" | "path" | "query" | "form">,
  ) => requestKlientiks({ ...request, baseUrl, credentials, timeoutMs, throttle });

  const listAll = <TItem extends { id: number }>(
    credentials: TKlientiksCredentials,
    { path, query = {}, pageSize, toItem }: TListOptions<TItem>,
  ): AsyncIterable<TItem> =>
    paginateKlientiks({
      pageSize,
      getId: (item) => item.id,
      fetchPage: async (offset, limit) => {
        const page = parseListEnvelope(
          await send(credentials, { action: "list", path, query: { ...query, offset, limit } }),
        );
        // Items without a valid id are skipped (the normalizer reports them) rather than failing the sync.
        const items = page.items.flatMap((raw) => toItem(raw) ?? []);
        return { items, rawCount: page.items.length, offset: page.offset, limit: page.limit };
      },
    });

  return {
    /**
     * Proves the credentials, the API switch and the tariff with the cheapest call, `list m/Users`
     * with limit 1 (§1). Resolves when access works; otherwise throws `invalid_credentials`,
     * `api_disabled` or a transport error.
     */
    checkAccess: async (credentials: TKlientiksCredentials): Promise<void> => {
      parseListEnvelope(
        await send(credentials, { action: "list", path: USERS_PATH, query: { limit: 1 } }),
      );
    },

    /**
     * `getAppointment …/id/{id}` (§8 #3), with its `appointment_client_links`. Throws `not_found`
     * when Klientiks answers `"No data"` (R9) and `bad_response` when it sends another appointment.
     */
    getAppointment: async (
      credentials: TKlientiksCredentials,
      appointmentId: number,
    ): Promise<TKlientiksAppointment> => {
      assertId(appointmentId, "appointmentId");
      const response = await send(credentials, {
        action: "getAppointment",
        path: [["id", String(appointmentId)]],
      });
      const raw = parseSingleEnvelope(response);
      if (raw === null) {
        throw new KlientiksError({
          kind: "not_found",
          message: `${response.context}: appointment ${appointmentId} not found`,
        });
      }
      const appointment = normalizer.toAppointment(raw);
      if (appointment?.id !== appointmentId) {
        const got = appointment === null ? "no valid appointment" : `appointment ${appointment.id}`;
        const message = `${response.context}: expected appointment ${appointmentId}, got ${got}`;
        throw new KlientiksError({ kind: "bad_response", message });
      }
      return appointment;
    },

    /** Every employee, for responsible-manager names (§8 #7, §14). */
    listUsers: (credentials: TKlientiksCredentials): Promise<TKlientiksUser[]> =>
      collect(
        listAll(credentials, {
          path: USERS_PATH,
          pageSize: BULK_PAGE_SIZE,
          toItem: normalizer.toUser,
        }),
      ),

    /** Every service and good, for line names (§8 #8). */
    listServices: (credentials: TKlientiksCredentials): Promise<TKlientiksService[]> =>
      collect(
        listAll(credentials, {
          path: SERVICES_PATH,
          pageSize: BULK_PAGE_SIZE,
          toItem: normalizer.toService,
        }),
      ),

    /**
     * Clients modified on or after the account-local calendar day that contains `since`
     * (`m/clients/date/{YYYY-MM-DD}`, §8 #5, §8.1 (5)). Paged lazily; each client is yielded once.
     */
    listClientsSince: (
      credentials: TKlientiksCredentials,
      since: Date,
    ): AsyncIterable<TKlientiksClient> =>
      listAll(credentials, {
        path: [
          ["m", "clients"],
          ["date", formatKlientiksLocalDate(since, timezone)],
        ],
        pageSize: BULK_PAGE_SIZE,
        toItem: normalizer.toClient,
      }),

    /**
     * The client with this phone (`m/getClientByPhone/phone/{digits}`, §8 #6), or `null`. The phone
     * is normalised first (§7); one without digits matches nobody, so no request is sent.
     */
    getClientByPhone: async (
      credentials: TKlientiksCredentials,
      phone: string,
    ): Promise<TKlientiksClient | null> => {
      const digits = normalizeKlientiksPhone(phone);
      if (digits === "") return null;
      const response = await send(credentials, {
        action: "list",
        path: [
          ["m", "getClientByPhone"],
          ["phone", digits],
        ],
      });
      const raw = parseSingleEnvelope(response);
      if (raw === null) return null;
      const client = normalizer.toClient(raw);
      if (client === null)
        throw new KlientiksError({
          kind: "bad_response",
          message: `${response.context}: the client has no valid id`,
        });
      return client;
    },

    /**
     * ACL rows (visits and sales) modified at or after `sinceUnixSeconds` (§8 #1, §8.1 (1)), for
     * reconciliation. Paged lazily; rows are de-duplicated by id.
     */
    listAclChangedSince: (
      credentials: TKlientiksCredentials,
      sinceUnixSeconds: number,
    ): AsyncIterable<TKlientiksAclRow> => {
      if (!(Number.isFinite(sinceUnixSeconds) && sinceUnixSeconds >= 0)) {
        throw new RangeError(
          `sinceUnixSeconds must be a non-negative number, got ${sinceUnixSeconds}`,
        );
      }
      return listAll(credentials, {
        path: ACL_PATH,
        query: { date: Math.floor(sinceUnixSeconds) },
        pageSize: ACL_PAGE_SIZE,
        toItem: normalizer.toAclRow,
      });
    },

    /**
     * `add …/m/Clients/` (§8 #13), form-encoded (§3). Svyaz does not write to Klientiks in its first
     * release (§8); this and `updateAppointmentStatus` exist so the write envelopes of §4.4
     * are exercised end to end. Throws `validation` with every field message on rejection.
     */
    createClient: async (
      credentials: TKlientiksCredentials,
      input: TKlientiksNewClient,
    ): Promise<TKlientiksClient> => {
      const form = withoutEmpty({
        first_name: input.firstName,
        phone: normalizeKlientiksPhone(input.phone),
        second_name: input.secondName,
        patron_name: input.patronName,
        email: input.email,
        lead_source: input.leadSource,
        client_groups: input.clientGroups,
      });
      const response = await send(credentials, { action: "add", path: [["m", "Clients"]], form });
      const object = parseWriteEnvelope(response);
      const client = object === null ? null : normalizer.toClient(object);
      if (client === null) {
        throw new KlientiksError({
          kind: "bad_response",
          message: `${response.context}: the answer has no client object`,
        });
      }
      return client;
    },

    /** `edit …/m/Appointments/` with `id` and `status` (§8 #17, §8.1 (17)); `status: true|false` answers (§4.4). */
    updateAppointmentStatus: async (
      credentials: TKlientiksCredentials,
      appointmentId: number,
      status: string,
    ): Promise<void> => {
      assertId(appointmentId, "appointmentId");
      const form = { id: String(appointmentId), status };
      parseWriteEnvelope(
        await send(credentials, { action: "edit", path: [["m", "Appointments"]], form }),
      );
    },
  };
};

export type TKlientiksApiClient = ReturnType<typeof createKlientiksClient>;
