import { describe, expect, it } from "vitest";

import { loadTrackerCore } from "@/tracker/__fixtures__/load-tracker-core";

const core = loadTrackerCore();
const MINUTE = 60_000;
let counter = 0;
const nextId = () => `session${(counter += 1).toString().padStart(4, "0")}`;

describe("readCampaign", () => {
  it("reads UTM tags and click ids, trimmed, without empty ones", () => {
    expect(
      core.readCampaign(
        "?utm_source=Yandex&utm_medium=cpc&utm_campaign=%20spring%20&utm_content=&utm_term=salon&yclid=123&other=1",
      ),
    ).toEqual({
      utm: { source: "Yandex", medium: "cpc", campaign: "spring", term: "salon" },
      clickIds: { yclid: "123" },
    });
    expect(core.readCampaign("")).toEqual({ utm: {}, clickIds: {} });
  });

  it("cuts values at 256 characters, never inside an emoji", () => {
    expect(core.readCampaign(`?utm_campaign=${"x".repeat(300)}`).utm.campaign).toHaveLength(256);
    expect(
      core.readCampaign(
        `?utm_campaign=${"x".repeat(255)}${encodeURIComponent("😀")}&gclid=${"1".repeat(254)}😀😀`,
      ),
    ).toEqual({
      utm: { campaign: "x".repeat(255) },
      clickIds: { gclid: `${"1".repeat(254)}😀` },
    });
  });
});

describe("clipText", () => {
  it("cuts page titles between characters", () => {
    expect(core.clipText(`${"a".repeat(299)}😀`, 300)).toBe("a".repeat(299));
    expect(core.clipText(`${"a".repeat(298)}😀`, 300)).toBe(`${"a".repeat(298)}😀`);
    expect(core.clipText("Главная", 300)).toBe("Главная");
  });
});

describe("session rollover", () => {
  const landing = core.campaignKey(core.readCampaign("?utm_source=yandex&utm_campaign=spring"));

  it("starts a session on the first hit", () => {
    expect(core.nextSession(null, landing, 0, nextId)).toMatchObject({
      key: landing,
      isNew: true,
      lastSeen: 0,
    });
  });

  it("keeps the session for pages within 30 minutes of the last hit, with or without the same tags", () => {
    const first = core.nextSession(null, landing, 0, nextId);
    const internal = core.nextSession(first, "", 29 * MINUTE, nextId);
    expect(internal).toMatchObject({
      id: first.id,
      key: landing,
      isNew: false,
      lastSeen: 29 * MINUTE,
    });
    expect(core.nextSession(internal, landing, 58 * MINUTE, nextId)).toMatchObject({
      id: first.id,
      isNew: false,
    });
  });

  it("starts a new session after 30 idle minutes", () => {
    const first = core.nextSession(null, "", 0, nextId);
    expect(core.nextSession(first, "", 30 * MINUTE + 1, nextId)).toMatchObject({ isNew: true });
    expect(core.nextSession(first, "", 30 * MINUTE + 1, nextId).id).not.toBe(first.id);
  });

  it("starts a new session when a page brings a different campaign or a new ad click", () => {
    const first = core.nextSession(null, landing, 0, nextId);
    const otherCampaign = core.campaignKey(
      core.readCampaign("?utm_source=yandex&utm_campaign=autumn"),
    );
    const adClick = core.campaignKey(core.readCampaign("?yclid=42"));
    expect(core.nextSession(first, otherCampaign, MINUTE, nextId).isNew).toBe(true);
    expect(core.nextSession(first, adClick, MINUTE, nextId).isNew).toBe(true);
    // A direct visit followed by an ad click is two visits, too.
    expect(
      core.nextSession(core.nextSession(null, "", 0, nextId), landing, MINUTE, nextId).isNew,
    ).toBe(true);
  });

  it("treats tags case-insensitively and a subset of the session's tags as the same campaign", () => {
    const first = core.nextSession(null, landing, 0, nextId);
    expect(
      core.nextSession(
        first,
        core.campaignKey(core.readCampaign("?utm_campaign=SPRING")),
        MINUTE,
        nextId,
      ).isNew,
    ).toBe(false);
  });

  it("round-trips through the cookie value and ignores garbage", () => {
    const session = core.nextSession(null, landing, 1_700_000_000_000, nextId);
    expect(core.decodeSession(core.encodeSession(session))).toEqual({
      id: session.id,
      lastSeen: session.lastSeen,
      key: landing,
    });
    expect(core.decodeSession("nonsense")).toBeNull();
    expect(core.decodeSession("")).toBeNull();
  });
});

