// `GET|POST /app/united/{slug}`: the emulated booking widget (klientiks-contract §17.3). The form posts
// back to the URL it was opened with, so `svyaz_sid` and `utm_*` survive into the booking (§13.6).

import type { IncomingMessage, ServerResponse } from "node:http";

import { addDays, formatLocalDateTime, normalizeNaiveDateTime } from "../datetime";
import type { Emulator } from "../emulator";
import { readBody, sendHtml } from "../http";
import { findAccountBySlug } from "../state";
import type { Account } from "../types";
import { createWidgetBooking, pickPageParams } from "../widget-booking";
import {
  renderBookingForm,
  renderConfirmation,
  renderUnknownWidget,
  type WidgetFormValues,
} from "../widget-page";

const WIDGET_PATH = /^\/app\/united\/([^/]+)\/?$/;

export const isWidgetPath = (pathname: string): boolean => WIDGET_PATH.test(pathname);

const defaultValues = (
  emulator: Emulator,
  account: Account,
  query: URLSearchParams,
): WidgetFormValues => {
  const today = formatLocalDateTime(emulator.clock.now(), account.settings.timezone).slice(0, 10);
  return {
    service_id: "",
    executor_id: "",
    start: `${addDays(today, 1)}T12:00`,
    name: "",
    phone: "",
    email: "",
    lead: query.get("lead") ?? "",
  };
};

const readValues = (form: URLSearchParams): WidgetFormValues => ({
  service_id: form.get("service_id") ?? "",
  executor_id: form.get("executor_id") ?? "",
  start: form.get("start") ?? "",
  name: form.get("name") ?? "",
  phone: form.get("phone") ?? "",
  email: form.get("email") ?? "",
  lead: form.get("lead") ?? "",
});

const submit = async (
  emulator: Emulator,
  account: Account,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => {
  const action = `${url.pathname}${url.search}`;
  const values = readValues(new URLSearchParams(await readBody(request)));
  const start = normalizeNaiveDateTime(values.start);
  if (start === null) {
    return sendHtml(
      response,
      400,
      renderBookingForm(account, { action, values, errors: ["Укажите дату и время."] }),
    );
  }
  const result = createWidgetBooking(emulator, account, {
    name: values.name,
    phone: values.phone,
    email: values.email,
    serviceId: Number(values.service_id),
    executorId: Number(values.executor_id),
    start,
    lead: values.lead,
    pageParams: pickPageParams(url.searchParams),
  });
  if (!result.ok) {
    const errors = Object.values(result.errors).flat();
    return sendHtml(response, 400, renderBookingForm(account, { action, values, errors }));
  }
  sendHtml(response, 200, renderConfirmation(account, result.appointment, result.client));
};

export const handleWidget = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const slug = decodeURIComponent(WIDGET_PATH.exec(url.pathname)?.[1] ?? "");
  const account = findAccountBySlug(emulator.state, slug);
  if (!account) return sendHtml(response, 404, renderUnknownWidget(slug));
  if (request.method === "POST") return submit(emulator, account, request, response, url);
  const values = defaultValues(emulator, account, url.searchParams);
  sendHtml(
    response,
    200,
    renderBookingForm(account, { action: `${url.pathname}${url.search}`, values, errors: [] }),
  );
};
