"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";

/** A read-only value with a copy button (invite links, webhook addresses). */
export function CopyField({
  value,
  label,
  testId,
}: {
  value: string;
  label: string;
  testId?: string;
}) {
  const t = useTranslations("common");
  const [isCopied, setIsCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value).catch(() => undefined);
    setIsCopied(true);
    setTimeout(() => setIsCopied(false), 2000);
  };
  return (
    <div className="flex items-center gap-2">
      <input
        aria-label={label}
        readOnly
        value={value}
        data-testid={testId}
        className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button variant="secondary" size="sm" onClick={copy}>
        {isCopied ? t("copied") : t("copy")}
      </Button>
    </div>
  );
}
