// Sections (§) are those of docs/klientiks-contract.md.
import { describe, expect, it } from "vitest";

import { createSecretScrubber } from "@/lib/outbound-failure";

import { loadKlientiksFixture } from "./__fixtures__/load-fixture";
import type { KlientiksError } from "./errors";
import {
  parseListEnvelope,
  parseSingleEnvelope,
  parseWriteEnvelope,
  type TKlientiksResponse,
} from "./parse-envelope";

const CONTEXT = "GET https://klientiks.ru/clientix/Restapi/list/a/A/u/U/t/***/m/Users/";
const TOKEN = "0123456789abcdef0123456789abcdef";
const response = (body: unknown): TKlientiksResponse => ({
  body,
  context: CONTEXT,
  scrub: createSecretScrubber([TOKEN]),
});
const fixture = (name: string) => response(loadKlientiksFixture(name));

const catchError = (run: () => unknown): KlientiksError => {
  try {
    run();
  } catch (error) {
    return error as KlientiksError;
  }
  throw new Error("expected the call to throw");
};

describe("parseListEnvelope", () => {
  it("reads the captured list of §9.1 with its offset and limit", () => {
    const page = parseListEnvelope(fixture("client-list-k7.json"));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: 1000001, name: "Anna" });
    expect(page).toMatchObject({ offset: 50, limit: 50 });
  });

  // §16 item 1
  it.each([
    "list-no-data.json",
    "list-empty-array.json",
    "list-null-items.json",
    "list-missing-items.json",
  ])("treats %s as an empty page", (name) => {
    expect(parseListEnvelope(fixture(name)).items).toEqual([]);
  });

  it("reads items given as one object (the getClientByPhone form) as a one-item page", () => {
    expect(parseListEnvelope(response({ items: { id: 7, name: "x" } })).items).toEqual([
      { id: 7, name: "x" },
    ]);
  });

  it("reads PHP's object encoding of an array with gaps as a list", () => {
    const page = parseListEnvelope(
      response({ items: { "0": { id: 1 }, "2": { id: 3 } }, count: 2 }),
    );
    expect(page.items).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("reads offset and limit given as digit strings, and null when absent or malformed", () => {
    expect(parseListEnvelope(response({ items: [], offset: "100", limit: "50" }))).toMatchObject({
      offset: 100,
      limit: 50,
    });
    expect(parseListEnvelope(response({ items: [], offset: "next" }))).toMatchObject({
      offset: null,
      limit: null,
    });
  });

  it("treats any other string in items as an API error carrying that text", () => {
    const denied = catchError(() => parseListEnvelope(response({ items: "Access denied" })));
    expect(denied.kind).toBe("invalid_credentials");
    expect(denied.message).toBe(`${CONTEXT}: Klientiks answered «Access denied»`);
    expect(catchError(() => parseListEnvelope(response({ items: "Internal failure" }))).kind).toBe(
      "bad_response",
    );
  });

  // §16 item 5
  it.each([
    ["error-access-denied.json", "invalid_credentials"],
    ["error-api-disabled.json", "api_disabled"],
    ["error-unknown-method.json", "bad_response"],
  ])("classifies the top-level error of %s on HTTP 200 as %s", (name, kind) => {
    const error = catchError(() => parseListEnvelope(fixture(name)));
    expect(error.kind).toBe(kind);
    expect(error.isRetriable).toBe(false);
  });

  it("does not mistake an envelope that carries items or status for an error", () => {
    expect(parseListEnvelope(response({ error: "warning", items: [{ id: 1 }] })).items).toEqual([
      { id: 1 },
    ]);
    expect(parseListEnvelope(response({ error: null, items: "No data" })).items).toEqual([]);
  });

  it("scrubs a token echoed in the error text", () => {
    const error = catchError(() =>
      parseListEnvelope(response({ error: `Access denied for token ${TOKEN}` })),
    );
    expect(error.message).not.toContain(TOKEN);
    expect(error.kind).toBe("invalid_credentials");
  });

  it.each([[[{ id: 1 }]], ["No data"], [42], [null]])(
    "rejects a body that is not an object: %j",
    (body) => {
      expect(catchError(() => parseListEnvelope(response(body))).kind).toBe("bad_response");
    },
  );

  it("rejects items of a scalar type", () => {
    expect(catchError(() => parseListEnvelope(response({ items: 5 }))).kind).toBe("bad_response");
  });
});

