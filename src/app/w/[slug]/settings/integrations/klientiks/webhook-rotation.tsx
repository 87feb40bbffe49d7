"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { usePastRelativeTime } from "@/lib/use-past-relative-time";
import { useTRPC } from "@/trpc/react";

export type TReplacedWebhook = {
  endpointId: string;
  tokenEnding: string;
  retiresAt: Date;
  lastReceivedAt: Date | null;
};

type TWebhookRotationProps = {
  purpose: "deals" | "widget";
  lastReceivedAt: Date | null;
  replaced: TReplacedWebhook[];
};

/**
 * Replacing a leaked address (reliability R4): the old one keeps working for 72 h while the owner
 * re-pastes the new one in Klientiks; which address last received a webhook shows when the switch
 * is done, and the old one can then be stopped at once.
 */
export function WebhookRotation({ purpose, lastReceivedAt, replaced }: TWebhookRotationProps) {
  const t = useTranslations("klientiks.rotation");
  const format = useFormatter();
  const ago = usePastRelativeTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formError } = useErrorText();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.klientiks.webhookSetup.queryKey() });
  const rotate = useMutation(
    trpc.klientiks.rotateWebhookUrl.mutationOptions({ onSuccess: refresh }),
  );
  const revoke = useMutation(
    trpc.klientiks.revokeReplacedWebhookUrls.mutationOptions({ onSuccess: refresh }),
  );
  const lastReceived = (at: Date | null) =>
    at ? t("lastReceived", { time: ago(at) }) : t("nothingReceived");

  return (
    <div className="space-y-2 text-sm" data-testid={`webhook-rotation-${purpose}`}>
      <p className="text-slate-600" data-testid="current-webhook-traffic">
        {lastReceived(lastReceivedAt)}
      </p>
      {replaced.map((old) => (
        <p key={old.endpointId} className="text-amber-800" data-testid="replaced-webhook">
          {t("replaced", {
            ending: old.tokenEnding,
            until: format.dateTime(old.retiresAt, { dateStyle: "medium", timeStyle: "short" }),
          })}{" "}
          {lastReceived(old.lastReceivedAt)}
        </p>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={rotate.isPending}
          onClick={() => window.confirm(t("confirmRotate")) && rotate.mutate({ purpose })}
        >
          {t("rotate")}
        </Button>
        {replaced.length > 0 ? (
          <Button
            variant="danger"
            size="sm"
            disabled={revoke.isPending}
            onClick={() => window.confirm(t("confirmRevoke")) && revoke.mutate({ purpose })}
          >
            {t("revokeReplaced")}
          </Button>
        ) : null}
      </div>
      <FormError message={formError(rotate.error ?? revoke.error)} />
    </div>
  );
}
