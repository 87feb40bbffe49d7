// The eight appointment statuses two unrelated clients list (klientiks-contract §10), with the Russian
// names the app gives its stages and the label of the journal page's button that sets each one.
// Any other string is still storable (the control API, the `unknown_status` fault); the page shows it
// verbatim and offers no button for it.

export type AppointmentStatus = {
  code: string;
  /** What the status is called, as in the app's funnel «Клиентикс: визиты». */
  name: string;
  /** The journal page's button that sets it. */
  action: string;
};

export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  { code: "scheduled", name: "Записан", action: "Вернуть в «Записан»" },
  { code: "confirmed", name: "Подтверждён", action: "Подтвердить" },
  {
    code: "sms_confirmation_sent",
    name: "Отправлено SMS-подтверждение",
    action: "Отправить SMS-подтверждение",
  },
  { code: "in_progress", name: "Идёт визит", action: "Клиент пришёл" },
  { code: "finished", name: "Визит завершён", action: "Визит завершён" },
  { code: "missed", name: "Не пришёл", action: "Не пришёл" },
  { code: "cancelled", name: "Отменён", action: "Отменить" },
  { code: "cancelled_by_sms", name: "Отменён по SMS", action: "Отменён по SMS" },
];

export const findAppointmentStatus = (code: string): AppointmentStatus | undefined =>
  APPOINTMENT_STATUSES.find((status) => status.code === code);

/** The Russian name, or the stored string itself for a status outside the eight. */
export const appointmentStatusName = (code: string): string =>
  findAppointmentStatus(code)?.name ?? code;
