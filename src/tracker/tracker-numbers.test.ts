import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { h } from "@/tracker/__fixtures__/fake-dom";
import {
  createFakeBrowser,
  createFakePage,
  type TFakeBrowser,
  type TFakePageOptions,
  type TNumberAnswer,
} from "@/tracker/__fixtures__/fake-page";

const SITE_NUMBER = "+74951234567";
const TRACKING = "+74957770001";
const NEXT_TRACKING = "+74958880002";
const NUMBER_URL = "https://svyaz.example/api/track/number";
const WITH_PHONES = {
  widgetUrlPatterns: ["klientiks.ru/app/"],
  captureContacts: false,
  phones: { targets: [SITE_NUMBER], selector: null },
};
const tracking = (number: string, renewSeconds = 60): TNumberAnswer => ({
  status: 200,
  body: { number, renewSeconds },
});

/** The salon's page: its number in several formats, and places it must stay. */
const salonBody = () =>
  h(
    "body",
    {},
    h(
      "header",
      {},
      h(
        "a",
        { href: "tel:+74951234567", "data-testid": "site-phone-header" },
        "+7 (495) 123-45-67",
      ),
    ),
    h("p", { "data-testid": "order" }, "Заказ № 184951234567 оформлен"),
    h(
      "div",
      { "data-svyaz-keep": "" },
      h(
        "p",
        { "data-testid": "site-phone-kept" },
        "Бухгалтерия: ",
        h("a", { href: "tel:84951234567", "data-testid": "kept-link" }, "8 495 123 45 67"),
      ),
    ),
    h("textarea", { "data-testid": "textarea" }, "8 (495) 123-45-67"),
    h("script", { "data-testid": "script" }, 'var phone = "84951234567";'),
    h("div", { contenteditable: "true" }, h("p", { "data-testid": "editable" }, "84951234567")),
    h("section", { contenteditable: "", "data-testid": "editable-bare" }, "8 (495) 123-45-67"),
    h(
      "footer",
      { "data-testid": "site-phone-footer" },
      "Салон «Лето», 8\u00a0(495)\u00a0123–45–67",
    ),
  );

const openPage = async (options: Partial<TFakePageOptions> = {}) => {
  const page = createFakePage({
    url: "https://salon.example/",
    body: salonBody(),
    reply: WITH_PHONES,
    ...options,
  });
  page.load();
  await page.settle();
  const text = (testId: string) => page.body.byTestId(testId).textContent;
  const href = (testId: string) => page.body.byTestId(testId).getAttribute("href");
  return {
    ...page,
    text,
    href,
    numberRequests: () => page.sent.filter((hit) => hit.url === NUMBER_URL),
  };
};

type TOpenPage = Awaited<ReturnType<typeof openPage>>;

const expectSiteNumbers = (page: TOpenPage) => {
  expect(page.text("site-phone-header")).toBe("+7 (495) 123-45-67");
  expect(page.href("site-phone-header")).toBe("tel:+74951234567");
  expect(page.text("site-phone-footer")).toBe("Салон «Лето», 8\u00a0(495)\u00a0123–45–67");
};

