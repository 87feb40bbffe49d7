"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { SecretRotation } from "./secret-rotation";
import { useInvalidateTelephony } from "./use-invalidate-telephony";

type TProvider = "zadarma" | "mango";

type TConnection = {
  provider: TProvider;
  status: "inactive" | "active" | "needs_attention";
  account: string;
  credentialsHint: string;
  rotationOverlapUntil: Date | null;
} | null;

/**
 * The provider (Zadarma or Mango Office) and its keys: Zadarma's API key and secret from «Настройки →
 * Интеграции и API», or Mango's API key and signature key (salt, docs/telephony-mango.md §3),
 * checked live by a signed call before they are saved; afterwards the secret shows only by its
 * last four characters.
 */
export function ConnectCard({ connection }: { connection: TConnection }) {
  const t = useTranslations("telephony");
  const trpc = useTRPC();
  const invalidate = useInvalidateTelephony();
  const { formError, fieldError } = useErrorText();
  const [values, setValues] = useState({ key: connection?.account ?? "", secret: "" });
  const [provider, setProvider] = useState<TProvider>(connection?.provider ?? "zadarma");
  const emulator = useQuery(trpc.telephony.emulatorHelpers.queryOptions());
  const connect = useMutation(
    trpc.telephony.connect.mutationOptions({
      onSuccess: () => {
        setValues((previous) => ({ ...previous, secret: "" }));
        return invalidate();
      },
    }),
  );
  const connectMango = useMutation(
    trpc.telephony.connectMango.mutationOptions({
      onSuccess: () => {
        setValues((previous) => ({ ...previous, secret: "" }));
        return invalidate();
      },
    }),
  );
  const connectDemo = useMutation(
    trpc.telephony.connectEmulatorDemoAccount.mutationOptions({
      onSuccess: (connected) => {
        setValues({ key: connected.account, secret: "" });
        return invalidate();
      },
    }),
  );
  const disconnect = useMutation(
    trpc.telephony.disconnect.mutationOptions({ onSuccess: invalidate }),
  );
  const isOn = connection !== null && connection.status !== "inactive";
  const error = connect.error ?? connectMango.error ?? connectDemo.error ?? disconnect.error;
  const result = connect.data ?? connectMango.data ?? connectDemo.data;
  const isMango = provider === "mango";
  const isPending = connect.isPending || connectMango.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isMango) connectMango.mutate({ apiKey: values.key, salt: values.secret });
    else connect.mutate(values);
  };
  return (
    <Card className="space-y-4" data-testid="telephony-connect">
      <CardHeading
        title={t("connect.title")}
        hint={t("connect.hint")}
        aside={
          isOn ? (
            <span
              className="rounded-md bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800"
              data-testid="telephony-status"
            >
              {t("connect.connected")}
            </span>
          ) : null
        }
      />
      {emulator.data?.emulators[provider] && !isOn ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">
          <span>{t(isMango ? "connect.mangoDemoHint" : "connect.demoHint")}</span>
          <Button
            variant="secondary"
            size="sm"
            disabled={connectDemo.isPending}
            onClick={() => connectDemo.mutate({ provider })}
          >
            {t("connect.useDemo")}
          </Button>
        </div>
      ) : null}
      {isOn ? (
        <div className="space-y-3 text-sm">
          <dl className="grid gap-2 md:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("connect.provider")}</dt>
              <dd data-testid="telephony-provider">
                {t(
                  connection.provider === "mango"
                    ? "connect.providerMango"
                    : "connect.providerZadarma",
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">
                {t(connection.provider === "mango" ? "connect.mangoKey" : "connect.key")}
              </dt>
              <dd className="font-mono" data-testid="telephony-key">
                {connection.account}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">
                {t(connection.provider === "mango" ? "connect.mangoSalt" : "connect.secret")}
              </dt>
              <dd className="font-mono" data-testid="telephony-secret-hint">
                •••• {connection.credentialsHint}
              </dd>
            </div>
          </dl>
          {connection.provider === "zadarma" ? (
            <SecretRotation overlapUntil={connection.rotationOverlapUntil} />
          ) : null}
          <Button
            variant="danger"
            size="sm"
            disabled={disconnect.isPending}
            onClick={() =>
              window.confirm(
                t("connect.confirmDisconnect", {
                  provider: t(
                    connection.provider === "mango"
                      ? "connect.providerMango"
                      : "connect.providerZadarma",
                  ),
                }),
              ) && disconnect.mutate()
            }
          >
            {t("connect.disconnect")}
          </Button>
        </div>
      ) : (
        <form method="post" onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate>
          <fieldset className="space-y-1 md:col-span-2" data-testid="telephony-provider-choice">
            <legend className="text-sm font-medium text-slate-700">{t("connect.provider")}</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              {(["zadarma", "mango"] as const).map((option) => (
                <label key={option} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="provider"
                    value={option}
                    checked={provider === option}
                    onChange={() => setProvider(option)}
                  />
                  {t(option === "mango" ? "connect.providerMango" : "connect.providerZadarma")}
                </label>
              ))}
            </div>
            <p className="text-xs text-slate-500">
              {t(isMango ? "connect.mangoHint" : "connect.zadarmaHint")}
            </p>
          </fieldset>
          <TextField
            label={t(isMango ? "connect.mangoKey" : "connect.key")}
            value={values.key}
            onChange={(event) => setValues({ ...values, key: event.target.value })}
            autoComplete="off"
            spellCheck={false}
            error={fieldError(error, isMango ? "apiKey" : "key")}
          />
          <TextField
            label={t(isMango ? "connect.mangoSalt" : "connect.secret")}
            type="password"
            value={values.secret}
            onChange={(event) => setValues({ ...values, secret: event.target.value })}
            autoComplete="off"
            placeholder={connection ? `•••• ${connection.credentialsHint}` : ""}
            error={fieldError(error, isMango ? "salt" : "secret")}
          />
          <div className="space-y-2 md:col-span-2">
            <Button type="submit" disabled={isPending}>
              {isPending ? t("connect.checking") : t("connect.checkAndSave")}
            </Button>
          </div>
        </form>
      )}
      <FormError message={error && !error.data?.fieldErrors ? formError(error) : null} />
      {result ? (
        <p role="status" className="text-sm text-green-700" data-testid="telephony-check-result">
          {result.extensions === null
            ? t("connect.savedNoExtensions")
            : t("connect.saved", { count: result.extensions })}
        </p>
      ) : null}
    </Card>
  );
}
