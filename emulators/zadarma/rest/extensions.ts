// `pbx/internal` and the per-extension `status` and `info` (README "REST").

import type { Account, Extension } from "../types";
import type { RestContext, RestHandler } from "./context";
import { RestError, success } from "./envelope";

export const listExtensions: RestHandler = ({ account }) =>
  success({ pbx_id: account.pbxId, numbers: Array.from(account.extensions.keys()) });

const requireExtension = (
  account: Account,
  { captures }: Pick<RestContext, "captures">,
): Extension => {
  const extension = account.extensions.get(captures[0] ?? "");
  if (!extension) throw new RestError(`extension ${captures[0]} not found`);
  return extension;
};

export const extensionStatus: RestHandler = (context) => {
  const extension = requireExtension(context.account, context);
  return success({
    pbx_id: context.account.pbxId,
    number: Number(extension.number),
    is_online: extension.online,
  });
};

export const extensionInfo: RestHandler = (context) => {
  const { account } = context;
  const extension = requireExtension(account, context);
  return success({
    pbx_id: account.pbxId,
    number: Number(extension.number),
    name: extension.name,
    caller_id: account.numbers[0] ?? "",
    caller_id_app_change: false,
    caller_id_by_direction: false,
    lines: 3,
  });
};
