import { exportLeadsCsv } from "@/server/domain/leads/export-leads-csv";
import { ZLeadFiltersSchema } from "@/server/domain/leads/lead-filters";
import { csvExportResponse } from "@/server/http/csv-export-response";

/** CSV of the leads matching the table's filters (dates arrive as ISO strings), streamed. */
export const GET = (request: Request): Promise<Response> => csvExportResponse(request, { table: "leads", filtersSchema: ZLeadFiltersSchema, lines: exportLeadsCsv });
