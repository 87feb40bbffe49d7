"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

export function AcceptInviteButton({ token }: { token: string }) {
  const t = useTranslations("invite");
  const router = useRouter();
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const accept = useMutation(
    trpc.invites.accept.mutationOptions({
      onSuccess: ({ slug }) => router.push(`/w/${slug}/deals`),
    }),
  );
  return (
    <div className="space-y-3">
      <Button
        onClick={() => accept.mutate({ token })}
        disabled={accept.isPending || accept.isSuccess}
      >
        {t("accept")}
      </Button>
      <FormError message={formError(accept.error)} />
    </div>
  );
}
