const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isCostMonth = (text: string): boolean => MONTH.test(text);

/** The first and the last day of a `YYYY-MM` month: the period of a cost entered by hand. */
export function monthPeriod(month: string): { periodStart: Date; periodEnd: Date } {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return {
    periodStart: new Date(Date.UTC(year, monthNumber - 1, 1)),
    periodEnd: new Date(Date.UTC(year, monthNumber, 0)),
  };
}

/** The `count` months ending with the one `day` (`YYYY-MM-DD`) is in, oldest first. */
export function monthsEndingWith(day: string, count: number): string[] {
  const [year, monthNumber] = day.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(year, monthNumber - count + index, 1)).toISOString().slice(0, 7),
  );
}
