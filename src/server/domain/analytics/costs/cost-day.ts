import { parseDay } from "@/lib/zoned-day";

const DOTTED_DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/**
 * A CSV date as `YYYY-MM-DD`: ISO as written, or `DD.MM.YYYY` as Excel in Russia shows it; null
 * for anything else, including days that do not exist (31.02.2026).
 */
export function parseCostDay(text: string): string | null {
  const trimmed = text.trim();
  const dotted = DOTTED_DAY.exec(trimmed);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : trimmed;
  return parseDay(iso) ? iso : null;
}

/** A `YYYY-MM-DD` day as the UTC midnight Prisma writes to a DATE column unchanged. */
export const dayToDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** A DATE column's value back as `YYYY-MM-DD`. */
export const dateToDay = (date: Date): string => date.toISOString().slice(0, 10);
