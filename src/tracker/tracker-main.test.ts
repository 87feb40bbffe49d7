import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  createFakeBrowser,
  createFakePage,
  fakeIframe,
  fakeInput,
  fakeLink,
} from "@/tracker/__fixtures__/fake-page";

const MINUTE = 60_000;
const LANDING =
  "https://salon.example/?utm_source=yandex&utm_medium=cpc&utm_campaign=spring&utm_content=banner&utm_term=haircut&yclid=777";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
});
afterEach(() => vi.useRealTimers());
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

describe("/t.js on a page", () => {
  it("sends a page view with the landing page, referrer, UTM and click ids, and remembers the visitor for a year", async () => {
    const page = createFakePage({ url: LANDING, referrer: "https://yandex.ru/" });
    page.load();
    await page.settle();

    expect(page.sent).toHaveLength(1);
    const [hit] = page.sent;
    expect(hit).toMatchObject({ via: "fetch", url: "https://svyaz.example/api/track" });
    expect(hit?.body).toMatchObject({
      type: "pageview",
      siteKey: "site-key-123",
      url: LANDING,
      referrer: "https://yandex.ru/",
      title: "Салон красоты",
      utm: {
        source: "yandex",
        medium: "cpc",
        campaign: "spring",
        content: "banner",
        term: "haircut",
      },
      clickIds: { yclid: "777" },
    });
    const visitor = page.browser.cookies.get("_svyaz_vid");
    expect(visitor).toEqual({ value: hit?.body.visitorId, maxAge: 365 * 24 * 3600 });
    expect(page.browser.cookies.get("_svyaz_ses")?.value).toContain(String(hit?.body.sessionId));
  });

  it("cuts a long title at 300 characters without splitting an emoji", async () => {
    const page = createFakePage({ url: LANDING, title: `${"a".repeat(299)}😀 and more` });
    page.load();
    await page.settle();
    expect(page.sent[0]?.body.title).toBe("a".repeat(299));
  });

  it("keeps one session across pages, and starts another after 30 idle minutes or with a new campaign", async () => {
    const browser = createFakeBrowser();
    const visit = async (url: string) => {
      const page = createFakePage({ url, browser });
      page.load();
      await page.settle();
      return page.sent[0]?.body;
    };
    const landing = await visit(LANDING);
    later(10 * MINUTE);
    const internal = await visit("https://salon.example/prices");
    later(31 * MINUTE);
    const afterBreak = await visit("https://salon.example/prices");
    later(MINUTE);
    const newCampaign = await visit("https://salon.example/?utm_source=yandex&utm_campaign=autumn");

    expect(internal?.sessionId).toBe(landing?.sessionId);
    expect(internal?.visitorId).toBe(landing?.visitorId);
    expect(afterBreak?.sessionId).not.toBe(landing?.sessionId);
    expect(newCampaign?.sessionId).not.toBe(afterBreak?.sessionId);
    expect(
      new Set([landing, internal, afterBreak, newCampaign].map((hit) => hit?.visitorId)).size,
    ).toBe(1);
  });

  it("adds svyaz_sid to widget links and iframes, reports the iframe and the click, and leaves other links alone", async () => {
    const widgetLink = fakeLink("https://klientiks.ru/app/united/salon");
    const otherLink = fakeLink("https://salon.example/contacts");
    const widgetFrame = fakeIframe("https://klientiks.ru/app/united/salon#/services");
    const page = createFakePage({ url: LANDING, elements: [widgetLink, otherLink, widgetFrame] });
    page.load();
    await page.settle();
    const sessionId = String(page.sent[0]?.body.sessionId);

    expect(widgetLink.href).toBe(`https://klientiks.ru/app/united/salon?svyaz_sid=${sessionId}`);
    expect(widgetFrame.src).toBe(
      `https://klientiks.ru/app/united/salon?svyaz_sid=${sessionId}#/services`,
    );
    expect(otherLink.href).toBe("https://salon.example/contacts");
    expect(page.sent.filter((hit) => hit.body.type === "widget_open")).toEqual([
      {
        via: "beacon",
        url: "https://svyaz.example/api/track",
        body: expect.objectContaining({ sessionId, widgetUrl: widgetFrame.src }) as unknown,
      },
    ]);

    page.click(widgetLink);
    page.click(otherLink);
    expect(
      page.sent.filter((hit) => hit.body.type === "widget_open").map((hit) => hit.body.widgetUrl),
    ).toEqual([widgetFrame.src, widgetLink.href]);
  });

  it("follows the site's widget patterns from the page view's answer, also for iframes added later", async () => {
    const emulatorLink = fakeLink("http://127.0.0.1:4010/app/united/demo");
    const browser = createFakeBrowser();
    const page = createFakePage({
      url: LANDING,
      browser,
      elements: [emulatorLink],
      reply: { widgetUrlPatterns: ["127.0.0.1:4010/app/"], captureContacts: false },
    });
    page.load();
    expect(emulatorLink.href).not.toContain("svyaz_sid");
    await page.settle();
    expect(emulatorLink.href).toContain("svyaz_sid=");

    const popup = fakeIframe("http://127.0.0.1:4010/app/united/demo");
    page.insert(popup);
    expect(popup.src).toContain("svyaz_sid=");
    expect(page.sent.at(-1)?.body).toMatchObject({ type: "widget_open", widgetUrl: popup.src });

    // The next page knows the patterns before its own answer arrives.
    const nextLink = fakeLink("http://127.0.0.1:4010/app/united/demo");
    createFakePage({
      url: "https://salon.example/prices",
      browser,
      elements: [nextLink],
      reply: null,
    }).load();
    expect(nextLink.href).toContain("svyaz_sid=");
  });

  it("captures typed phones and e-mails, normalized, only when the site opted in", async () => {
    const phone = fakeInput("tel", "phone");
    const email = fakeInput("email", "email");
    const password = fakeInput("password", "phone");
    const browser = createFakeBrowser();
    const optedOut = createFakePage({ url: LANDING, browser, elements: [phone] });
    optedOut.load();
    await optedOut.settle();
    optedOut.change(phone, "8 (999) 123-45-67");
    expect(optedOut.sent.filter((hit) => hit.body.type === "contact")).toEqual([]);

    const optedIn = createFakePage({
      url: LANDING,
      browser,
      reply: { widgetUrlPatterns: ["klientiks.ru/app/"], captureContacts: true },
    });
    optedIn.load();
    await optedIn.settle();
    optedIn.change(phone, "8 (999) 123-45-67");
    optedIn.change(phone, "+7 999 123 45 67");
    optedIn.change(email, " Anna@Example.com ");
    optedIn.change(password, "89991234567");
    optedIn.change(fakeInput("tel", "phone"), "12");
    const contacts = optedIn.sent
      .filter((hit) => hit.body.type === "contact")
      .map((hit) => ({ phone: hit.body.phone, email: hit.body.email }));
    expect(contacts).toEqual([
      { phone: "+79991234567", email: undefined },
      { phone: undefined, email: "anna@example.com" },
    ]);
  });

  it("never throws into the page, whatever the browser refuses", async () => {
    const link = fakeLink("https://klientiks.ru/app/united/salon");
    const hostile = createFakePage({
      url: LANDING,
      elements: [link],
      overrideWindow: {
        fetch: () => Promise.reject(new Error("offline")),
        navigator: {
          sendBeacon: () => {
            throw new Error("blocked");
          },
        },
        localStorage: {
          getItem: () => {
            throw new Error("denied");
          },
          setItem: () => {
            throw new Error("denied");
          },
        },
        MutationObserver: undefined,
      },
    });
    expect(() => hostile.load()).not.toThrow();
    await hostile.settle();
    expect(() => hostile.click(link)).not.toThrow();

    const noCookies = createFakePage({ url: LANDING });
    Object.defineProperty(noCookies.document, "cookie", {
      get: () => {
        throw new Error("sandboxed");
      },
    });
    expect(() => noCookies.load()).not.toThrow();

    const noKey = createFakePage({ url: LANDING, siteKey: null });
    noKey.load();
    await noKey.settle();
    expect(noKey.sent).toEqual([]);
  });
});
