// The same ICU parser next-intl's runtime formats with (intl-messageformat), so the test reads the
// messages exactly as the interface does.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import en from "../../messages/en.json";
import ru from "../../messages/ru.json";

type TMessages = { [key: string]: string | TMessages };

/**
 * Arguments that carry a number of things. Next to a noun such a number needs the noun's plural
 * form («1 символ», «2 символа», «5 символов», «21 символ»), so it goes inside a `plural`; a figure
 * that stands alone («Всего: 30», «5 из 10») says so with `{name, number}`.
 */
const COUNT_ARGUMENT =
  /^(count|\w+Count|min|max|expected|actual|done|queued|listed|enqueued|failed|minutes|hours|days|seconds|page|pages|attempts)$/;

/** Plural categories each language distinguishes for whole numbers (CLDR): ru 1/21, 2–4, 5–20. */
const PLURAL_FORMS = { ru: ["few", "many", "one", "other"], en: ["one", "other"] } as const;

const entriesOf = (messages: TMessages, prefix = ""): [string, string][] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[`${prefix}${key}`, value] as [string, string]]
      : entriesOf(value, `${prefix}${key}.`),
  );

type TFinding = { key: string; problem: string };

/** Count arguments used bare, and plurals that miss a form the language needs. */
function pluralProblems(
  key: string,
  elements: MessageFormatElement[],
  forms: readonly string[],
  isInPlural = false,
): TFinding[] {
  return elements.flatMap((element): TFinding[] => {
    if (element.type === TYPE.plural) {
      const missing = forms.filter((form) => !(form in element.options));
      const own =
        missing.length > 0
          ? [{ key, problem: `{${element.value}} lacks ${missing.join(", ")}` }]
          : [];
      return [
        ...own,
        ...Object.values(element.options).flatMap((option) =>
          pluralProblems(key, option.value, forms, true),
        ),
      ];
    }
    if (element.type === TYPE.select)
      return Object.values(element.options).flatMap((option) =>
        pluralProblems(key, option.value, forms, isInPlural),
      );
    if (element.type === TYPE.argument && !isInPlural && COUNT_ARGUMENT.test(element.value))
      return [{ key, problem: `{${element.value}} is not in a plural` }];
    return [];
  });
}

const problemsOf = (locale: keyof typeof PLURAL_FORMS, messages: TMessages) =>
  entriesOf(messages).flatMap(([key, text]) =>
    pluralProblems(key, parse(text, { ignoreTag: true }), PLURAL_FORMS[locale]),
  );

describe("counts in messages", () => {
  it("puts every count next to a word inside a plural with all of the language's forms", () => {
    expect(problemsOf("ru", ru as TMessages)).toEqual([]);
    expect(problemsOf("en", en as TMessages)).toEqual([]);
  });

  it("agrees the noun with 1, 2, 5 and 21 in Russian", () => {
    const t = createTranslator({ locale: "ru", messages: ru, namespace: "klientiks" });
    const registered = [1, 2, 5, 21].map((count) => t("registeredInEmulator", { count }));
    expect(registered).toEqual([
      "Адреса прописаны в демо-аккаунте эмулятора: 1 событие.",
      "Адреса прописаны в демо-аккаунте эмулятора: 2 события.",
      "Адреса прописаны в демо-аккаунте эмулятора: 5 событий.",
      "Адреса прописаны в демо-аккаунте эмулятора: 21 событие.",
    ]);
  });

  it("finds a bare count and a plural without the few form", () => {
    expect(
      pluralProblems(
        "sample",
        parse("{count} событий, {minutes, plural, one {# минута} other {# минут}}"),
        PLURAL_FORMS.ru,
      ),
    ).toEqual([
      { key: "sample", problem: "{count} is not in a plural" },
      { key: "sample", problem: "{minutes} lacks few, many" },
    ]);
  });
});
