import { describe, expect, it } from "vitest";

import { isBotUserAgent } from "@/server/domain/sites/bot-user-agent";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

describe("isBotUserAgent", () => {
  it("lets browsers through, including phones whose names contain 'bot'", () => {
    expect(isBotUserAgent(CHROME)).toBe(false);
    expect(
      isBotUserAgent(
        "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
      ),
    ).toBe(false);
    expect(
      isBotUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe(false);
  });

  it("stops crawlers, previewers, libraries, headless browsers and missing agents", () => {
    for (const agent of [
      "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "TelegramBot (like TwitterBot)",
      "facebookexternalhit/1.1",
      "curl/8.5.0",
      "python-requests/2.31",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
      "",
    ])
      expect(isBotUserAgent(agent), agent).toBe(true);
    expect(isBotUserAgent(null)).toBe(true);
  });
});
