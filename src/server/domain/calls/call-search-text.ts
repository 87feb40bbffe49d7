import { searchTextOf } from "@/server/domain/lists/table-search";

/**
 * The `searchText` of a call (docs/table-search.md): its client's name and the outside party's
 * phone. Calls of one client share it, so a change of the client's name rewrites all of them.
 */
export const callSearchTextOf = ({
  clientName,
  clientPhone,
}: {
  clientName: string | null;
  clientPhone: string | null;
}): string => searchTextOf([clientName], [clientPhone]);