describe("widget links", () => {
  const patterns = ["klientiks.ru/app/", "127.0.0.1:4010/app/"];

  it("matches URLs by host and path prefix, ignoring scheme, www and case", () => {
    expect(core.matchesWidget("https://klientiks.ru/app/united/salon", patterns)).toBe(true);
    expect(core.matchesWidget("http://www.Klientiks.ru/app/united/salon?x=1", patterns)).toBe(true);
    expect(core.matchesWidget("http://127.0.0.1:4010/app/united/demo", patterns)).toBe(true);
    expect(core.matchesWidget("http://127.0.0.1:4011/app/united/demo", patterns)).toBe(false);
    expect(core.matchesWidget("https://klientiks.ru/blog/", patterns)).toBe(false);
    expect(core.matchesWidget("https://example.com/?next=klientiks.ru/app/", patterns)).toBe(false);
  });

  it("adds svyaz_sid before the fragment, or replaces an older one", () => {
    expect(core.decorateUrl("https://klientiks.ru/app/united/salon", "abc123")).toBe(
      "https://klientiks.ru/app/united/salon?svyaz_sid=abc123",
    );
    expect(
      core.decorateUrl("https://klientiks.ru/app/united/salon?branch=2#/services", "abc123"),
    ).toBe("https://klientiks.ru/app/united/salon?branch=2&svyaz_sid=abc123#/services");
    expect(core.decorateUrl("https://klientiks.ru/app/x?svyaz_sid=old&branch=2", "new1")).toBe(
      "https://klientiks.ru/app/x?svyaz_sid=new1&branch=2",
    );
    expect(core.decorateUrl("https://klientiks.ru/app/x?", "abc")).toBe(
      "https://klientiks.ru/app/x?svyaz_sid=abc",
    );
  });
});

describe("contacts", () => {
  it("recognises phone and e-mail fields, and nothing else", () => {
    expect(core.contactKind({ type: "tel" })).toBe("phone");
    expect(core.contactKind({ type: "email" })).toBe("email");
    expect(core.contactKind({ type: "text", name: "client_phone" })).toBe("phone");
    expect(core.contactKind({ type: "text", name: "form_tel" })).toBe("phone");
    expect(core.contactKind({ type: "text", name: "hotel" })).toBe("");
    expect(core.contactKind({ type: "text", placeholder: "Ваш телефон" })).toBe("phone");
    expect(core.contactKind({ type: "text", name: "mail" })).toBe("email");
    expect(core.contactKind({ type: "password", name: "phone" })).toBe("");
    expect(core.contactKind({ type: "text", name: "comment" })).toBe("");
  });

  it("normalizes phones to E.164 and e-mails to lower case, refusing what is neither", () => {
    expect(core.normalizePhone("8 (999) 123-45-67")).toBe("+79991234567");
    expect(core.normalizePhone("999 123 45 67")).toBe("+79991234567");
    expect(core.normalizePhone("+7 999 123-45-67")).toBe("+79991234567");
    expect(core.normalizePhone("+375 29 123-45-67")).toBe("+375291234567");
    expect(core.normalizePhone("12345")).toBe("");
    expect(core.normalizeEmail("  Anna@Example.COM ")).toBe("anna@example.com");
    expect(core.normalizeEmail("anna@")).toBe("");
  });
});

describe("helpers", () => {
  it("reads one cookie among many", () => {
    expect(core.readCookie("a=1; _svyaz_vid=abc; b=2", "_svyaz_vid")).toBe("abc");
    expect(core.readCookie("", "_svyaz_vid")).toBe("");
  });

  it("makes 128-bit hex ids, with or without Web Crypto", () => {
    expect(core.randomId(globalThis.crypto)).toMatch(/^[0-9a-f]{32}$/);
    expect(core.randomId(undefined)).toMatch(/^[0-9a-f]{32}$/);
    expect(core.randomId(globalThis.crypto)).not.toBe(core.randomId(globalThis.crypto));
  });
});

