import { describe, expect, it } from "vitest";

import { parseTemplate, renderTemplate, TemplateSyntaxError } from "./mustache";

// The three templates of the product brief (klientiks-contract §12.2).
const WEBHOOK_URL = "https://app.svyaz.example/api/webhooks/klientiks/tok";
const CREATED_TEMPLATE = `${WEBHOOK_URL}?appointment_id={{#appointment}}{{id}}{{/appointment}}&status={{#new_data}}{{status}}{{/new_data}}`;
const CHANGED_TEMPLATE = `${WEBHOOK_URL}?appointment_id={{#new_data}}{{id}}{{/new_data}}&status={{#new_data}}{{status}}{{/new_data}}`;

describe("renderTemplate", () => {
  it("renders the brief's creation template («Запись клиента на прием», «Онлайн-запись через виджет»)", () => {
    const appointment = { id: 5000001, status: "scheduled" };
    expect(renderTemplate(CREATED_TEMPLATE, { appointment, new_data: appointment })).toBe(
      `${WEBHOOK_URL}?appointment_id=5000001&status=scheduled`,
    );
  });

  it("renders the brief's change template from new_data", () => {
    const context = {
      new_data: { id: 5000002, status: "confirmed" },
      old_data: { id: 5000002, status: "scheduled" },
    };
    expect(renderTemplate(CHANGED_TEMPLATE, context)).toBe(
      `${WEBHOOK_URL}?appointment_id=5000002&status=confirmed`,
    );
  });

  it("leaves appointment_id empty when a creation template is used on the change event", () => {
    const context = {
      new_data: { id: 5000002, status: "confirmed" },
      old_data: { id: 5000002, status: "scheduled" },
    };
    expect(renderTemplate(CREATED_TEMPLATE, context)).toBe(
      `${WEBHOOK_URL}?appointment_id=&status=confirmed`,
    );
  });

  it("percent-encodes every substituted value but leaves literal text alone", () => {
    expect(
      renderTemplate("x?s={{status}}&n={{name}}&raw=a b", { status: "на месте", name: "A&B=C/D" }),
    ).toBe("x?s=%D0%BD%D0%B0%20%D0%BC%D0%B5%D1%81%D1%82%D0%B5&n=A%26B%3DC%2FD&raw=a b");
  });

  it("emits raw values for {{{x}}} and {{&x}}", () => {
    expect(renderTemplate("{{{v}}}|{{& v}}|{{v}}", { v: "a b&c" })).toBe("a b&c|a b&c|a%20b%26c");
  });

  it("resolves dotted names and renders missing values as empty strings", () => {
    const context = { client: { first_name: "Анна", phone: "79031234501" } };
    expect(renderTemplate("{{client.phone}}-{{client.missing}}-{{nothing.at.all}}", context)).toBe(
      "79031234501--",
    );
  });

  it("looks names up through the section stack", () => {
    expect(
      renderTemplate("{{#a}}{{#b}}{{x}}-{{y}}{{/b}}{{/a}}", { a: { x: 1, b: { y: 2 } } }),
    ).toBe("1-2");
  });

  it("iterates lists, renders true once and skips falsy sections", () => {
    const context = {
      items: [{ id: 1 }, { id: 2 }],
      names: ["a", "b"],
      yes: true,
      no: false,
      none: null,
      empty: [],
    };
    expect(renderTemplate("{{#items}}[{{id}}]{{/items}}{{#names}}{{.}}{{/names}}", context)).toBe(
      "[1][2]ab",
    );
    expect(
      renderTemplate(
        "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#none}}0{{/none}}{{#empty}}E{{/empty}}",
        context,
      ),
    ).toBe("Y");
  });

  it("renders inverted sections only for falsy, missing or empty values", () => {
    const context = { no: false, empty: [], yes: "x" };
    expect(
      renderTemplate(
        "{{^no}}1{{/no}}{{^empty}}2{{/empty}}{{^missing}}3{{/missing}}{{^yes}}4{{/yes}}",
        context,
      ),
    ).toBe("123");
  });
});

describe("parseTemplate", () => {
  it.each([["{{#a}}open"], ["{{/a}}"], ["{{#a}}{{/b}}"], ["{{unclosed"], ["{{}}"]])(
    "rejects %s",
    (template) => {
      expect(() => parseTemplate(template)).toThrow(TemplateSyntaxError);
    },
  );
});
