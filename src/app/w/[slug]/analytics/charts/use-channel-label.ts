"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** A channel's name as Sites shows it; "" (no traffic data) is «Не определён». */
export function useChannelLabel() {
  const tChannels = useTranslations("sites.channels");
  const t = useTranslations("analyticsCharts");
  return useCallback(
    (channel: string) =>
      channel === ""
        ? t("channelUndefined")
        : tChannels.has(channel)
          ? tChannels(channel)
          : channel,
    [t, tChannels],
  );
}
