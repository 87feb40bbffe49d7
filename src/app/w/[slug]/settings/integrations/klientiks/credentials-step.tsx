"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateKlientiks } from "./use-invalidate-klientiks";

type TConnection = { name: string; accountId: string; tokenHint: string } | null;
type TCredentials = { name: string; accountId: string; userId: string; accessToken: string };

/** Observed lengths (klientiks-contract §1): a different length only warns, never blocks. */
const EXPECTED_LENGTHS = { accountId: 12, userId: 12, accessToken: 32 } as const;

export function CredentialsStep({ connection }: { connection: TConnection }) {
  const t = useTranslations("klientiks");
  const trpc = useTRPC();
  const invalidate = useInvalidateKlientiks();
  const { formError, fieldError } = useErrorText();
  const [values, setValues] = useState<TCredentials>({
    name: connection?.name ?? "",
    accountId: connection?.accountId ?? "",
    userId: "",
    accessToken: "",
  });
  const emulator = useQuery(trpc.klientiks.emulatorHelpers.queryOptions());
  const save = useMutation(
    trpc.klientiks.saveCredentials.mutationOptions({ onSuccess: invalidate }),
  );
  // The server creates and stores the demo account's credentials; only its id and token ending come back.
  const connectDemo = useMutation(
    trpc.klientiks.connectEmulatorDemoAccount.mutationOptions({
      onSuccess: (connected, { name }) => {
        setValues({ name, accountId: connected.accountId, userId: "", accessToken: "" });
        return invalidate();
      },
    }),
  );
  const set = (field: keyof TCredentials) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  const lengthWarning = (field: keyof typeof EXPECTED_LENGTHS) => {
    const actual = values[field].trim().length;
    return actual > 0 && actual !== EXPECTED_LENGTHS[field]
      ? t("lengthWarning", { field: t(field), expected: EXPECTED_LENGTHS[field], actual })
      : null;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(values);
  };
  const error = save.error ?? connectDemo.error;

  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t("step1")}</h2>
        <p className="text-sm text-slate-600">{t("step1Hint")}</p>
      </div>
      {emulator.data?.isAvailable ? (
        <div className="flex items-center justify-between rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">
          <span>{t("demoHint")}</span>
          <Button
            variant="secondary"
            size="sm"
            disabled={connectDemo.isPending}
            onClick={() => connectDemo.mutate({ name: t("demoConnectionName") })}
          >
            {t("useDemo")}
          </Button>
        </div>
      ) : null}
      <form method="post" onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate>
        <div className="md:col-span-2">
          <TextField
            label={t("name")}
            placeholder={t("namePlaceholder")}
            value={values.name}
            onChange={set("name")}
            error={fieldError(error, "name")}
          />
        </div>
        <TextField
          label={t("accountId")}
          value={values.accountId}
          onChange={set("accountId")}
          autoComplete="off"
          spellCheck={false}
          error={fieldError(error, "accountId")}
          hint={lengthWarning("accountId")}
        />
        <TextField
          label={t("userId")}
          value={values.userId}
          onChange={set("userId")}
          autoComplete="off"
          spellCheck={false}
          placeholder={connection ? "••••••••••••" : ""}
          error={fieldError(error, "userId")}
          hint={lengthWarning("userId")}
        />
        <div className="md:col-span-2">
          <TextField
            label={t("accessToken")}
            type="password"
            autoComplete="off"
            value={values.accessToken}
            onChange={set("accessToken")}
            placeholder={connection ? `•••• ${connection.tokenHint}` : ""}
            error={fieldError(error, "accessToken")}
            hint={
              lengthWarning("accessToken") ??
              (connection ? t("tokenStored", { hint: connection.tokenHint }) : null)
            }
          />
        </div>
        <div className="space-y-2 md:col-span-2">
          <FormError message={error && !error.data?.fieldErrors ? formError(error) : null} />
          {save.isSuccess || connectDemo.isSuccess ? (
            <p role="status" className="text-sm text-green-700">
              {t("saved")}
            </p>
          ) : null}
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("checking") : t("checkAndSave")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
