import { z } from "zod";

import { toId, toLooseBoolean, toRecords, toText } from "./coerce";

// Raw shapes of Klientiks entities, with provider field names. Every object is loose, so unknown
// keys pass through (klientiks-contract §16 item 11), and every field except the entity's own `id`
// is coerced rather than validated: a field of an unexpected type reads as empty instead of
// rejecting the entity. Conversions that need the account's time zone or must be reported as
// warnings (datetimes, prices, `json_data`) happen in normalize.ts, so here they stay unknown.

/** The entity's own id: a positive integer or digit string, else the entity is rejected. */
const requiredId = () => z.preprocess((value) => toId(value) ?? value, z.number().int().positive());
/** A reference to another entity; `null` when missing, `0` or malformed. */
const optionalId = () => z.preprocess(toId, z.number().nullable());
const text = () => z.preprocess(toText, z.string());
/** §7: booleans may arrive as 0/1 or "0"/"1". */
const flag = () => z.preprocess(toLooseBoolean, z.boolean());
const passthrough = () => z.unknown().optional();
const records = <TItem extends z.ZodType>(item: TItem) => z.preprocess(toRecords, z.array(item));

/** §9.1, with the fields the client reads. */
export const ZKlientiksRawClient = z.looseObject({
  id: requiredId(),
  name: text(),
  first_name: text(),
  patron_name: text(),
  second_name: text(),
  phone: text(),
  email: text(),
  lead_source: text(),
  client_groups: text(),
  deleted: flag(),
  created: passthrough(),
  modified: passthrough(),
  json_data: passthrough(),
});

const ZKlientiksRawExecution = z.looseObject({ id: optionalId() });

/** §9.2 `appointed_services[]`, plus the service-pack markers of §11.3. */
const ZKlientiksRawAppointedService = z.looseObject({
  id: optionalId(),
  service_id: optionalId(),
  name: text(),
  price: passthrough(),
  service_pack_id: optionalId(),
  // §11.3 tolerance: other spellings some integrations might use for the same marker.
  abonement: passthrough(),
  abonement_id: optionalId(),
  service_pack: passthrough(),
  appointed_services_executions: records(ZKlientiksRawExecution),
});

/** §9.2 `appointment_client_links[]`; `client` is parsed separately, as a client. */
const ZKlientiksRawClientLink = z.looseObject({
  client_id: optionalId(),
  client: passthrough(),
});

/** §9.2 plus the emulator's additions (`author_id`, `appointment_source`, `json_data`, links). */
export const ZKlientiksRawAppointment = z.looseObject({
  id: requiredId(),
  client_id: optionalId(),
  executor_id: optionalId(),
  author_id: optionalId(),
  start_datetime: passthrough(),
  finish_datetime: passthrough(),
  status: text(),
  created: passthrough(),
  modified: passthrough(),
  paid: flag(),
  is_sale: flag(),
  appointment_source: text(),
  json_data: passthrough(),
  appointed_services: records(ZKlientiksRawAppointedService),
  appointment_client_links: records(ZKlientiksRawClientLink),
});

/** §9.4 employee. */
export const ZKlientiksRawUser = z.looseObject({
  id: requiredId(),
  name: text(),
  archived: flag(),
});

/** §9.4 service or good; `price` is a string in this list (§7). */
export const ZKlientiksRawService = z.looseObject({
  id: requiredId(),
  name: text(),
  price: passthrough(),
  type: text(),
  archived: flag(),
});

/** §9.3 ACL row; only the fields the client reads are declared. */
export const ZKlientiksRawAclRow = z.looseObject({
  id: requiredId(),
  appointment_id: optionalId(),
  client_id: optionalId(),
  status: text(),
  is_sale: flag(),
  modified: passthrough(),
  orders: records(z.looseObject({ appointment_id: optionalId() })),
});

export type TKlientiksRawAppointedService = z.output<typeof ZKlientiksRawAppointedService>;
