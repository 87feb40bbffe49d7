import { readFileSync } from "node:fs";

/** The fixture file's text, as an HTTP body would carry it. */
export const readKlientiksFixture = (name: string): string =>
  readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

/** The fixture parsed as JSON. */
export const loadKlientiksFixture = (name: string): unknown =>
  JSON.parse(readKlientiksFixture(name));
