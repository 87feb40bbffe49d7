import { ZCallFiltersSchema, ZCallSortSchema } from "@/server/domain/calls/call-filters";
import { exportCallsCsv } from "@/server/domain/calls/export-calls-csv";
import { csvExportResponse } from "@/server/http/csv-export-response";

/** CSV of the calls matching the table's filters (dates arrive as ISO strings), in its order, streamed. */
export const GET = (request: Request): Promise<Response> =>
  csvExportResponse(request, {
    table: "calls",
    filtersSchema: ZCallFiltersSchema,
    sortSchema: ZCallSortSchema,
    lines: exportCallsCsv,
  });
