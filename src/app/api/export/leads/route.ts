import { exportLeadsCsv } from "@/server/domain/leads/export-leads-csv";
import { ZLeadFiltersSchema, ZLeadSortSchema } from "@/server/domain/leads/lead-filters";
import { csvExportResponse } from "@/server/http/csv-export-response";

/** CSV of the leads matching the table's filters (dates arrive as ISO strings), in its order, streamed. */
export const GET = (request: Request): Promise<Response> =>
  csvExportResponse(request, {
    table: "leads",
    filtersSchema: ZLeadFiltersSchema,
    sortSchema: ZLeadSortSchema,
    lines: exportLeadsCsv,
  });
