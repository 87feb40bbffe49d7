import { parseKlientiksJsonData } from "./dynamic-fields";
import type { TKlientiksAppointment, TKlientiksClient } from "./types";

// klientiks-contract §13.3: the tenant names the ВОЗ source field `lead`. Where the real API puts
// it is unknown; the emulator stores it in the appointment's json_data, flattened as well.
const LEAD_FIELD = "lead";

const readLead = (raw: Record<string, unknown>): string | null => {
  const jsonData = parseKlientiksJsonData(raw.json_data);
  const candidates = [
    raw[LEAD_FIELD],
    jsonData.status === "object" ? jsonData.value[LEAD_FIELD] : undefined,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === "string" && candidate.trim() !== "") return candidate.trim();
  }
  return null;
};

/**
 * The lead tag of «Передавать тег по источнику ВОЗ» (klientiks-contract §13.3): the `lead` field of
 * the appointment (flattened first, then `json_data`), else of the visit's client. Only a non-empty
 * trimmed string counts. `client` is whichever client the caller resolved for the visit (from the
 * appointment's links or the local mirror), or `null`.
 */
export const findKlientiksLeadTag = (
  appointment: TKlientiksAppointment,
  client: TKlientiksClient | null,
): string | null => readLead(appointment.raw) ?? (client === null ? null : readLead(client.raw));
