/**
 * A list order on one column with the row id breaking ties, both in the same direction. `nulls`
 * names where a nullable column's missing values go; it must match the index the list reads.
 */
export type TKeysetOrder<TField extends string> = { field: TField; direction: "asc" | "desc"; nulls?: "first" | "last" };

/** The Prisma `orderBy` of an order. */
export function orderByOf<TField extends string>({ field, direction, nulls }: TKeysetOrder<TField>): Record<string, unknown>[] {
  return [{ [field]: nulls ? { sort: direction, nulls } : direction }, { id: direction }];
}

/**
 * The Prisma `where` of the rows that come strictly after `last` in the order: what a keyset page
 * after it holds. Offsets would re-read every earlier row on each page of a long export; a Prisma
 * `cursor` compares with NULL and drops the rows whose column is missing.
 */
function keysetAfter<TField extends string>({ field, direction, nulls }: TKeysetOrder<TField>, last: { id: string } & Record<TField, unknown>): Record<string, unknown> {
  const beyond = direction === "asc" ? "gt" : "lt";
  const value = last[field];
  if (value === null || value === undefined) {
    const laterNulls = { [field]: null, id: { [beyond]: last.id } };
    return { OR: nulls === "first" ? [laterNulls, { [field]: { not: null } }] : [laterNulls] };
  }
  const later = [{ [field]: { [beyond]: value } }, { [field]: value, id: { [beyond]: last.id } }];
  return { OR: nulls === "last" ? [...later, { [field]: null }] : later };
}

/**
 * The `where` and `orderBy` of one keyset page: the list's own filter narrowed to the rows after
 * `after` (all when undefined). The casts name the model's Prisma input types these objects are built for.
 */
export function keysetPage<TWhere, TOrderBy, TField extends string>(
  order: TKeysetOrder<TField>, where: TWhere, after: ({ id: string } & Record<TField, unknown>) | undefined,
): { where: TWhere; orderBy: TOrderBy[] } {
  return { where: (after ? { AND: [where, keysetAfter(order, after)] } : where) as TWhere, orderBy: orderByOf(order) as TOrderBy[] };
}
