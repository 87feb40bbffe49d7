import { SettingsIntro } from "@/components/settings-intro";

export default function SitesSettingsPage() {
  return <SettingsIntro titleKey="sitesTitle" textKey="sitesText" />;
}
