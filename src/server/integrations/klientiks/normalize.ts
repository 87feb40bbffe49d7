import { isRecord, toId, toPrice, toText } from "./coerce";
import {
  extractKlientiksDynamicFields,
  parseKlientiksJsonData,
  STANDARD_APPOINTMENT_KEYS,
  STANDARD_CLIENT_KEYS,
} from "./dynamic-fields";
import { parseKlientiksDateTime } from "./local-time";
import { normalizeKlientiksPhone } from "./phone";
import {
  ZKlientiksRawAclRow,
  ZKlientiksRawAppointment,
  ZKlientiksRawClient,
  ZKlientiksRawService,
  ZKlientiksRawUser,
  type TKlientiksRawAppointedService,
} from "./schemas";
import type {
  TKlientiksAclRow,
  TKlientiksAppointedService,
  TKlientiksAppointment,
  TKlientiksClient,
  TKlientiksClientLink,
  TKlientiksService,
  TKlientiksUser,
  TKlientiksWarning,
} from "./types";

export type TKlientiksNormalizerOptions = {
  /** The account's IANA zone; every naive datetime is read in it (klientiks-contract §7). */
  timeZone: string;
  onWarning: (warning: TKlientiksWarning) => void;
};

type TModel = TKlientiksWarning["model"];

/** §11.3 tolerance: `abonement` / `service_pack` count when truthy (`true`, a non-zero id, an object). */
const isTruthyMarker = (value: unknown): boolean => {
  if (value === true || isRecord(value) || toId(value) !== null) return true;
  return typeof value === "string" && !["", "0", "false"].includes(value.trim());
};

/**
 * Maps raw Klientiks objects to the domain types of types.ts. Each `to*` returns `null` (after an
 * `invalid_item` warning) when the input is not an object with a valid `id`; every other oddity is
 * tolerated, and the ones the contract wants logged are reported through `onWarning`.
 */
