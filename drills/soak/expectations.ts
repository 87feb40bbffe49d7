import type { TCapturedNotification } from "../../bench/lib/notification-capture";
import type { CallView } from "../../emulators/zadarma/call-view";
import type { TRequestOutcome } from "../lib/at-least-once-sender";
import type { TSalon, TSalonTraffic } from "./salons";
import type { TSoakEvent } from "./traffic";

/** What one salon's acknowledged events must have left in the database. */
export type TSalonExpectation = {
  tenantId: string;
  /** Its PBX account in the Zadarma emulator. */
  pbxAccountId: string;
  /** Appointments with at least one acknowledged webhook, and the status they have now. */
  appointments: { appointmentId: number; status: string }[];
  /** Calls with at least one acknowledged notification, as the PBX ended them. */
  calls: CallView[];
  /** The distinct notifications acknowledged. */
  notifications: TCapturedNotification[];
  /** Every call the PBX played for the drill, acknowledged or not. */
  playedCalls: readonly CallView[];
};

/** Per salon, what the events acknowledged at least once (`outcomes[i]` is `sends[i]`'s) promise. */
export function expectationsOf(
  salons: readonly TSalon[],
  traffic: readonly TSalonTraffic[],
  { sends, outcomes }: { sends: readonly TSoakEvent[]; outcomes: readonly TRequestOutcome[] },
): TSalonExpectation[] {
  const acknowledged = new Set(sends.filter((_, index) => outcomes[index]!.isAcknowledged));
  return salons.map((salon, index) => {
    const { appointments, calls } = traffic[index]!;
    const events = [...acknowledged].filter((event) => event.salon === index);
    const notifications = events.flatMap((event) =>
      event.provider === "zadarma" ? [event.notification] : [],
    );
    const calledIds = new Set(notifications.map((notification) => notification.pbxCallId));
    const statusNow = new Map(
      appointments.map((plan) => [plan.appointmentId, plan.statuses.at(-1)!]),
    );
    const appointmentIds = new Set(
      events.flatMap((event) => (event.provider === "klientiks" ? [event.appointmentId] : [])),
    );
    return {
      tenantId: salon.tenantId,
      pbxAccountId: salon.telephony.account.id,
      appointments: [...appointmentIds].map((appointmentId) => ({
        appointmentId,
        status: statusNow.get(appointmentId)!,
      })),
      calls: calls.filter((call) => calledIds.has(call.pbx_call_id)),
      notifications,
      playedCalls: calls,
    };
  });
}
