import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/page-header";

/** A settings section that explains what it will configure. */
export async function SettingsIntro({ titleKey, textKey }: { titleKey: string; textKey: string }) {
  const t = await getTranslations("placeholders");
  return (
    <>
      <PageHeader title={t(titleKey)} />
      <Card className="max-w-3xl"><p className="text-sm leading-6 text-slate-700">{t(textKey)}</p></Card>
    </>
  );
}
