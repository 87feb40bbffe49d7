import { describe, expect, it } from "vitest";

import { hostOfOrigin, isHostOfSite, normalizeSiteDomain } from "@/server/domain/sites/site-domain";

describe("site domains", () => {
  it("normalizes what admins type to a bare lower-case host", () => {
    expect(normalizeSiteDomain("https://www.Salon.ru/prices?x=1")).toBe("salon.ru");
    expect(normalizeSiteDomain(" salon.ru ")).toBe("salon.ru");
    expect(normalizeSiteDomain("m.salon.ru:8080")).toBe("m.salon.ru");
    expect(normalizeSiteDomain("салон.рф")).toBe("xn--80awgdm.xn--p1ai");
    // One canonical form however an IDN is typed.
    expect(normalizeSiteDomain("https://САЛОН-ЛОТОС.РФ/")).toBe("xn----7sb7abifdatij.xn--p1ai");
    expect(normalizeSiteDomain("xn----7sb7abifdatij.xn--p1ai")).toBe(
      "xn----7sb7abifdatij.xn--p1ai",
    );
    expect(normalizeSiteDomain("localhost")).toBe("localhost");
    expect(normalizeSiteDomain("127.0.0.1")).toBe("127.0.0.1");
  });

  it("refuses what is not a host", () => {
    for (const input of [
      "",
      "salon",
      "two words.ru",
      "http://",
      "[::1]",
      "*.example.com",
      "%2a.example.com",
      "-salon.ru",
      "salon..ru",
    ])
      expect(normalizeSiteDomain(input), input).toBeNull();
  });

  it("reads the host of Origin and Referer values", () => {
    expect(hostOfOrigin("https://WWW.salon.ru")).toBe("www.salon.ru");
    expect(hostOfOrigin("http://127.0.0.1:3401/landing.html?utm_source=x")).toBe("127.0.0.1");
    expect(hostOfOrigin("null")).toBeNull();
    expect(hostOfOrigin(null)).toBeNull();
    expect(hostOfOrigin("garbage")).toBeNull();
  });

  it("accepts the site and its subdomains only", () => {
    expect(isHostOfSite("salon.ru", "salon.ru")).toBe(true);
    expect(isHostOfSite("www.salon.ru", "salon.ru")).toBe(true);
    expect(isHostOfSite("evilsalon.ru", "salon.ru")).toBe(false);
    expect(isHostOfSite("salon.ru.evil.com", "salon.ru")).toBe(false);
  });
});
