"use client";

import { cn } from "@/lib/cn";

import type { TStageGroup } from "./deal-types";
import { useStageLabel } from "./use-stage-label";

export const STAGE_GROUP_CLASS: Record<TStageGroup, string> = {
  in_work: "bg-blue-50 text-blue-700 ring-blue-200",
  won: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  lost: "bg-red-50 text-red-700 ring-red-200",
};

/** The funnel stage, coloured by its group: in work blue, won green, lost red. */
export function DealStageBadge({ status, group }: { status: string; group: TStageGroup }) {
  const stageLabel = useStageLabel();
  return (
    <span
      data-stage-group={group}
      className={cn(
        "inline-block rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        STAGE_GROUP_CLASS[group],
      )}
    >
      {stageLabel(status)}
    </span>
  );
}
