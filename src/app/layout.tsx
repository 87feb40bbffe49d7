import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { TrpcReactProvider } from "@/trpc/react";

import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: t("appName"),
    description: t("tagline"),
    applicationName: t("appName"),
    // A private cabinet: search engines leave out every page, as public/robots.txt also asks.
    robots: { index: false, follow: false },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          <TrpcReactProvider>{children}</TrpcReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
