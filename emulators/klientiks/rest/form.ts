// Reading form-encoded write parameters the way public clients send them (klientiks-contract §3, §7).

import { parse, type ParsedQs } from "qs";

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

/** One value of a PHP-style parameter: a string, a list, or a map (`a[k]=`, `a[0][k]=`). */
type PhpValue = ParsedQs[string];

/** An id packed into one string, `"[1,2]"` or `"1,2"`, or each element of a list or map in turn. */
const idTexts = (value: PhpValue): string[] => {
  if (value === undefined) return [];
  if (typeof value === "string") return value.replace(/[[\]\s]/g, "").split(",");
  if (Array.isArray(value)) return value.flatMap(idTexts);
  // `a[0][service_id]=…`: a line given as an object names its id; a map without one is a list by key.
  const id = value.service_id ?? value.id;
  if (id === undefined) return Object.values(value).flatMap(idTexts);
  // A nested list or map where the id should be is no id: its JSON text fails the caller's check.
  return [typeof id === "string" ? id : JSON.stringify(id)];
};

/**
 * Ids in any encoding public clients use (klientiks-contract §3): repeated `name=…` (Go's
 * url.Values), one string `"[1,2]"` / `"1,2"`, and what PHP's http_build_query makes and a PHP
 * backend reads: `name[]=…`, `name[0]=…&name[1]=…`, and lines as `name[0][service_id]=…`. Anything
 * that is not a positive integer is returned as NaN for the caller to reject.
 */
export const formIdList = (form: URLSearchParams, name: string): number[] =>
  idTexts(parse(form.toString(), { duplicates: "combine" })[name])
    .filter((value) => value !== "")
    .map((value) => (/^\d+$/.test(value) ? Number(value) : Number.NaN));

/** `DD.MM.YYYY`, also accepting `YYYY-MM-DD`; null when neither. */
export const parseBirthDate = (value: string): string | null => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso && isValidDate(value)) return `${iso[3]}.${iso[2]}.${iso[1]}`;
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  return dotted && isValidDate(`${dotted[3]}-${dotted[2]}-${dotted[1]}`) ? value : null;
};
