import { getTranslations } from "next-intl/server";

import { Card } from "@/components/ui/card";

/** What an agent sees on a page only owners and admins may use. */
export async function AdminOnlyNotice({ text, testId }: { text: string; testId?: string }) {
  const t = await getTranslations("members");
  return (
    <Card className="max-w-xl" data-testid={testId}>
      <h1 className="text-xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{text}</p>
    </Card>
  );
}
