import trackerCore from "@/tracker/tracker-core.js?raw";

type TCampaign = { utm: Record<string, string>; clickIds: Record<string, string> };
type TSession = { id: string; key: string; lastSeen: number; isNew?: boolean };

export type TTrackerCore = {
  clipText(value: string, maxLength: number): string;
  readCampaign(search: string): TCampaign;
  campaignKey(campaign: TCampaign): string;
  nextSession(
    cached: TSession | null,
    pageKey: string,
    now: number,
    createId: () => string,
  ): Required<TSession>;
  encodeSession(session: TSession): string;
  decodeSession(value: string): TSession | null;
  readCookie(cookies: string, name: string): string;
  matchesWidget(url: string, patterns: string[]): boolean;
  decorateUrl(url: string, sessionId: string): string;
  contactKind(field: {
    type?: string;
    name?: string;
    id?: string;
    autocomplete?: string;
    placeholder?: string;
  }): string;
  normalizePhone(value: string): string;
  normalizeEmail(value: string): string;
  randomId(cryptoApi: Crypto | undefined): string;
  targetsRegExp(numbers: string[]): RegExp;
  swapPhones(text: string, number: string, targets: RegExp, isAny: boolean): string;
};

/** The tracker's pure functions, evaluated from the very source `/t.js` is built from. */
export const loadTrackerCore = (): TTrackerCore =>
  new Function(
    `${trackerCore}\nreturn { clipText, readCampaign, campaignKey, nextSession, encodeSession, decodeSession, readCookie, matchesWidget, decorateUrl, contactKind, normalizePhone, normalizeEmail, randomId, targetsRegExp, swapPhones };`,
  )() as TTrackerCore;
