"use client";

import { useTranslations } from "next-intl";

/** Presets show in the interface language; sources a workspace named itself keep their name. */
export function useSourceLabel() {
  const t = useTranslations("sites.presets");
  return (source: { name: string; presetKey: string | null }) => (source.presetKey && t.has(source.presetKey) ? t(source.presetKey) : source.name);
}
