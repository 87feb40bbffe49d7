"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardHeading } from "@/components/ui/card-heading";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/cn";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { useInvalidateTelephony } from "./use-invalidate-telephony";

/**
 * Who answers on which PBX extension: a call rung on an extension pops the card up for its member,
 * and click-to-call rings the member's extension first. Unmapped and offline extensions are flagged.
 */
export function ExtensionsCard() {
  const t = useTranslations("telephony.extensions");
  const trpc = useTRPC();
  const invalidate = useInvalidateTelephony();
  const { formError } = useErrorText();
  const extensions = useQuery({
    ...trpc.telephony.extensions.queryOptions(),
    refetchInterval: 30_000,
  });
  const members = useQuery(trpc.members.list.queryOptions());
  const refresh = useMutation(
    trpc.telephony.refreshExtensions.mutationOptions({ onSuccess: invalidate }),
  );
  const map = useMutation(trpc.telephony.mapExtension.mutationOptions({ onSuccess: invalidate }));
  const softphones =
    useQuery(trpc.telephony.emulatorHelpers.queryOptions()).data?.softphones ?? null;
  const rows = extensions.data ?? [];
  return (
    <Card className="space-y-4" data-testid="telephony-extensions">
      <CardHeading
        title={t("title")}
        hint={t("hint")}
        aside={
          <Button
            size="sm"
            variant="secondary"
            disabled={refresh.isPending}
            onClick={() => refresh.mutate()}
          >
            {t("refresh")}
          </Button>
        }
      />
      <FormError message={formError(refresh.error ?? map.error)} />
      {softphones ? (
        <p className="text-sm text-slate-600" data-testid="emulator-softphones">
          {t("emulatorHint")}{" "}
          <a
            className="text-brand-700 underline"
            href={softphones.callCompanyUrl}
            target="_blank"
            rel="noreferrer"
          >
            {t("callCompany")}
          </a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <div className="-mx-6 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pl-6 pr-3">{t("extension")}</th>
                <th className="px-3 py-2">{t("name")}</th>
                <th className="px-3 py-2">{t("state")}</th>
                <th className="py-2 pl-3 pr-6">{t("member")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.extension}
                  className="border-b border-slate-100 last:border-b-0"
                  data-testid="extension-row"
                  data-extension={row.extension}
                >
                  <td className="py-2 pl-6 pr-3 font-mono">
                    {row.extension}
                    {softphones?.extensionUrls[row.extension] ? (
                      <a
                        className="ml-2 font-sans text-xs text-brand-700 underline"
                        href={softphones.extensionUrls[row.extension]}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {t("softphone")}
                      </a>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{row.name ?? "—"}</td>
                  <td className="px-3 py-2">
                    <span
                      className={cn(
                        "inline-block rounded-md px-2 py-0.5 text-xs font-medium",
                        row.isOnline
                          ? "bg-green-100 text-green-800"
                          : "bg-slate-100 text-slate-600",
                      )}
                      data-testid="extension-online"
                    >
                      {row.isOnline === null
                        ? t("unknown")
                        : row.isOnline
                          ? t("online")
                          : t("offline")}
                    </span>
                    {row.member === null ? (
                      <span
                        className="ml-2 inline-block rounded-md bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
                        data-testid="extension-unmapped"
                      >
                        {t("unmapped")}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pl-3 pr-6">
                    <select
                      aria-label={t("memberOf", { extension: row.extension })}
                      value={row.member?.membershipId ?? ""}
                      disabled={map.isPending}
                      onChange={(event) =>
                        map.mutate({
                          extension: row.extension,
                          membershipId: event.target.value || null,
                        })
                      }
                      className="w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm"
                    >
                      <option value="">{t("nobody")}</option>
                      {(members.data ?? []).map((member) => (
                        <option key={member.id} value={member.id}>
                          {member.name} ({member.email})
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
