import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_ID, parseId, routeId, searchParamId } from "@/lib/ids.ts";
import { id, idList, optionalId } from "@/lib/validation.ts";

describe("parseId", () => {
  it.each<[unknown, number | null]>([
    ["1", 1],
    ["42", 42],
    ["2147483647", MAX_ID],
    [1, 1],
    [MAX_ID, MAX_ID],
    ["2147483648", null],
    ["3000000000", null],
    ["99999999999999999999", null],
    [2147483648, null],
    [3e9, null],
    ["0", null],
    [0, null],
    ["-1", null],
    [-1, null],
    ["+1", null],
    ["1e3", null],
    ["1.5", null],
    [1.5, null],
    ["1.0", null],
    ["12abc", null],
    ["0x10", null],
    ["012", null],
    [" 12", null],
    ["12 ", null],
    ["", null],
    ["١٢", null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [null, null],
    [undefined, null],
    [true, null],
    [[1], null],
    [{}, null],
  ])("%j → %j", (input, expected) => {
    expect(parseId(input)).toBe(expected);
  });
});

describe("searchParamId", () => {
  it.each<[string | string[] | undefined, number | undefined]>([
    ["7", 7],
    [["7", "8"], 7],
    ["3000000000", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %j", (input, expected) => {
    expect(searchParamId(input)).toBe(expected);
  });
});

describe("routeId: a page's [id] segment, or the page's 404", () => {
  it.each<[string, number]>([
    ["1", 1],
    ["12", 12],
    ["2147483647", MAX_ID],
  ])("%j → %j", (segment, id) => {
    expect(routeId(segment)).toBe(id);
  });

  // notFound() throws Next's 404 signal; the page renders not-found, as for a missing record.
  it.each<string | undefined>(["012", "1e3", "-1", "0", "abc", "1.5", "12abc", " 12", "", "2147483648", "9999999999", undefined])(
    "%j → not found",
    (segment) => {
      expect(() => routeId(segment)).toThrow("NEXT_HTTP_ERROR_FALLBACK;404");
    },
  );
});

describe("the zod id helpers use the same bound", () => {
  const schema = z.object({ a: id("单位"), b: optionalId("区域"), c: idList("成员") });
  it.each<[Record<string, unknown>, string, string]>([
    [{ a: "2147483648" }, "a", "请选择单位"],
    [{ a: 3000000000 }, "a", "请选择单位"],
    [{ a: "1e3" }, "a", "请选择单位"],
    [{ a: "0" }, "a", "请选择单位"],
    [{}, "a", "请选择单位"],
    [{ a: "1", b: "2147483648" }, "b", "请选择区域"],
    [{ a: "1", c: ["1", "2147483648"] }, "c", "请选择成员"],
  ])("refuses %j on %s with a Chinese message", (input, path, message) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === path)?.message).toBe(message);
  });

  it("accepts form strings and numbers up to 2^31 − 1", () => {
    expect(schema.parse({ a: "2147483647", b: "", c: ["1", 2] })).toEqual({ a: MAX_ID, c: [1, 2] });
    expect(schema.parse({ a: 5, b: 6, c: "3" })).toEqual({ a: 5, b: 6, c: [3] });
  });
});
