"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

/** Development only: writes every webhook address we have (deals, widget) into the workspace's emulator account. */
export function RegisterInEmulatorButton() {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const emulator = useQuery(trpc.klientiks.emulatorHelpers.queryOptions());
  const register = useMutation(trpc.klientiks.registerEmulatorWebhooks.mutationOptions());
  if (!emulator.data?.isAvailable) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        size="sm"
        onClick={() => register.mutate()}
        disabled={register.isPending}
      >
        {t("registerInEmulator")}
      </Button>
      {register.data ? (
        <span role="status" className="text-sm text-green-700">
          {t("registeredInEmulator", { count: register.data.registered })}
        </span>
      ) : null}
      <FormError message={formError(register.error)} />
    </div>
  );
}