describe("parseSingleEnvelope", () => {
  it("accepts the entity as items object, as a one-element array, or at the top level (§4.2)", () => {
    expect(parseSingleEnvelope(response({ items: { id: 5 } }))).toEqual({ id: 5 });
    expect(parseSingleEnvelope(response({ items: [{ id: 5 }] }))).toEqual({ id: 5 });
    expect(parseSingleEnvelope(response({ id: "5", status: "scheduled" }))).toEqual({
      id: "5",
      status: "scheduled",
    });
  });

  it.each([
    "list-no-data.json",
    "list-empty-array.json",
    "list-null-items.json",
    "list-missing-items.json",
  ])("returns null for %s", (name) => {
    expect(parseSingleEnvelope(fixture(name))).toBeNull();
  });

  it("rejects a list of several entities where one was asked for", () => {
    expect(
      catchError(() => parseSingleEnvelope(response({ items: [{ id: 1 }, { id: 2 }] }))).kind,
    ).toBe("bad_response");
  });

  it("applies the §4.5 error rule", () => {
    expect(catchError(() => parseSingleEnvelope(fixture("error-access-denied.json"))).kind).toBe(
      "invalid_credentials",
    );
  });
});

describe("parseWriteEnvelope", () => {
  it('returns the object of a successful create, whether status is "ok" or true (§16 item 2)', () => {
    expect(parseWriteEnvelope(fixture("create-client-ok.json"))).toMatchObject({ id: 1000003 });
    expect(parseWriteEnvelope(fixture("create-appointment-true.json"))).toEqual({ id: 5002 });
  });

  it.each([[1], ["1"], ["OK"], ["true"]])("accepts status %j with empty errors", (status) => {
    expect(parseWriteEnvelope(response({ status, errors: {} }))).toBeNull();
    expect(parseWriteEnvelope(response({ status, errors: [] }))).toBeNull();
    expect(parseWriteEnvelope(response({ status, errors: null }))).toBeNull();
    expect(parseWriteEnvelope(response({ status }))).toBeNull();
  });

  // §16 item 3
  it("fails a truthy status that comes with errors, keeping every field message", () => {
    const error = catchError(() => parseWriteEnvelope(fixture("write-true-with-errors.json")));
    expect(error.kind).toBe("validation");
    expect(error.isRetriable).toBe(false);
    expect(error.message).toBe(
      `${CONTEXT}: Klientiks rejected the write: phone: Необходимо заполнить «Телефон».`,
    );
    expect(error.fieldErrors).toEqual({ phone: ["Необходимо заполнить «Телефон»."] });
  });

  // §16 item 4
  it("reads errors as a map or as a list", () => {
    const mapError = catchError(() => parseWriteEnvelope(fixture("write-false-field-map.json")));
    expect(mapError.fieldErrors).toEqual({
      phone: ["Клиент с таким телефоном уже существует"],
      first_name: ["Необходимо заполнить «Имя»."],
    });
    const listError = catchError(() => parseWriteEnvelope(fixture("write-errors-list.json")));
    expect(listError.kind).toBe("validation");
    expect(listError.fieldErrors).toEqual({ _general: ["Запись на это время невозможна"] });
    expect(listError.message).toBe(
      `${CONTEXT}: Klientiks rejected the write: Запись на это время невозможна`,
    );
  });

  it("ignores fields whose message list is empty", () => {
    expect(
      parseWriteEnvelope(response({ status: true, errors: { phone: [] }, object: { id: 1 } })),
    ).toEqual({ id: 1 });
  });

  it.each([[false], [0], ["0"], ["error"]])(
    "fails status %j without errors as a validation failure",
    (status) => {
      expect(catchError(() => parseWriteEnvelope(response({ status }))).kind).toBe("validation");
    },
  );

  it("fails an answer without a status as a bad response", () => {
    expect(catchError(() => parseWriteEnvelope(response({ object: { id: 1 } }))).kind).toBe(
      "bad_response",
    );
  });
});
