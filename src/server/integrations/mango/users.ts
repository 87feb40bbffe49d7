import { isRecord, toText as text } from "./coerce";

/** One VPBX employee as `config/users/request` lists them (docs/telephony-mango.md §6). */
export type TMangoUser = { extension: string; name: string | null };

/**
 * The users of a `config/users/request` answer: `users[].telephony.extension` and
 * `users[].general.name`. Users without an extension cannot take calls and are left out. `null`
 * when the answer has no `users` array at all.
 */
export function parseMangoUsers(body: Record<string, unknown>): TMangoUser[] | null {
  if (!Array.isArray(body.users)) return null;
  const byExtension = new Map<string, TMangoUser>();
  for (const user of body.users) {
    if (!isRecord(user)) continue;
    const telephony = isRecord(user.telephony) ? user.telephony : {};
    const general = isRecord(user.general) ? user.general : {};
    const extension = text(telephony.extension);
    if (!/^\d{1,10}$/.test(extension) || byExtension.has(extension)) continue;
    const name = text(general.name);
    byExtension.set(extension, { extension, name: name === "" ? null : name });
  }
  return [...byExtension.values()].sort((a, b) => a.extension.localeCompare(b.extension));
}
