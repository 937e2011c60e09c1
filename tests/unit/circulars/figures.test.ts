import { describe, expect, it } from "vitest";
import {
  buildFigures,
  defaultBody,
  defaultTitle,
  planPeriodsWithin,
  rankUnits,
  rate,
  unitStanding,
  type UnitCounts,
} from "@/lib/circulars/figures.ts";

// The pure half of 通报: which periods a span covers, the ranking order, shared
// ranks, the lagging units and the default wording.

const unit = (unitName: string, owed: number, submitted: number, onTime: number, overdue = 0, returned = 0, unitId = 0): UnitCounts => ({
  unitId,
  unitName,
  owed,
  submitted,
  onTime,
  returned,
  overdue,
});

describe("planPeriodsWithin", () => {
  it.each([
    ["QUARTERLY", "2026-07-01", "2026-09-30", ["2026-07-01…2026-09-30 due 2026-10-10"]],
    [
      "MONTHLY",
      "2026-07-01",
      "2026-09-30",
      ["2026-07-01…2026-07-31 due 2026-08-10", "2026-08-01…2026-08-31 due 2026-09-10", "2026-09-01…2026-09-30 due 2026-10-10"],
    ],
    ["HALF_YEARLY", "2026-07-01", "2026-09-30", []],
    ["QUARTERLY", "2026-01-15", "2026-06-30", ["2026-04-01…2026-06-30 due 2026-07-10"]],
    ["YEARLY", "2025-01-01", "2025-12-31", ["2025-01-01…2025-12-31 due 2026-01-10"]],
  ] as const)("a %s plan over %s…%s", (cadence, start, end, expected) => {
    const periods = planPeriodsWithin([{ id: 1, reportCadence: cadence, reportDueDay: 10 }], start, end);
    expect(periods.map((p) => `${p.start}…${p.end} due ${p.dueDate}`)).toEqual(expected);
  });

  it("takes each plan's own due day", () => {
    expect(planPeriodsWithin([{ id: 7, reportCadence: "QUARTERLY", reportDueDay: 31 }], "2026-07-01", "2026-09-30")).toEqual([
      { planId: 7, start: "2026-07-01", end: "2026-09-30", dueDate: "2026-10-31" },
    ]);
  });
});

describe("rankUnits", () => {
  it.each([
    {
      name: "report rate first, then on-time rate, then fewer overdue, then fewer returned",
      rows: [unit("丙", 4, 4, 2), unit("甲", 4, 3, 3), unit("乙", 4, 4, 4, 1), unit("丁", 4, 4, 4, 0, 1), unit("戊", 4, 4, 4)],
      expected: [
        [1, "戊"],
        [2, "丁"],
        [3, "乙"],
        [4, "丙"],
        [5, "甲"],
      ],
    },
    {
      name: "equal figures share a rank, ordered by name in pinyin",
      rows: [unit("区司法局", 2, 1, 1), unit("区财政局", 2, 1, 1), unit("区城管局", 2, 2, 2)],
      expected: [
        [1, "区城管局"],
        [2, "区财政局"],
        [2, "区司法局"],
      ],
    },
    {
      name: "a unit that owed nothing counts as 100%",
      rows: [unit("区档案馆", 0, 0, 0), unit("区民政局", 2, 1, 1)],
      expected: [
        [1, "区档案馆"],
        [2, "区民政局"],
      ],
    },
  ])("$name", ({ rows, expected }) => {
    expect(rankUnits(rows).map((u) => [u.rank, u.unitName])).toEqual(expected);
  });

  // The bottom part is the last min(3, ⌊n/2⌋) places of n; a unit is named
  // when it falls short and its (shared) rank lies inside that part.
  const tens = (names: string, submitted: number[]) => [...names].map((n, i) => unit(n, 10, submitted[i]!, submitted[i]!));
  it.each([
    { name: "the bottom three of six that fall short", rows: tens("甲乙丙丁戊己", [10, 9, 8, 7, 6, 5]), lagging: ["丁", "戊", "己"] },
    { name: "only the bottom half of a small district", rows: tens("甲乙丙丁戊", [10, 9, 8, 7, 6]), lagging: ["丁", "戊"] },
    {
      name: "not a unit ranked 2 of 4 at 100% and 100% whose only shortfall is an overdue measure",
      rows: [unit("区教育局", 1, 1, 1), unit("区司法局", 3, 3, 3, 1), unit("区发改局", 5, 3, 1, 1, 1), unit("区财政局", 1, 0, 0)],
      lagging: ["区发改局", "区财政局"],
    },
    { name: "ties at the boundary do not widen the list", rows: tens("甲乙丙丁", [9, 9, 8, 7]), lagging: ["丙", "丁"] },
    {
      name: "a tie wholly inside the bottom part is named whole",
      rows: tens("甲乙丙丁戊己庚", [10, 10, 10, 9, 8, 8, 8]),
      lagging: ["戊", "己", "庚"],
    },
    {
      name: "a tie straddling the bottom part is left out rather than widening it",
      rows: tens("甲乙丙丁戊", [10, 9, 8, 8, 8]),
      lagging: [],
    },
    { name: "never a unit with full marks, even at the bottom", rows: tens("甲乙丙丁", [10, 10, 10, 9]), lagging: ["丁"] },
    { name: "nobody when all reported on time and nothing is overdue", rows: [unit("甲", 10, 10, 10), unit("乙", 0, 0, 0)], lagging: [] },
    {
      name: "an overdue measure alone falls short at the bottom",
      rows: [unit("甲", 10, 10, 10), unit("乙", 10, 10, 10, 1)],
      lagging: ["乙"],
    },
    {
      name: "a returned report alone falls short at the bottom",
      rows: [unit("甲", 10, 10, 10), unit("乙", 10, 10, 10, 0, 1)],
      lagging: ["乙"],
    },
    { name: "a district of one unit names nobody", rows: [unit("甲", 10, 0, 0)], lagging: [] },
  ])("lagging: $name", ({ rows, lagging }) => {
    // As a set: tied units come in pinyin order, which the ranking tests cover.
    expect(
      rankUnits(rows)
        .filter((u) => u.lagging)
        .map((u) => u.unitName)
        .sort(),
    ).toEqual([...lagging].sort());
  });
});

