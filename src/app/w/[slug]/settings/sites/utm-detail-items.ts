import type { TDetailItem } from "@/components/data-table/detail-section";
import { UTM_PARAM } from "@/components/data-table/utm-url-params";
import { UTM_FIELDS, type TUtmField } from "@/server/domain/lists/traffic-filters";

/** A drawer's UTM rows, labelled with the tags' own names as the visitor's link spelled them. */
export const utmDetailItems = (row: Record<TUtmField, string | null>): TDetailItem[] =>
  UTM_FIELDS.map((field) => ({ label: UTM_PARAM[field], value: row[field] }));
