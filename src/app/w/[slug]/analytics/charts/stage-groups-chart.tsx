"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { TStageGroup } from "../../deals/deal-types";
import type { TStageGroupCount } from "./funnel";

/** The stage groups' colours as the deal badges use them: in work blue, won green, lost red. */
const STAGE_GROUP_COLOURS: Record<TStageGroup, string> = {
  in_work: "#3b82f6", // blue-500
  won: "#10b981", // emerald-500
  lost: "#ef4444", // red-500
};

/** The period's deals as one bar split by stage group. */
export function StageGroupsChart({
  split,
  formatCount,
}: {
  split: TStageGroupCount[];
  formatCount: (count: number) => string;
}) {
  const tGroups = useTranslations("deals.groups");
  const row = Object.fromEntries(split.map(({ group, count }) => [group, count]));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={[row]} layout="vertical" margin={{ top: 0, right: 4, bottom: 0, left: 4 }}>
        <XAxis type="number" hide />
        <YAxis type="category" hide />
        <Tooltip
          formatter={(value) => formatCount(Number(value))}
          labelFormatter={() => ""}
          cursor={false}
        />
        {/* Unsorted: the groups keep their order in Deals. */}
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {split.map(({ group }) => (
          <Bar
            // Drawn at once: a dashboard refreshes every 30 s, and a replayed animation reads as a change.
            isAnimationActive={false}
            key={group}
            dataKey={group}
            name={tGroups(group)}
            stackId="deals"
            fill={STAGE_GROUP_COLOURS[group]}
            maxBarSize={24}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