describe("unitStanding", () => {
  const figures = buildFigures({
    start: "2026-07-01",
    end: "2026-09-30",
    asOf: "2026-09-30",
    rows: [unit("甲", 3, 3, 3, 0, 0, 1), unit("乙", 3, 2, 1, 1, 0, 2), unit("丙", 3, 0, 0, 0, 0, 3)],
  });
  it.each([
    [1, "本单位排名第 1 / 3"],
    [3, "本单位排名第 3 / 3"],
    [9, null],
    [null, null],
  ] as const)("unit %s → %s", (unitId, expected) => {
    expect(unitStanding(figures, unitId)).toBe(expected);
  });
});

describe("buildFigures and the wording", () => {
  it("totals the rows, rates to one decimal, names the lagging worst first", () => {
    const figures = buildFigures({
      start: "2026-07-01",
      end: "2026-09-30",
      asOf: "2026-09-30",
      rows: [unit("甲", 3, 3, 3), unit("乙", 3, 2, 1, 1), unit("丙", 3, 0, 0)],
    });
    expect(figures.totals).toEqual({
      units: 3,
      owed: 9,
      submitted: 5,
      onTime: 4,
      returned: 0,
      overdue: 1,
      reportRate: 55.6,
      onTimeRate: 44.4,
    });
    // Three units: the bottom part is the last place only.
    expect(figures.lagging).toEqual(["丙"]);
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(0, 0)).toBeNull();
    const body = defaultBody("2026年第三季度", figures);
    expect(body).toContain("现将2026年第三季度各单位任务推进情况通报如下");
    expect(body).toContain("应报送进展 9 项,已报送 5 项,报送率 55.6%");
    expect(body).toContain("丙在本期排名靠后");
    expect(defaultTitle("2026年第三季度")).toBe("关于2026年第三季度法治政府建设任务推进情况的通报");
  });
});

describe("the inbox message of an issued circular", () => {
  it("comes from a person, names the circular and its 文号, and links to it", async () => {
    const { circularIssuedMessage, isFromPerson } = await import("@/lib/notifications/messages.ts");
    const message = circularIssuedMessage({
      id: 5,
      title: "关于2026年第三季度法治政府建设任务推进情况的通报",
      issuer: "下陆区司法局",
      documentNumber: "下司法〔2026〕12号",
    });
    expect(message).toEqual({
      kind: "CIRCULAR",
      title: "通报:关于2026年第三季度法治政府建设任务推进情况的通报",
      body: "下陆区司法局印发了下司法〔2026〕12号《关于2026年第三季度法治政府建设任务推进情况的通报》,请查阅本单位的报送、按时报送、退回和逾期情况及排名。",
      link: "/circulars/5",
    });
    expect(isFromPerson(message.kind)).toBe(true);
  });
});

describe("the 通报 menu entry", () => {
  it.each(["ADMIN", "BUREAU", "LEADER", "LIAISON"] as const)("%s sees it", async (role) => {
    const { navigationFor } = await import("@/lib/navigation.ts");
    const actor = {
      id: 1,
      role,
      name: "x",
      regionId: role === "ADMIN" ? null : 1,
      scopeRegionIds: [1],
      unitId: role === "LIAISON" ? 1 : null,
    };
    expect(navigationFor(actor).find((item) => item.href === "/circulars")).toEqual({ href: "/circulars", label: "通报" });
  });
});
