"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import { spanWords } from "@/lib/format-duration";

/** A span in seconds in words («12 мин», «3 ч 5 мин»). */
export function useSpanText() {
  const t = useTranslations("calls.duration");
  return useCallback(
    (seconds: number) => {
      const words = spanWords(seconds);
      return t(words.key, words.values);
    },
    [t],
  );
}
