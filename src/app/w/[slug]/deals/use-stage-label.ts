"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** The name of a Klientiks status; one we have no name for yet reads «Неизвестный статус (arrived)». */
export function useStageLabel() {
  const t = useTranslations("deals");
  return useCallback(
    (status: string) =>
      t.has(`stages.${status}`) ? t(`stages.${status}`) : t("unknownStage", { status }),
    [t],
  );
}
