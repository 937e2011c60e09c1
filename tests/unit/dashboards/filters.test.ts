import { describe, expect, it } from "vitest";
import { filtersToQuery, parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { monthSeries, periodOptions, rankUnits, type UnitRow } from "@/lib/dashboards/figures.ts";

describe("parseDashboardFilters: URL values become filters; bad ones are dropped, never an error", () => {
  it.each<[string, Record<string, string | string[] | undefined>, object]>([
    ["nothing", {}, {}],
    [
      "every filter",
      {
        period: "2026-Q3",
        plan: "3",
        chapter: "12",
        unit: "7",
        state: "OVERDUE",
        light: "RED",
        area: "ENFORCEMENT",
        sort: "returned",
        dir: "asc",
      },
      {
        period: "2026-Q3",
        plan: 3,
        chapter: 12,
        unit: 7,
        state: "OVERDUE",
        light: "RED",
        area: "ENFORCEMENT",
        sort: "returned",
        dir: "asc",
      },
    ],
    ["monthly, half-year and year keys", { period: "2026-09" }, { period: "2026-09" }],
    ["a half-year key", { period: "2026-H1" }, { period: "2026-H1" }],
    ["a malformed period", { period: "2026-Q5" }, {}],
    ["an id that is not a number", { plan: "abc" }, {}],
    ["an id beyond the Int column", { plan: "99999999999" }, {}],
    ["a negative id", { unit: "-1" }, {}],
    ["an unknown light", { light: "BLUE" }, {}],
    ["lower-case state", { state: "overdue" }, {}],
    ["an area with odd characters", { area: "enforcement;drop" }, {}],
    ["repeated parameters: the first wins", { light: ["RED", "GREEN"] }, { light: "RED" }],
    ["empty values", { plan: "", light: "" }, {}],
    ["unknown keys", { foo: "bar" }, {}],
  ])("%s", (_name, params, expected) => {
    const parsed = parseDashboardFilters(params);
    expect(Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined))).toEqual(expected);
  });
});

describe("filtersToQuery", () => {
  it.each<[string, object, object, string]>([
    ["no filters", {}, {}, ""],
    ["keeps the filters in a stable order", { light: "RED", plan: 3 }, {}, "?plan=3&light=RED"],
    ["a change overrides", { plan: 3, chapter: 9 }, { chapter: 12 }, "?plan=3&chapter=12"],
    ["undefined removes", { plan: 3, chapter: 9 }, { chapter: undefined }, "?plan=3"],
  ])("%s", (_name, filters, change, expected) => {
    expect(filtersToQuery(filters, change)).toBe(expected);
  });

  it("round-trips through parseDashboardFilters", () => {
    const filters = {
      period: "2026-Q2",
      plan: 4,
      chapter: 40,
      unit: 9,
      state: "IN_PROGRESS",
      light: "GREY",
      area: "NONE",
      sort: "name",
      dir: "desc",
    } as const;
    const query = new URLSearchParams(filtersToQuery(filters).slice(1));
    expect(parseDashboardFilters(Object.fromEntries(query))).toEqual(filters);
  });
});

const row = (name: string, figures: Partial<UnitRow> = {}): UnitRow => ({
  unitId: name.length,
  name,
  assigned: 10,
  lead: 1,
  completed: 0,
  overdue: 0,
  onTimeBase: 0,
  onTime: 0,
  expected: 0,
  submitted: 0,
  selReturned: 0,
  returned: 0,
  ...figures,
});

describe("rankUnits", () => {
  const units = [
    row("区司法局", { overdue: 1, onTime: 1, onTimeBase: 2, expected: 4, submitted: 4 }),
    row("区财政局", { overdue: 3, onTime: 0, onTimeBase: 0, expected: 2, submitted: 1 }),
    row("区发改局", { overdue: 1, onTime: 3, onTimeBase: 3, expected: 0, submitted: 0 }),
  ];
  const names = (rows: UnitRow[]) => rows.map((r) => r.name);

  it.each<[string, Parameters<typeof rankUnits>[1], Parameters<typeof rankUnits>[2], string[]]>([
    ["default: most overdue first, ties by name in pinyin order", undefined, undefined, ["区财政局", "区发改局", "区司法局"]],
    ["on-time rate, best first; no base ranks last", "onTimeRate", undefined, ["区发改局", "区司法局", "区财政局"]],
    ["on-time rate ascending", "onTimeRate", "asc", ["区财政局", "区司法局", "区发改局"]],
    ["submission rate: nothing owed ranks last", "submissionRate", undefined, ["区司法局", "区财政局", "区发改局"]],
    ["name ascending by pinyin", "name", undefined, ["区财政局", "区发改局", "区司法局"]],
    ["name descending", "name", "desc", ["区司法局", "区发改局", "区财政局"]],
  ])("%s", (_name, sort, dir, expected) => {
    expect(names(rankUnits(units, sort, dir))).toEqual(expected);
  });
});

describe("periodOptions", () => {
  it("offers the last eight quarters up to the latest one due", () => {
    expect(periodOptions("2026-11-23").map((p) => p.key)).toEqual([
      "2026-Q3",
      "2026-Q2",
      "2026-Q1",
      "2025-Q4",
      "2025-Q3",
      "2025-Q2",
      "2025-Q1",
      "2024-Q4",
    ]);
    // On 10 October Q3's report is still being collected: Q2 is the latest due.
    expect(periodOptions("2026-10-10")[0]!.key).toBe("2026-Q2");
  });

  it("keeps a chosen period that is not among them, first", () => {
    expect(
      periodOptions("2026-11-23", "2023-09")
        .slice(0, 2)
        .map((p) => p.key),
    ).toEqual(["2023-09", "2026-Q3"]);
    expect(periodOptions("2026-11-23", "2025-Q4")).toHaveLength(8);
  });
});

describe("monthSeries", () => {
  it("runs from January of the plans' first year to today's month, with a running total", () => {
    const series = monthSeries(
      [
        { month: "2025-02", completed: 2 },
        { month: "2025-04", completed: 1 },
      ],
      2025,
      "2025-05-20",
    );
    expect(series).toEqual([
      { month: "2025-01", completed: 0, cumulative: 0 },
      { month: "2025-02", completed: 2, cumulative: 2 },
      { month: "2025-03", completed: 0, cumulative: 2 },
      { month: "2025-04", completed: 1, cumulative: 3 },
      { month: "2025-05", completed: 0, cumulative: 3 },
    ]);
  });

  it("shows at most the last five years, counting earlier completions in the running total", () => {
    const series = monthSeries(
      [
        { month: "2015-06", completed: 4 },
        { month: "2026-01", completed: 1 },
      ],
      2011,
      "2026-03-01",
    );
    expect(series[0]).toEqual({ month: "2021-01", completed: 0, cumulative: 4 });
    expect(series.at(-1)).toEqual({ month: "2026-03", completed: 0, cumulative: 5 });
    expect(series).toHaveLength(63);
  });

  it("with no plan year and no completions: this year so far", () => {
    expect(monthSeries([], null, "2026-02-10").map((p) => p.month)).toEqual(["2026-01", "2026-02"]);
  });
});
