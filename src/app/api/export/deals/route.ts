import { ZDealFiltersSchema, ZDealSortSchema } from "@/server/domain/deals/deal-filters";
import { exportDealsCsv } from "@/server/domain/deals/export-deals-csv";
import { csvExportResponse } from "@/server/http/csv-export-response";

/** CSV of the deals matching the table's filters (dates arrive as ISO strings), in its order, streamed. */
export const GET = (request: Request): Promise<Response> =>
  csvExportResponse(request, {
    table: "deals",
    filtersSchema: ZDealFiltersSchema,
    sortSchema: ZDealSortSchema,
    lines: exportDealsCsv,
  });
