import { describe, expect, it } from "vitest";

import {
  buildKlientiksClientUrl,
  DEFAULT_CLIENT_CARD_URL_TEMPLATE,
  ZClientCardUrlTemplateSchema,
} from "./client-card-url";
import { parseKlientiksSettings, ZKlientiksSettingsPatchSchema } from "./settings";

const values = {
  baseUrl: "http://127.0.0.1:4010/",
  clientId: "1000003",
  accountId: "5a7c1e9b3d20",
};

describe("buildKlientiksClientUrl", () => {
  it("fills the default template with the Klientiks address and the client's id", () => {
    expect(buildKlientiksClientUrl(DEFAULT_CLIENT_CARD_URL_TEMPLATE, values)).toBe(
      "http://127.0.0.1:4010/app/clients/1000003",
    );
  });

  it("fills the account and percent-encodes the values, so an id cannot change the address's shape", () => {
    expect(
      buildKlientiksClientUrl("https://crm.example/{account}/client?id={id}", {
        ...values,
        clientId: "1/../x?y",
      }),
    ).toBe("https://crm.example/5a7c1e9b3d20/client?id=1%2F..%2Fx%3Fy");
  });

  it("refuses what is not an http(s) address", () => {
    expect(buildKlientiksClientUrl("javascript:alert({id})", values)).toBeNull();
    expect(buildKlientiksClientUrl("/app/clients/{id}", values)).toBeNull();
  });
});

describe("the template setting", () => {
  it.each([
    ["{base}/app/clients/{id}", true],
    ["https://klientiks.ru/{account}/clients/{id}", true],
    ["https://klientiks.ru/clients/", false],
    ["{base}/clients/{client}/{id}", false],
    ["ftp://klientiks.ru/{id}", false],
  ])("%s valid: %s", (template, isValid) => {
    expect(ZClientCardUrlTemplateSchema.safeParse(template).success).toBe(isValid);
  });

  it("names why a template is refused", () => {
    const result = ZKlientiksSettingsPatchSchema.safeParse({
      clientCardUrlTemplate: "https://klientiks.ru/clients",
    });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["clientCardUrlTemplate", "clientCardUrlNeedsId"],
    ]);
  });

  it("falls back to the default when a stored template is unusable", () => {
    expect(
      parseKlientiksSettings({ clientCardUrlTemplate: "nonsense" }).clientCardUrlTemplate,
    ).toBe(DEFAULT_CLIENT_CARD_URL_TEMPLATE);
    expect(
      parseKlientiksSettings({ clientCardUrlTemplate: "https://x.example/c/{id}" })
        .clientCardUrlTemplate,
    ).toBe("https://x.example/c/{id}");
  });
});
