import { SettingsIntro } from "@/components/settings-intro";

export default function TelephonySettingsPage() {
  return <SettingsIntro titleKey="telephonyTitle" textKey="telephonyText" />;
}
