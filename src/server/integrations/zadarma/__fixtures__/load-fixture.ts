import { readFileSync } from "node:fs";

/** The fixture file's text, as an HTTP body would carry it. */
export const readZadarmaFixture = (name: string): string =>
  readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

/** A notification form fixture: field → value, as the route would have decoded it. */
export const loadNotificationForm = (name: string): Record<string, string> =>
  JSON.parse(readZadarmaFixture(name)) as Record<string, string>;