describe("number substitution", () => {
  const targets = core.targetsRegExp(["+74951234567"]);
  const swap = (text: string, isAny = false) =>
    core.swapPhones(text, "+74957770001", targets, isAny);

  it.each([
    ["8 (495) 123-45-67", "8 (495) 777-00-01"],
    ["+7 (495) 123-45-67", "+7 (495) 777-00-01"],
    ["+7 495 123 45 67", "+7 495 777 00 01"],
    ["84951234567", "84957770001"],
    ["+74951234567", "+74957770001"],
    ["7-495-123-45-67", "7-495-777-00-01"],
    ["(495) 123-45-67", "(495) 777-00-01"],
    ["495 123-45-67", "495 777-00-01"],
    ["4951234567", "4957770001"],
    ["8 495 123.45.67", "8 495 777.00.01"],
    ["8\u00a0(495)\u00a0123\u201345\u201367", "8\u00a0(495)\u00a0777\u201300\u201301"],
    ["+7\u202f495\u202f123\u00a045\u00a067", "+7\u202f495\u202f777\u00a000\u00a001"],
  ])("swaps %j in place, keeping its format", (text, expected) => {
    expect(swap(text)).toBe(expected);
    expect(swap(`Звоните: ${text}, ежедневно`)).toBe(`Звоните: ${expected}, ежедневно`);
  });

  it("swaps tel: links in their own style", () => {
    expect(swap("tel:+74951234567")).toBe("tel:+74957770001");
    expect(swap("tel:84951234567")).toBe("tel:84957770001");
    expect(swap("tel:8-495-123-45-67")).toBe("tel:8-495-777-00-01");
    expect(swap("tel:+7(495)1234567")).toBe("tel:+7(495)7770001");
  });

  it("swaps every occurrence and every target, and nothing else", () => {
    const both = core.targetsRegExp(["+74951234567", "+78121112233", "bad", "123"]);
    expect(
      core.swapPhones(
        "Москва 8 (495) 123-45-67, 8 495 123 45 67; Петербург +7 812 111-22-33; офис 8 (495) 765-43-21",
        "+74957770001",
        both,
        false,
      ),
    ).toBe(
      "Москва 8 (495) 777-00-01, 8 495 777 00 01; Петербург +7 495 777-00-01; офис 8 (495) 765-43-21",
    );
  });

  it("never matches inside a longer run of digits", () => {
    for (const text of [
      "Заказ № 184951234567",
      "Заказ № 849512345678",
      "ИНН 74951234567123",
      "+374951234567",
      "94951234567",
      "495123456",
      "8 (495) 123-45-6",
    ])
      expect(swap(text)).toBe(text);
  });

  it("matches nothing without valid targets", () => {
    const none = core.targetsRegExp(["", "12345"]);
    expect(core.swapPhones("8 (495) 123-45-67", "+74957770001", none, false)).toBe(
      "8 (495) 123-45-67",
    );
  });

  it("swaps the first phone-like run of 10–11 digits in the selector's elements, whatever it is", () => {
    expect(swap("8 (800) 555-35-35", true)).toBe("8 (495) 777-00-01");
    expect(swap("Звоните 8 (812) 111-22-33 или 8 (812) 444-55-66", true)).toBe(
      "Звоните 8 (495) 777-00-01 или 8 (812) 444-55-66",
    );
    expect(swap("800 555 35 35", true)).toBe("495 777 00 01");
    expect(swap("+7 812 111 22 33", true)).toBe("+7 495 777 00 01");
    expect(swap("с 9 до 21, заказ 12345", true)).toBe("с 9 до 21, заказ 12345");
    // A target there is swapped too, wherever it stands.
    expect(swap("8 (812) 111-22-33, 8 (495) 123-45-67", true)).toBe(
      "8 (495) 777-00-01, 8 (495) 777-00-01",
    );
  });
});
