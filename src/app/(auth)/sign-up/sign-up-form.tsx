"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { safeNextPath, signInWithPassword } from "@/lib/auth-client";
import { PASSWORD_MIN_LENGTH } from "@/lib/password-policy";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

export function SignUpForm() {
  const t = useTranslations("auth");
  const router = useRouter();
  const next = useSearchParams().get("next");
  const trpc = useTRPC();
  const { formError, fieldError } = useErrorText();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setSignInError(null);
    try {
      await signUp.mutateAsync({ name: String(form.get("name")), email, password });
    } catch {
      return; // shown from signUp.error
    }
    const result = await signInWithPassword(email, password);
    if (!result.ok) {
      setSignInError(t("wrongCredentials"));
      return;
    }
    router.push(safeNextPath(next, "/onboarding"));
    router.refresh();
  };

  const error = signUp.error;
  return (
    <Card>
      <h1 className="mb-6 text-xl font-semibold">{t("signUpTitle")}</h1>
      <form method="post" onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t("name")}
          name="name"
          autoComplete="name"
          required
          error={fieldError(error, "name")}
        />
        <TextField
          label={t("email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError(error, "email")}
        />
        <TextField
          label={t("password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
          error={fieldError(error, "password")}
        />
        <FormError
          message={signInError ?? (error && !error.data?.fieldErrors ? formError(error) : null)}
        />
        <Button type="submit" className="w-full" disabled={signUp.isPending}>
          {t("signUpSubmit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link
          className="text-brand-700 underline"
          href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}
        >
          {t("goSignIn")}
        </Link>
      </p>
    </Card>
  );
}
