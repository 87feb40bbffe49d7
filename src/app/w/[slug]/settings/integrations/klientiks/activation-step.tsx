"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/cn";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

const STATUS_STYLE = {
  active: "bg-green-100 text-green-800",
  inactive: "bg-slate-100 text-slate-700",
  needs_attention: "bg-amber-100 text-amber-900",
} as const;
const STATUS_LABEL = {
  active: "statusActive",
  inactive: "statusInactive",
  needs_attention: "statusNeedsAttention",
} as const;

export function ActivationStep({ status }: { status: keyof typeof STATUS_STYLE }) {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError } = useErrorText();
  const setActive = useMutation(
    trpc.klientiks.setActive.mutationOptions({ onSuccess: invalidate }),
  );
  const isActive = status !== "inactive";
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-64">
          <h2 className="text-lg font-semibold">{t("step2")}</h2>
          <p className="text-sm text-slate-600">{t("activationHint")}</p>
        </div>
        <span
          data-testid="connection-status"
          className={cn(
            "shrink-0 rounded-full px-3 py-1 text-xs font-medium",
            STATUS_STYLE[status],
          )}
        >
          {t(STATUS_LABEL[status])}
        </span>
      </div>
      <Button
        variant={isActive ? "secondary" : "primary"}
        disabled={setActive.isPending}
        onClick={() => setActive.mutate({ isActive: !isActive })}
      >
        {isActive ? t("deactivate") : t("activate")}
      </Button>
      <FormError message={formError(setActive.error)} />
    </Card>
  );
}
