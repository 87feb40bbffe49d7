// Reading the parameters of the `json` field: required strings, digits, nested objects. A missing one
// is 3103, a wrong one 3104 (api/results.ts).

import { ApiError, RESULT } from "./results";

export const objectAt = (json: Record<string, unknown>, name: string): Record<string, unknown> => {
  const value = json[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new ApiError(RESULT.badFormat, `${name} must be an object`);
  return value as Record<string, unknown>;
};

/** A string parameter (numbers are accepted and written as digits). */
export const optionalString = (json: Record<string, unknown>, name: string): string | null => {
  const value = json[name];
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") throw new ApiError(RESULT.badFormat, `${name} must be a string`);
  return value;
};

export const requiredString = (json: Record<string, unknown>, name: string): string => {
  const value = optionalString(json, name);
  if (value === null) throw new ApiError(RESULT.missingParam, `${name} is required`);
  return value;
};

/** A phone number: digits, a leading + and separators are dropped. */
export const phoneNumber = (value: string, name: string): string => {
  const digits = value.replace(/[\s()+-]/g, "");
  if (!/^\d{3,15}$/.test(digits)) throw new ApiError(RESULT.badFormat, `${name} must be digits`);
  return digits;
};

/** Unix seconds (a number or a digit string). */
export const unixSecondsParam = (json: Record<string, unknown>, name: string): number => {
  const value = requiredString(json, name);
  if (!/^\d{1,11}$/.test(value))
    throw new ApiError(RESULT.badFormat, `${name} must be Unix seconds`);
  return Number(value);
};
