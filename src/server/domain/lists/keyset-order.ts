/**
 * A list order on one column with the row id breaking ties, both in the same direction. `nulls`
 * names where a nullable column's missing values go; it must match the index the list reads.
 */
export type TKeysetOrder<TField extends string> = {
  field: TField;
  direction: "asc" | "desc";
  nulls?: "first" | "last";
};

type TKeysetRow<TField extends string> = { id: string } & Record<TField, unknown>;

/** The Prisma `orderBy` of an order. */
export function orderByOf<TField extends string>({
  field,
  direction,
  nulls,
}: TKeysetOrder<TField>): Record<string, unknown>[] {
  return [{ [field]: nulls ? { sort: direction, nulls } : direction }, { id: direction }];
}

/** A stretch of an order that one index range holds: the rows with a value, or the rows without one. */
type TSegment<TField extends string> = {
  where: Record<string, unknown>;
  after: (last: TKeysetRow<TField>) => Record<string, unknown>;
};

/**
 * The segments of an order, in order. Within the valued one, "after (v, id)" is written as
 * `field ≤ v AND (field < v OR id < …)` (for a descending order): its first half is a range of the
 * (tenantId, field, id) index, so each page starts where the last one stopped. The textbook
 * `field < v OR (field = v AND …) OR field IS NULL` makes PostgreSQL walk the index from the start
 * and filter, every page (0.4 s a page at 300 000 deals against 0.5 ms).
 */
function segmentsOf<TField extends string>({
  field,
  direction,
  nulls,
}: TKeysetOrder<TField>): TSegment<TField>[] {
  const beyond = direction === "asc" ? "gt" : "lt";
  const upTo = direction === "asc" ? "gte" : "lte";
  const valued: TSegment<TField> = {
    where: nulls ? { [field]: { not: null } } : {},
    after: (last) => ({
      [field]: { [upTo]: last[field] },
      OR: [{ [field]: { [beyond]: last[field] } }, { id: { [beyond]: last.id } }],
    }),
  };
  if (!nulls) return [valued];
  const missing: TSegment<TField> = {
    where: { [field]: null },
    after: (last) => ({ id: { [beyond]: last.id } }),
  };
  return nulls === "first" ? [missing, valued] : [valued, missing];
}

type TKeysetFetch<TRow, TWhere, TOrderBy> = (page: {
  where: TWhere;
  orderBy: TOrderBy[];
  take: number;
}) => Promise<TRow[]>;

/**
 * Every row matching `where`, in `order`, in batches of `take`: each batch continues after the last
 * row of the one before (keyset pagination), so memory stays flat and no batch re-reads earlier rows
 * as an offset would. Rows whose column is empty are kept where the order puts them (a Prisma
 * `cursor` compares with NULL and drops them). `TWhere`/`TOrderBy` are the model's Prisma input types.
 */
export async function* keysetBatches<
  TField extends string,
  TRow extends TKeysetRow<TField>,
  TWhere,
  TOrderBy,
>(
  order: TKeysetOrder<TField>,
  where: TWhere,
  fetch: TKeysetFetch<TRow, TWhere, TOrderBy>,
  take = 1000,
): AsyncGenerator<TRow[]> {
  const orderBy = orderByOf(order) as TOrderBy[];
  for (const segment of segmentsOf(order)) {
    let last: TRow | undefined;
    for (;;) {
      const batch = await fetch({
        where: { AND: [where, segment.where, ...(last ? [segment.after(last)] : [])] } as TWhere,
        orderBy,
        take,
      });
      if (batch.length > 0) yield batch;
      last = batch.at(-1);
      if (batch.length < take) break;
    }
  }
}
