"use client";

import { useTranslations } from "next-intl";

/** A Yandex Direct click: the visit then shows a source, the paid channel and an auto-created campaign. */
const AD_CLICK_PARAMS = "utm_source=yandex&utm_medium=cpc&utm_campaign=demo_autumn&yclid=123456";

/** The demo page's address, the widget pattern of the Klientiks emulator it books through, and the workspace's salon there. */
export type TDemoSite = { url: string; widgetPattern: string; salon: string | null };

/**
 * Development only (`npm run dev` runs the demo customer site): opens the site's snippet on a local
 * salon page as if a visitor came from an ad, so the leads path can be tried without a real website.
 */
export function DemoSiteLink({
  demoSite,
  site,
}: {
  demoSite: TDemoSite;
  site: { domain: string; publicKey: string; widgetUrlPatterns: string[] };
}) {
  const t = useTranslations("sites");
  const demoHost = new URL(demoSite.url).hostname;
  // The tracker refuses hits from pages outside the site's domain (site-domain.ts: any port, subdomains too).
  const isDemoOnSiteDomain = demoHost === site.domain || demoHost.endsWith(`.${site.domain}`);
  const recognisesDemoWidget = site.widgetUrlPatterns.includes(demoSite.widgetPattern);
  const salon = demoSite.salon ? `&salon=${encodeURIComponent(demoSite.salon)}` : "";
  const href = `${demoSite.url}/?site=${encodeURIComponent(site.publicKey)}${salon}&${AD_CLICK_PARAMS}`;
  return (
    <div
      className="space-y-1 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900"
      data-testid="demo-site"
    >
      <p>{t("demoSiteHint", { domain: demoHost })}</p>
      {isDemoOnSiteDomain ? null : (
        <p className="text-amber-800">{t("demoSiteDomainMismatch", { domain: demoHost })}</p>
      )}
      {recognisesDemoWidget ? null : (
        <p className="text-amber-800">
          {t("demoSiteWidgetPatternMissing", { pattern: demoSite.widgetPattern })}
        </p>
      )}
      {/* noreferrer: the visit should look like an ad click, not a referral from the cabinet. */}
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        className="inline-block font-medium text-brand-700 hover:underline"
      >
        {t("demoSiteLink")}
      </a>
    </div>
  );
}
