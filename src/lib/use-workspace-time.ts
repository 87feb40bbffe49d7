"use client";

import { useFormatter } from "next-intl";
import { useCallback } from "react";

/** A moment to the second on the workspace clock (a call's events are seconds apart): «10:00:06». */
export function useWorkspaceTime(timeZone: string) {
  const format = useFormatter();
  return useCallback(
    (value: Date | null) =>
      value ? format.dateTime(value, { timeStyle: "medium", timeZone }) : null,
    [format, timeZone],
  );
}
