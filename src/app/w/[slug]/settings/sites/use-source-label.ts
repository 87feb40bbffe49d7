"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** Presets show in the interface language; sources a workspace named itself keep their name. Stable per language (tables memoize on it). */
export function useSourceLabel() {
  const t = useTranslations("sites.presets");
  return useCallback(
    (source: { name: string; presetKey: string | null }) =>
      source.presetKey && t.has(source.presetKey) ? t(source.presetKey) : source.name,
    [t],
  );
}
