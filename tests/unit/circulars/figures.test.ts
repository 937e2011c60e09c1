import { describe, expect, it } from "vitest";
import { buildFigures, defaultBody, defaultTitle, planPeriodsWithin, rankUnits, rate, type UnitCounts } from "@/lib/circulars/figures.ts";

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
    ["MONTHLY", "2026-07-01", "2026-09-30", ["2026-07-01…2026-07-31 due 2026-08-10", "2026-08-01…2026-08-31 due 2026-09-10", "2026-09-01…2026-09-30 due 2026-10-10"]],
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

  it.each([
    { name: "the bottom three that fall short", rows: ["甲", "乙", "丙", "丁", "戊"].map((n, i) => unit(n, 10, 10 - i, 10 - i)), lagging: ["丙", "丁", "戊"] },
    { name: "everyone tied with the last of them", rows: [unit("甲", 10, 10, 10), unit("乙", 10, 9, 9), unit("丙", 10, 8, 8), unit("丁", 10, 8, 8), unit("戊", 10, 8, 8)], lagging: ["丙", "丁", "戊"] },
    { name: "ties at the boundary widen the list", rows: [unit("甲", 10, 9, 9), unit("乙", 10, 9, 9), unit("丙", 10, 8, 8), unit("丁", 10, 7, 7)], lagging: ["甲", "乙", "丙", "丁"] },
    { name: "only those that fall short", rows: [unit("甲", 10, 10, 10), unit("乙", 10, 10, 10), unit("丙", 10, 10, 9)], lagging: ["丙"] },
    { name: "nobody when all reported on time and nothing is overdue", rows: [unit("甲", 10, 10, 10), unit("乙", 0, 0, 0)], lagging: [] },
    { name: "an overdue measure alone falls short", rows: [unit("甲", 10, 10, 10), unit("乙", 10, 10, 10, 1)], lagging: ["乙"] },
  ])("lagging: $name", ({ rows, lagging }) => {
    expect(rankUnits(rows).filter((u) => u.lagging).map((u) => u.unitName)).toEqual(lagging);
  });
});

describe("buildFigures and the wording", () => {
  it("totals the rows, rates to one decimal, names the lagging worst first", () => {
    const figures = buildFigures({ start: "2026-07-01", end: "2026-09-30", asOf: "2026-09-30", rows: [unit("甲", 3, 3, 3), unit("乙", 3, 2, 1, 1), unit("丙", 3, 0, 0)] });
    expect(figures.totals).toEqual({ units: 3, owed: 9, submitted: 5, onTime: 4, returned: 0, overdue: 1, reportRate: 55.6, onTimeRate: 44.4 });
    expect(figures.lagging).toEqual(["丙", "乙"]);
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(0, 0)).toBeNull();
    const body = defaultBody("2026年第三季度", figures);
    expect(body).toContain("现将2026年第三季度各单位任务推进情况通报如下");
    expect(body).toContain("应报送进展 9 项,已报送 5 项,报送率 55.6%");
    expect(body).toContain("丙、乙在本期排名靠后");
    expect(defaultTitle("2026年第三季度")).toBe("关于2026年第三季度法治政府建设任务推进情况的通报");
  });
});

describe("the inbox message of an issued circular", () => {
  it("comes from a person, names the circular and its 文号, and links to it", async () => {
    const { circularIssuedMessage, isFromPerson } = await import("@/lib/notifications/messages.ts");
    const message = circularIssuedMessage({ id: 5, title: "关于2026年第三季度法治政府建设任务推进情况的通报", issuer: "下陆区司法局", documentNumber: "下司法〔2026〕12号" });
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
    const actor = { id: 1, role, name: "x", regionId: role === "ADMIN" ? null : 1, scopeRegionIds: [1], unitId: role === "LIAISON" ? 1 : null };
    expect(navigationFor(actor).find((item) => item.href === "/circulars")).toEqual({ href: "/circulars", label: "通报" });
  });
});
