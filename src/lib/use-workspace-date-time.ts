"use client";

import { useFormatter } from "next-intl";
import { useCallback } from "react";

/** Dates of deals and leads are shown on the workspace clock, whatever the viewer's own time zone. */
export function useWorkspaceDateTime(timeZone: string) {
  const format = useFormatter();
  return useCallback(
    (value: Date | null) =>
      value ? format.dateTime(value, { dateStyle: "short", timeStyle: "short", timeZone }) : null,
    [format, timeZone],
  );
}
