import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";

import { getSessionUser } from "@/server/auth/session";

import { CreateWorkspaceForm } from "./create-workspace-form";

export default async function OnboardingPage() {
  if (!(await getSessionUser())) redirect("/sign-in?next=/onboarding");
  const t = await getTranslations("onboarding");
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("subtitle")}</p>
      <div className="mt-8">
        <CreateWorkspaceForm />
      </div>
    </main>
  );
}
