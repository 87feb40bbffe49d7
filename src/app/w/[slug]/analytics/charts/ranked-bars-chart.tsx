"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { shortenLabel } from "./chart-formats";
import { valueAxisDomain } from "./value-axis-domain";

/** One bar: what it is called, its value, that value in words, and its colour. */
export type TRankedBar = { name: string; value: number; valueText: string; fill: string };

/**
 * Horizontal bars, the first on top, each labelled with its value: the funnel's steps, the top
 * campaigns. Values below zero (a ROMI of a campaign that lost money) grow left of a zero line.
 */
export function RankedBarsChart({ bars, valueName }: { bars: TRankedBar[]; valueName: string }) {
  // recharts spreads each entry's `fill` onto its bar, which colours a bar by its own sign.
  const data = bars.map((bar) => ({ ...bar, shortName: shortenLabel(bar.name) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 88, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" hide domain={valueAxisDomain(bars.map(({ value }) => value))} />
        <YAxis
          type="category"
          dataKey="shortName"
          width={150}
          tick={{ fontSize: 12 }}
          interval={0}
        />
        <ReferenceLine x={0} stroke="#94a3b8" />
        <Tooltip
          // The axis shows a shortened name; the tooltip names the bar in full.
          labelFormatter={(_label, payload) => String(payload[0]?.payload?.name ?? "")}
          formatter={(_value, _name, item) => [String(item.payload?.valueText ?? ""), valueName]}
          cursor={{ fill: "#f1f5f9" }}
        />
        <Bar dataKey="value" maxBarSize={24} isAnimationActive={false}>
          <LabelList dataKey="valueText" position="right" fontSize={12} fill="#334155" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
