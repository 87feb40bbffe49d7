// Digits-only phone numbers, as Zadarma writes them (no `+`).

import type { Random } from "./random";

/** A plausible Russian mobile: 79 followed by nine digits. */
export const randomRussianMobile = (random: Random): string =>
  `79${Array.from({ length: 9 }, () => Math.floor(random.next() * 10)).join("")}`;

/** Keeps the digits of a number typed by a person ("+7 (903) 123-45-67" → "79031234567"). */
export const digitsOnly = (value: string): string => value.replace(/\D/g, "");