const expectUntouched = (page: TOpenPage) => {
  expect(page.text("order")).toBe("Заказ № 184951234567 оформлен");
  expect(page.text("site-phone-kept")).toBe("Бухгалтерия: 8 495 123 45 67");
  expect(page.href("kept-link")).toBe("tel:84951234567");
  expect(page.text("textarea")).toBe("8 (495) 123-45-67");
  expect(page.text("script")).toBe('var phone = "84951234567";');
  expect(page.text("editable")).toBe("84951234567");
  expect(page.text("editable-bare")).toBe("8 (495) 123-45-67");
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("/t.js number substitution", () => {
  it("asks for a number once the page view's answer turns call tracking on, and shows it in every format, links included", async () => {
    const page = await openPage({ answerNumber: () => tracking(TRACKING) });

    const [pageView] = page.sent;
    expect(page.numberRequests()).toEqual([
      {
        via: "fetch",
        url: NUMBER_URL,
        body: {
          siteKey: "site-key-123",
          visitorId: pageView?.body.visitorId,
          sessionId: pageView?.body.sessionId,
        },
        init: {
          method: "POST",
          keepalive: true,
          credentials: "omit",
          headers: { "content-type": "text/plain" },
        },
      },
    ]);
    expect(page.text("site-phone-header")).toBe("+7 (495) 777-00-01");
    expect(page.href("site-phone-header")).toBe("tel:+74957770001");
    expect(page.text("site-phone-footer")).toBe("Салон «Лето», 8\u00a0(495)\u00a0777–00–01");
    expectUntouched(page);
    expect(page.mutations.deliveries).toBeLessThan(5);
  });

  it("does nothing for a site without call tracking", async () => {
    const page = await openPage({
      reply: { ...WITH_PHONES, phones: null },
      answerNumber: () => tracking(TRACKING),
    });
    expect(page.numberRequests()).toEqual([]);
    expectSiteNumbers(page);
  });

  it("swaps numbers in content added later and in text changed later, without reacting to its own writes", async () => {
    const page = await openPage({ answerNumber: () => tracking(TRACKING) });
    const late = page.body.appendChild(
      h(
        "div",
        { "data-testid": "site-phone-late" },
        "Запись по телефону ",
        h("b", {}, "+7 495 123 45 67"),
      ),
    );
    const keptLate = page.body
      .byTestId("site-phone-kept")
      .appendChild(h("span", {}, " 84951234567"));
    await page.settle();
    expect(page.text("site-phone-late")).toBe("Запись по телефону +7 495 777 00 01");
    expect(page.text("site-phone-kept")).toBe("Бухгалтерия: 8 495 123 45 67 84951234567");
    expect(keptLate).toBeDefined();

    const footerText = page.body.byTestId("site-phone-footer").firstChild;
    if (footerText?.nodeType !== 3) throw new Error("the footer starts with text");
    footerText.nodeValue = "Новый номер: 8-495-123-45-67";
    await page.settle();
    expect(page.text("site-phone-footer")).toBe("Новый номер: 8-495-777-00-01");

    // A page script puts the site's link back: swapped again.
    page.body.byTestId("site-phone-header").setAttribute("href", "tel:8-495-123-45-67");
    await page.settle();
    expect(page.href("site-phone-header")).toBe("tel:8-495-777-00-01");
    expect(late.nodeType).toBe(1);
    expect(page.mutations.deliveries).toBeLessThan(12);
  });

  it("stops swapping when a page script keeps putting its number back, instead of hanging the page", async () => {
    const page = await openPage({ answerNumber: () => tracking(TRACKING) });
    const footerText = page.body.byTestId("site-phone-footer").firstChild;
    if (footerText?.nodeType !== 3) throw new Error("the footer starts with text");
    // A stubborn script checking its text on every microtask, as its own observer would.
    let rounds = 0;
    let putBack = 0;
    const stubborn = () => {
      rounds += 1;
      if (footerText.nodeValue.includes("777")) {
        putBack += 1;
        footerText.nodeValue = "8 (495) 123-45-67";
      }
      if (rounds < 3000) queueMicrotask(stubborn);
    };
    stubborn();
    await page.settle();
    expect(rounds).toBe(3000);
    // The tracker gave up after its budget of writes, long before the script did.
    expect(putBack).toBeGreaterThan(100);
    expect(putBack).toBeLessThan(1000);
    expect(footerText.nodeValue).toBe("8 (495) 123-45-67");
  });

  it("swaps the first phone of the selector's elements, whatever number it is", async () => {
    const body = salonBody();
    body.appendChild(
      h(
        "div",
        { class: "contacts js-phone", "data-testid": "selected" },
        h("a", { href: "tel:88005553535" }, "8 (800) 555-35-35"),
        " или 8 (812) 111-22-33",
      ),
    );
    const page = await openPage({
      body,
      reply: { ...WITH_PHONES, phones: { targets: [SITE_NUMBER], selector: ".js-phone" } },
      answerNumber: () => tracking(TRACKING),
    });
    expect(page.text("selected")).toBe("8 (495) 777-00-01 или 8 (495) 777-00-01");
    expect(page.body.byTestId("selected").querySelector("a")?.getAttribute("href")).toBe(
      "tel:84957770001",
    );
    expect(page.text("site-phone-header")).toBe("+7 (495) 777-00-01");
    expectUntouched(page);
  });

  it("applies the selector's rule and the keep marker to content added inside them later", async () => {
    const body = salonBody();
    body.appendChild(h("div", { class: "js-phone", "data-testid": "selected" }));
    const page = await openPage({
      body,
      reply: { ...WITH_PHONES, phones: { targets: [SITE_NUMBER], selector: ".js-phone" } },
      answerNumber: () => tracking(TRACKING),
    });
    page.body.byTestId("selected").appendChild(h("span", {}, "8 (812) 111-22-33"));
    const kept = page.body.byTestId("site-phone-kept").firstChild;
    if (kept?.nodeType !== 3) throw new Error("the kept paragraph starts with text");
    kept.nodeValue = "Бухгалтерия, новый: 8 (495) 123-45-67 ";
    await page.settle();
    expect(page.text("selected")).toBe("8 (495) 777-00-01");
    expect(page.text("site-phone-kept")).toBe(
      "Бухгалтерия, новый: 8 (495) 123-45-67 8 495 123 45 67",
    );
  });

  it("ignores a selector the browser cannot parse and swaps the targets all the same", async () => {
    const page = await openPage({
      reply: { ...WITH_PHONES, phones: { targets: [SITE_NUMBER], selector: "div >>> p" } },
      answerNumber: () => tracking(TRACKING),
    });
    expect(page.text("site-phone-header")).toBe("+7 (495) 777-00-01");
  });

  it("renews the lease every renewSeconds while visible, and shows a new number everywhere", async () => {
    const answers = [tracking(TRACKING, 30), tracking(TRACKING, 30), tracking(NEXT_TRACKING, 30)];
    const page = await openPage({ answerNumber: (index) => answers[index] ?? { status: 204 } });
    expect(page.numberRequests()).toHaveLength(1);
    expect(page.text("site-phone-header")).toBe("+7 (495) 777-00-01");

    await vi.advanceTimersByTimeAsync(29_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(2);
    const sessionId = page.sent[0]?.body.sessionId;
    expect(page.numberRequests()[1]?.body).toMatchObject({ sessionId });

    await vi.advanceTimersByTimeAsync(30_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(3);
    expect(page.text("site-phone-header")).toBe("+7 (495) 888-00-02");
    expect(page.href("site-phone-header")).toBe("tel:+74958880002");
    expect(page.text("site-phone-footer")).toBe("Салон «Лето», 8\u00a0(495)\u00a0888–00–02");
    expectUntouched(page);
  });

  it("waits while the page is hidden and renews as soon as it is visible again", async () => {
    const page = await openPage({ answerNumber: () => tracking(TRACKING, 60) });
    page.setHidden(true);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(1);
    page.setHidden(false);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(3);
  });

  it("gives the next page of the session the number at once, and then follows the server", async () => {
    const browser: TFakeBrowser = createFakeBrowser();
    await openPage({ browser, answerNumber: () => tracking(TRACKING) });

    // The next page: the cached config sends the number request before the page view's answer.
    const next = createFakePage({
      url: "https://salon.example/prices",
      browser,
      body: salonBody(),
      reply: WITH_PHONES,
      answerNumber: () => tracking(NEXT_TRACKING),
    });
    next.load();
    const header = next.body.byTestId("site-phone-header");
    expect(header.textContent).toBe("+7 (495) 777-00-01");
    expect(next.sent.map((hit) => hit.url)).toEqual([
      "https://svyaz.example/api/track",
      NUMBER_URL,
    ]);
    await next.settle();
    expect(header.textContent).toBe("+7 (495) 888-00-02");
    expect(header.getAttribute("href")).toBe("tel:+74958880002");
  });

  it("puts the site's number back when the server has no number for the session any more", async () => {
    const browser = createFakeBrowser();
    await openPage({ browser, answerNumber: () => tracking(TRACKING) });
    const next = await openPage({ browser, answerNumber: () => ({ status: 204 }) });
    expectSiteNumbers(next);
    expectUntouched(next);

    // Nor does a third page show the number the server took back.
    const third = createFakePage({
      url: "https://salon.example/",
      browser,
      body: salonBody(),
      answerNumber: () => new Error("offline"),
    });
    third.load();
    expect(third.body.byTestId("site-phone-header").textContent).toBe("+7 (495) 123-45-67");
  });

  it("puts the site's number back when the site turns call tracking off", async () => {
    const browser = createFakeBrowser();
    await openPage({ browser, answerNumber: () => tracking(TRACKING) });
    const next = await openPage({
      browser,
      reply: { ...WITH_PHONES, phones: null },
      answerNumber: () => tracking(TRACKING),
    });
    expectSiteNumbers(next);
    await vi.advanceTimersByTimeAsync(120_000);
    await next.settle();
    expect(next.numberRequests()).toHaveLength(1);
  });

  it.each<[string, TNumberAnswer]>([
    ["the request fails", new Error("offline")],
    ["the server answers 500", { status: 500, body: { error: "internal" } }],
    ["the server has no number (204)", { status: 204 }],
    ["the answer is not JSON", { status: 200, body: "malformed" }],
    ["the answer carries no phone", { status: 200, body: { number: "8 (495)", renewSeconds: 0 } }],
    ["the answer is JSON null", { status: 200, body: null }],
  ])("keeps the site's number, quietly, when %s", async (_, answer) => {
    const page = await openPage({ answerNumber: () => answer });
    expect(page.numberRequests()).toHaveLength(1);
    expectSiteNumbers(page);
    expectUntouched(page);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(1);
  });

  it("keeps the number shown when a renewal fails, and tries again at the next one", async () => {
    const answers = [tracking(TRACKING, 30), { status: 503 }, new Error("offline")];
    const page = await openPage({ answerNumber: (index) => answers[index] ?? tracking(TRACKING) });
    await vi.advanceTimersByTimeAsync(30_000);
    await page.settle();
    await vi.advanceTimersByTimeAsync(30_000);
    await page.settle();
    expect(page.numberRequests()).toHaveLength(3);
    expect(page.text("site-phone-header")).toBe("+7 (495) 777-00-01");
  });

  it("never throws into the page when storage and the DOM refuse", async () => {
    const page = createFakePage({
      url: "https://salon.example/",
      body: salonBody(),
      reply: WITH_PHONES,
      answerNumber: () => tracking(TRACKING),
      overrideWindow: {
        sessionStorage: {
          getItem: () => {
            throw new Error("denied");
          },
          setItem: () => {
            throw new Error("denied");
          },
        },
      },
    });
    page.body.byTestId("site-phone-footer").hasAttribute = () => {
      throw new Error("odd element");
    };
    expect(() => page.load()).not.toThrow();
    await page.settle();
    expect(page.body.byTestId("site-phone-header").textContent).toBe("+7 (495) 777-00-01");
  });
});
