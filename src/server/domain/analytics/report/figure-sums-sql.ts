import { Prisma } from "@generated/prisma/client";

import { FIGURE_KEYS } from "./report-figures";
import type { TReportPeriod } from "./report-period";

/**
 * `sum(<figure>)` over the rows of the period and, as `p_<figure>`, of the comparison period, from
 * one scan of both. Counts are cast to int, kopecks to float8 (exact below 2^53), so the driver
 * returns numbers rather than BigInt.
 */
export function figureSumsSql(
  period: TReportPeriod,
  previous: TReportPeriod,
  { column = (key: string) => Prisma.raw(`"${key}"`) } = {},
): Prisma.Sql {
  const sums = FIGURE_KEYS.flatMap((key) => {
    const type = Prisma.raw(key === "revenueMinor" ? "float8" : "int");
    return [
      Prisma.sql`coalesce(sum(${column(key)}) FILTER (WHERE "day" >= ${period.from}::date), 0)::${type} AS ${Prisma.raw(`"${key}"`)}`,
      Prisma.sql`coalesce(sum(${column(key)}) FILTER (WHERE "day" <= ${previous.to}::date), 0)::${type} AS ${Prisma.raw(`"p_${key}"`)}`,
    ];
  });
  return Prisma.join(sums, ", ");
}
