// `pbx/callinfo` (read), `pbx/callinfo/url` (save with the zd_echo check, or delete) and
// `pbx/callinfo/notifications` (which NOTIFY_* are sent; `notify_start=true|false` …). README "Notifications".

import { NOTIFY_EVENTS, type Account } from "../types";
import { checkZdEcho } from "../zd-echo";
import type { RestHandler } from "./context";
import { RestError, success } from "./envelope";

const flagName = (event: string): string => event.toLowerCase();

const notificationFlags = (account: Account): Record<string, boolean> =>
  Object.fromEntries(
    NOTIFY_EVENTS.map((event) => [flagName(event), account.enabledEvents.has(event)]),
  );

export const getCallInfo: RestHandler = ({ account }) =>
  success({ url: account.notificationUrl ?? "", notifications: notificationFlags(account) });

export const setCallInfoUrl: RestHandler = async ({ account, params }) => {
  const url = params.get("url")?.trim() ?? "";
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url))
    throw new RestError("wrong parameter 'url'");
  const check = await checkZdEcho(url);
  if (!check.confirmed) throw new RestError("url not confirmed");
  account.notificationUrl = url;
  return success({ url });
};

export const deleteCallInfoUrl: RestHandler = ({ account }) => {
  const url = account.notificationUrl ?? "";
  account.notificationUrl = null;
  return success({ url });
};

export const setNotifications: RestHandler = ({ account, params }) => {
  for (const event of NOTIFY_EVENTS) {
    const value = params.get(flagName(event));
    if (value === null) continue;
    if (value !== "true" && value !== "false")
      throw new RestError(`wrong parameter '${flagName(event)}': expected true or false`);
    if (value === "true") account.enabledEvents.add(event);
    else account.enabledEvents.delete(event);
  }
  return success({ notifications: notificationFlags(account) });
};
