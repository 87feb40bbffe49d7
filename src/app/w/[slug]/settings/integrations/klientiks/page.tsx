import { SettingsIntro } from "@/components/settings-intro";

export default function KlientiksSettingsPage() {
  return <SettingsIntro titleKey="klientiksTitle" textKey="klientiksText" />;
}
