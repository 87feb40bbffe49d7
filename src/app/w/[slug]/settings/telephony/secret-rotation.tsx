"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateTelephony } from "./use-invalidate-telephony";

/**
 * A new secret generated in Zadarma, checked live; notifications signed with the old one are still
 * accepted for 72 h, so nothing is lost while Zadarma switches over, unless revoked at once (R3).
 */
/** `overlapUntil`: set only while the replaced secret still verifies. */
export function SecretRotation({ overlapUntil }: { overlapUntil: Date | null }) {
  const t = useTranslations("telephony.rotation");
  const format = useFormatter();
  const trpc = useTRPC();
  const invalidate = useInvalidateTelephony();
  const { formError, fieldError } = useErrorText();
  const [secret, setSecret] = useState("");
  const rotate = useMutation(
    trpc.telephony.rotateSecret.mutationOptions({
      onSuccess: () => {
        setSecret("");
        return invalidate();
      },
    }),
  );
  const revoke = useMutation(
    trpc.telephony.revokePreviousSecret.mutationOptions({ onSuccess: invalidate }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rotate.mutate({ secret });
  };
  return (
    <form
      method="post"
      onSubmit={submit}
      className="space-y-2"
      noValidate
      data-testid="secret-rotation"
    >
      <TextField
        label={t("newSecret")}
        type="password"
        autoComplete="off"
        value={secret}
        onChange={(event) => setSecret(event.target.value)}
        hint={t("hint")}
        error={fieldError(rotate.error, "secret")}
      />
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        disabled={rotate.isPending || secret.trim() === ""}
      >
        {t("rotate")}
      </Button>
      {overlapUntil ? (
        <p
          className="flex flex-wrap items-center gap-2 text-amber-800"
          data-testid="previous-secret-until"
        >
          {t("previousUntil", {
            until: format.dateTime(overlapUntil, { dateStyle: "medium", timeStyle: "short" }),
          })}
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate()}
          >
            {t("revokePrevious")}
          </Button>
        </p>
      ) : null}
      <FormError
        message={
          rotate.error && !rotate.error.data?.fieldErrors
            ? formError(rotate.error)
            : formError(revoke.error)
        }
      />
    </form>
  );
}
