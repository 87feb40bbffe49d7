// Reading form-encoded write parameters the way public clients send them (klientiks-contract §3, §7).

import { isValidDate } from "../datetime";

export const requiredMessage = (label: string): string => `Необходимо заполнить «${label}».`;

export const formText = (form: URLSearchParams, name: string): string | undefined => {
  const value = form.get(name)?.trim();
  return value === undefined || value === "" ? undefined : value;
};

export const formInteger = (form: URLSearchParams, name: string): number | undefined => {
  const value = formText(form, name);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
};

/** `1`/`0`/`true`/`false` (klientiks-contract §7). */
export const formBoolean = (form: URLSearchParams, name: string): boolean | undefined => {
  const value = formText(form, name)?.toLowerCase();
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  return undefined;
};

/**
 * Ids sent as repeated `name[]=…`, as `name=…`, or packed into one string `"[1,2]"` / `"1,2"`
 * (klientiks-contract §3). Anything that is not a positive integer is returned as NaN for the caller to reject.
 */
export const formIdList = (form: URLSearchParams, name: string): number[] =>
  [...form.getAll(name), ...form.getAll(`${name}[]`)]
    .flatMap((value) => value.replace(/[[\]\s]/g, "").split(","))
    .filter((value) => value !== "")
    .map((value) => (/^\d+$/.test(value) ? Number(value) : Number.NaN));

/** `DD.MM.YYYY`, also accepting `YYYY-MM-DD`; null when neither. */
export const parseBirthDate = (value: string): string | null => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso && isValidDate(value)) return `${iso[3]}.${iso[2]}.${iso[1]}`;
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  return dotted && isValidDate(`${dotted[3]}-${dotted[2]}-${dotted[1]}`) ? value : null;
};
