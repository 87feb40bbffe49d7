import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  foldSearchText,
  phoneSearchForms,
  searchNeedleOf,
  searchTextOf,
  searchTextWhere,
} from "@/server/domain/lists/table-search";

/** Whether the stored text of a row with these texts and phones is found by the query. */
const finds = (query: string, texts: string[], phones: string[] = []) =>
  searchTextOf(texts, phones).includes(searchNeedleOf(query));

describe("table search", () => {
  it("folds case and ё both in what it stores and in what it is asked", () => {
    expect(foldSearchText("Ёлкина ЁЖИК")).toBe("елкина ежик");
    for (const query of ["елкина", "ЁЛКИНА", "Елкина", "ёлкина"]) {
      expect(finds(query, ["Ёлкина Анна"]), query).toBe(true);
      expect(finds(query, ["Елкина Анна"]), query).toBe(true);
    }
  });

  it("finds a +7 phone however a Russian types it, in full or in part", () => {
    const phones = ["+79991234567"];
    for (const query of [
      "89991234567",
      "+7 (999) 123-45-67",
      "8 999 123 45 67",
      "9991234567",
      "+79991234567",
      "8 (999) 123",
      "4567",
      "999.123.45.67",
    ]) {
      expect(finds(query, [], phones), query).toBe(true);
    }
    expect(finds("89991234568", [], phones)).toBe(false);
  });

  it("keeps the 8 form to Russian numbers", () => {
    expect(phoneSearchForms("+79991234567")).toEqual(["79991234567", "89991234567"]);
    expect(phoneSearchForms("+380501234567")).toEqual(["380501234567"]);
  });

  it("stores the texts folded, then every phone's forms, and nothing for what is missing", () => {
    expect(
      searchTextOf(["Стрижка", "Ёлкина Анна", null, "anna@example.ru", ""], ["+79991234567", null]),
    ).toBe("стрижка елкина анна anna@example.ru 79991234567 89991234567");
    expect(searchTextOf([null], [])).toBe("");
  });

  it("looks a query up as a phone only when it is made of a phone's characters", () => {
    expect(searchNeedleOf(" +7 (999) 123-45-67 ")).toBe("79991234567");
    expect(searchNeedleOf("anna@example.ru")).toBe("anna@example.ru");
    expect(searchNeedleOf("Ёлкина 8999")).toBe("елкина 8999");
    expect(searchTextWhere(undefined)).toEqual({});
    expect(searchTextWhere("  ")).toEqual({});
    expect(searchTextWhere("100%_")).toEqual({ searchText: { contains: "100\\%\\_" } });
  });

  it("finds every Russian mobile number from any of its usual spellings", () => {
    const nationalNumber = fc.stringMatching(/^9\d{9}$/);
    const spelling = fc.constantFrom(
      (n: string) => `8${n}`,
      (n: string) => `+7${n}`,
      (n: string) => `8 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
      (n: string) => `+7 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`,
      (n: string) => n,
    );
    fc.assert(
      fc.property(nationalNumber, spelling, (national, spell) =>
        finds(spell(national), ["Иванова Анна"], [`+7${national}`]),
      ),
    );
  });
});
