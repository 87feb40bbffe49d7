"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { safeNextPath, signInWithPassword } from "@/lib/auth-client";

export function SignInForm() {
  const t = useTranslations("auth");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const result = await signInWithPassword(
      String(form.get("email")),
      String(form.get("password")),
    );
    setIsPending(false);
    if (result.ok) {
      router.push(safeNextPath(next));
      router.refresh();
      return;
    }
    if (result.reason === "rate_limited")
      setError(
        tErrors("SIGN_IN_RATE_LIMITED", { minutes: Math.ceil(result.retryAfterSeconds / 60) }),
      );
    else if (result.reason === "network") setError(tErrors("NETWORK"));
    else setError(t("wrongCredentials"));
  };

  return (
    <Card>
      <h1 className="mb-6 text-xl font-semibold">{t("signInTitle")}</h1>
      <form method="post" onSubmit={submit} className="space-y-4" noValidate>
        <TextField label={t("email")} name="email" type="email" autoComplete="email" required />
        <TextField
          label={t("password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <FormError message={error} />
        <Button type="submit" className="w-full" disabled={isPending}>
          {t("signInSubmit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("noAccount")}{" "}
        <Link
          className="text-brand-700 underline"
          href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}
        >
          {t("createAccount")}
        </Link>
      </p>
    </Card>
  );
}
