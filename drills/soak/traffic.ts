import { shuffleWithDuplicates } from "../../bench/lib/calls-storm";
import type { TCapturedNotification } from "../../bench/lib/notification-capture";
import { notificationHeaders } from "../../bench/lib/zadarma-forms";
import type { TDrillRequest } from "../lib/at-least-once-sender";
import type { TSalon, TSalonTraffic } from "./salons";

/** One event a provider tells us about: a Klientiks status change, or a PBX notification. */
export type TSoakEvent = { salon: number; request: TDrillRequest } & (
  | { provider: "klientiks"; appointmentId: number; status: string }
  | { provider: "zadarma"; notification: TCapturedNotification }
);

/**
 * Every salon's events as its providers send them: a Klientiks webhook per status an appointment
 * went through (GET with `appointment_id` and `status`, as the templates of Settings → Klientiks
 * ask), every PBX notification as the PBX posted it (form and `Signature`). Then a
 * `duplicateShare` of them again, and the whole in one shuffled order.
 */
export function mixTraffic(
  appUrl: string,
  salons: readonly TSalon[],
  traffic: readonly TSalonTraffic[],
  options: { duplicateShare: number; seed: number },
): { distinct: TSoakEvent[]; sends: TSoakEvent[] } {
  const distinct = salons.flatMap((salon, index): TSoakEvent[] => {
    const { appointments, notifications } = traffic[index]!;
    return [
      ...appointments.flatMap(({ appointmentId, statuses }) =>
        statuses.map((status) => ({
          salon: index,
          provider: "klientiks" as const,
          appointmentId,
          status,
          request: {
            url: `${appUrl}${salon.klientiks.webhookPath}?${new URLSearchParams({ appointment_id: String(appointmentId), status })}`,
            method: "GET" as const,
          },
        })),
      ),
      ...notifications.map((notification) => ({
        salon: index,
        provider: "zadarma" as const,
        notification,
        request: {
          url: salon.telephony.webhookUrl,
          method: "POST" as const,
          headers: notificationHeaders(notification),
          body: notification.body,
        },
      })),
    ];
  });
  return { distinct, sends: shuffleWithDuplicates(distinct, options) };
}
