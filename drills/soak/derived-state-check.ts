import { callSearchTextOf } from "@/server/domain/calls/call-search-text";

import type { TSql } from "../../bench/lib/database";
import { log } from "../../bench/lib/stats";

type TCallOfClient = {
  id: string;
  clientPhone: string | null;
  searchText: string;
  clientId: string | null;
  clientOfPhone: string | null;
  clientName: string | null;
};

/**
 * What a call or deal derives from other rows, checked against those rows once everything has
 * settled (docs/clients.md, docs/telephony-calls.md «Linking»): each call and deal points at the
 * client of its phone; a call's search text carries that client's current name; of a phone's calls
 * exactly the earliest is its first; a missed call is called back by the first later call of the
 * phone that connected within 7 days. Concurrent writers (deals and calls of one phone, processed
 * side by side) must leave the same state as one writer would. Returns the rows that differ.
 */
export async function checkDerivedState(sql: TSql, tenantIds: readonly string[]) {
  const { rows: calls } = await sql.query<TCallOfClient>(
    `SELECT c."id", c."clientPhone", c."searchText", c."clientId", cl."id" AS "clientOfPhone", cl."name" AS "clientName"
     FROM "Call" AS c LEFT JOIN "Client" AS cl ON cl."tenantId" = c."tenantId" AND cl."phone" = c."clientPhone"
     WHERE c."tenantId" = ANY($1::text[])`,
    [tenantIds],
  );
  const wrongClient = calls.filter((call) => call.clientId !== call.clientOfPhone);
  const staleSearch = calls.filter(
    (call) =>
      call.searchText !==
      callSearchTextOf({ clientName: call.clientName, clientPhone: call.clientPhone }),
  );
  const {
    rows: [deals],
  } = await sql.query<{ count: string }>(
    `SELECT count(*) FROM "Deal" AS d LEFT JOIN "Client" AS cl ON cl."tenantId" = d."tenantId" AND cl."phone" = d."contactPhone"
     WHERE d."tenantId" = ANY($1::text[]) AND d."clientId" IS DISTINCT FROM cl."id"`,
    [tenantIds],
  );
  const {
    rows: [history],
  } = await sql.query<{ firsts: string; callbacks: string }>(
    `WITH expected AS (
       SELECT c."id", c."isFirstCall", c."calledBackCallId",
         c."id" = first_value(c."id") OVER (PARTITION BY c."tenantId", c."clientPhone" ORDER BY c."startedAt", c."id") AS "shouldBeFirst",
         (SELECT later."id" FROM "Call" AS later
          WHERE later."tenantId" = c."tenantId" AND later."clientPhone" = c."clientPhone" AND (later."answeredAt" IS NOT NULL OR later."disposition" = 'answered')
            AND later."startedAt" > c."startedAt" AND later."startedAt" <= c."startedAt" + interval '7 days'
            AND c."direction" = 'incoming' AND c."state" = 'ended' AND c."answeredAt" IS NULL AND c."disposition" <> 'answered'
          ORDER BY later."startedAt", later."id" LIMIT 1) AS "shouldBeCalledBackBy"
       FROM "Call" AS c WHERE c."tenantId" = ANY($1::text[]) AND c."clientPhone" IS NOT NULL)
     SELECT count(*) FILTER (WHERE "isFirstCall" <> "shouldBeFirst") AS "firsts",
       count(*) FILTER (WHERE "calledBackCallId" IS DISTINCT FROM "shouldBeCalledBackBy") AS "callbacks"
     FROM expected`,
    [tenantIds],
  );
  const result = {
    wrongClient: wrongClient.length + Number(deals?.count ?? 0),
    staleSearch: staleSearch.length,
    wrongFirstCall: Number(history?.firsts ?? 0),
    wrongCallback: Number(history?.callbacks ?? 0),
  };
  log(
    `derived state: ${calls.length} calls; ${wrongClient.length} calls and ${deals?.count ?? 0} deals not linked to the client of their phone, ` +
      `${staleSearch.length} calls whose search text lacks their client's name${staleSearch.length > 0 ? ` (e.g. ${staleSearch[0]!.id}: «${staleSearch[0]!.searchText}», client «${staleSearch[0]!.clientName}»)` : ""}, ` +
      `${result.wrongFirstCall} with a wrong first-call flag, ${result.wrongCallback} with a wrong callback`,
  );
  return result;
}
