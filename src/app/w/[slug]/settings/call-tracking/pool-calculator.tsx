"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { DEFAULT_PEAK_HOUR_SHARE, estimatePoolSize } from "@/server/domain/call-tracking/pool-size";

const toNumber = (text: string) => (text.trim() === "" ? 0 : Number(text.replace(",", ".")));

/** How many pool numbers a site needs (docs/call-tracking.md §2), computed as the inputs change. */
export function PoolCalculator() {
  const t = useTranslations("callTracking.calculator");
  const format = useFormatter();
  const [visitors, setVisitors] = useState("500");
  const [visitMinutes, setVisitMinutes] = useState("5");
  const [holdMinutes, setHoldMinutes] = useState("15");
  const [coverage, setCoverage] = useState("95");
  const [peakShare, setPeakShare] = useState(String(DEFAULT_PEAK_HOUR_SHARE * 100));
  const size = estimatePoolSize({
    visitorsPerDay: toNumber(visitors),
    visitMinutes: toNumber(visitMinutes),
    holdMinutes: toNumber(holdMinutes),
    coverage: toNumber(coverage) / 100,
    peakHourShare: toNumber(peakShare) / 100,
  });
  const fields = [
    { label: t("visitors"), value: visitors, set: setVisitors, testId: "ct-calc-visitors" },
    {
      label: t("visitMinutes"),
      value: visitMinutes,
      set: setVisitMinutes,
      testId: "ct-calc-visit",
    },
    { label: t("holdMinutes"), value: holdMinutes, set: setHoldMinutes, testId: "ct-calc-hold" },
    { label: t("coverage"), value: coverage, set: setCoverage, testId: "ct-calc-coverage" },
    { label: t("peakShare"), value: peakShare, set: setPeakShare, testId: "ct-calc-peak" },
  ];

  return (
    <Card className="space-y-4" data-testid="ct-calculator">
      <div>
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-slate-600">{t("hint")}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {fields.map((field) => (
          <TextField
            key={field.testId}
            label={field.label}
            type="number"
            min={0}
            inputMode="decimal"
            value={field.value}
            onChange={(event) => field.set(event.target.value)}
            data-testid={field.testId}
          />
        ))}
      </div>
      <p className="text-sm text-slate-800" role="status">
        {t("result")}{" "}
        <strong className="text-base" data-testid="ct-calc-result">
          {size.numbersNeeded}
        </strong>
        <span className="ml-3 text-slate-500">
          {t("concurrent", {
            concurrent: format.number(size.concurrentVisits, { maximumFractionDigits: 1 }),
          })}
        </span>
      </p>
      <p className="text-xs text-slate-500">{t("assumption")}</p>
    </Card>
  );
}