export const createKlientiksNormalizer = ({ timeZone, onWarning }: TKlientiksNormalizerOptions) => {
  const warn = (
    code: TKlientiksWarning["code"],
    model: TModel,
    id: number | null,
    field?: string,
  ) => onWarning(field === undefined ? { code, model, id } : { code, model, id, field });

  const readDateTime = (value: unknown, model: TModel, id: number, field: string): Date | null => {
    if (value === undefined || value === null || value === "") return null;
    const date = typeof value === "string" ? parseKlientiksDateTime(value, timeZone) : null;
    if (date === null) warn("invalid_datetime", model, id, field);
    return date;
  };

  // §7: an unparseable price counts as 0 and is logged.
  const readPrice = (value: unknown, model: TModel, id: number | null): number => {
    const price = toPrice(value);
    if (price === null) warn("invalid_price", model, id, "price");
    return price ?? 0;
  };

  const readDynamicFields = (
    raw: Record<string, unknown>,
    standardKeys: ReadonlySet<string>,
    model: TModel,
    id: number,
  ) => {
    const jsonData = parseKlientiksJsonData(raw.json_data);
    if (jsonData.status === "invalid") warn("invalid_json_data", model, id, "json_data");
    return extractKlientiksDynamicFields(raw, jsonData, standardKeys);
  };

  const rejectItem = (input: unknown, model: TModel): null => {
    warn("invalid_item", model, isRecord(input) ? toId(input.id) : null);
    return null;
  };

  const toClient = (input: unknown): TKlientiksClient | null => {
    const parsed = ZKlientiksRawClient.safeParse(input);
    if (!parsed.success || !isRecord(input)) return rejectItem(input, "client");
    const client = parsed.data;
    const jsonData = parseKlientiksJsonData(client.json_data);
    const fromJson = (key: string) =>
      jsonData.status === "object" ? toText(jsonData.value[key]) : "";
    return {
      id: client.id,
      name: client.name,
      firstName: client.first_name,
      patronName: client.patron_name,
      secondName: client.second_name,
      phone: normalizeKlientiksPhone(client.phone),
      // §9.1: email and lead_source are flattened copies of json_data keys; read either.
      email: client.email || fromJson("email"),
      leadSource: client.lead_source || fromJson("lead_source"),
      clientGroups: client.client_groups,
      deleted: client.deleted,
      createdAt: readDateTime(client.created, "client", client.id, "created"),
      modifiedAt: readDateTime(client.modified, "client", client.id, "modified"),
      dynamicFields: readDynamicFields(input, STANDARD_CLIENT_KEYS, "client", client.id),
      raw: input,
    };
  };

  const toAppointedService = (line: TKlientiksRawAppointedService): TKlientiksAppointedService => {
    // §11.3: `service_pack_id` is the emulator's marker; the other keys are tolerated spellings.
    const servicePackId =
      line.service_pack_id ??
      line.abonement_id ??
      toId(isRecord(line.service_pack) ? line.service_pack.id : line.service_pack);
    return {
      id: line.id,
      serviceId: line.service_id,
      name: line.name,
      price: readPrice(line.price, "appointed_service", line.id),
      servicePackId,
      isPaidBySubscription:
        servicePackId !== null ||
        isTruthyMarker(line.abonement) ||
        isTruthyMarker(line.service_pack),
      executorIds: line.appointed_services_executions.flatMap((execution) =>
        execution.id === null ? [] : [execution.id],
      ),
    };
  };

  const toAppointment = (input: unknown): TKlientiksAppointment | null => {
    const parsed = ZKlientiksRawAppointment.safeParse(input);
    if (!parsed.success || !isRecord(input)) return rejectItem(input, "appointment");
    const appointment = parsed.data;
    const services = appointment.appointed_services.map(toAppointedService);
    const clientLinks = appointment.appointment_client_links.flatMap(
      (link): TKlientiksClientLink[] => {
        const client =
          link.client === undefined || link.client === null ? null : toClient(link.client);
        const clientId = link.client_id ?? client?.id ?? null;
        if (clientId === null) return [];
        return [client === null ? { clientId } : { clientId, client }];
      },
    );
    // §14: the executor may only be given per service line.
    const executorId =
      appointment.executor_id ?? services.flatMap((service) => service.executorIds)[0] ?? null;
    return {
      id: appointment.id,
      clientId: appointment.client_id ?? clientLinks[0]?.clientId ?? null,
      executorId,
      authorId: appointment.author_id ?? executorId,
      startAt: readDateTime(
        appointment.start_datetime,
        "appointment",
        appointment.id,
        "start_datetime",
      ),
      finishAt: readDateTime(
        appointment.finish_datetime,
        "appointment",
        appointment.id,
        "finish_datetime",
      ),
      status: appointment.status,
      createdAt: readDateTime(appointment.created, "appointment", appointment.id, "created"),
      modifiedAt: readDateTime(appointment.modified, "appointment", appointment.id, "modified"),
      isSale: appointment.is_sale,
      paid: appointment.paid,
      appointmentSource: appointment.appointment_source,
      services,
      clientLinks,
      dynamicFields: readDynamicFields(
        input,
        STANDARD_APPOINTMENT_KEYS,
        "appointment",
        appointment.id,
      ),
      raw: input,
    };
  };

  const toUser = (input: unknown): TKlientiksUser | null => {
    const parsed = ZKlientiksRawUser.safeParse(input);
    if (!parsed.success) return rejectItem(input, "user");
    return { id: parsed.data.id, name: parsed.data.name, archived: parsed.data.archived };
  };

  const toService = (input: unknown): TKlientiksService | null => {
    const parsed = ZKlientiksRawService.safeParse(input);
    if (!parsed.success) return rejectItem(input, "service");
    const service = parsed.data;
    return {
      id: service.id,
      name: service.name,
      price: readPrice(service.price, "service", service.id),
      type: service.type,
      archived: service.archived,
    };
  };

  const toAclRow = (input: unknown): TKlientiksAclRow | null => {
    const parsed = ZKlientiksRawAclRow.safeParse(input);
    if (!parsed.success) return rejectItem(input, "acl_row");
    const row = parsed.data;
    return {
      id: row.id,
      // §9.3: the appointment reference may only be present on the row's orders.
      appointmentId: row.appointment_id ?? row.orders[0]?.appointment_id ?? null,
      clientId: row.client_id,
      status: row.status,
      isSale: row.is_sale,
      modifiedAt: readDateTime(row.modified, "acl_row", row.id, "modified"),
    };
  };

  return { toClient, toAppointment, toUser, toService, toAclRow };
};
