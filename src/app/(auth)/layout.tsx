import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { LocaleSwitcher } from "@/components/shell/locale-switcher";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 text-center">
        <p className="text-3xl font-bold text-brand-700">{t("appName")}</p>
        <p className="mt-1 text-sm text-slate-500">{t("tagline")}</p>
      </div>
      <div className="w-full max-w-sm">{children}</div>
      <div className="mt-8">
        <LocaleSwitcher />
      </div>
    </main>
  );
}
