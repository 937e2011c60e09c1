import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProvinceView } from "@/components/dashboard/province-view.tsx";
import type { ProvinceDashboard } from "@/lib/dashboards/queries.ts";
import type { AssignmentCounters, MeasureCounters } from "@/lib/dashboards/facts.ts";

// The province leader's page as the server renders it: a city's row opens the
// city's cross-district view, a district placed directly under the province
// (省直管) opens its own district page, never the province page again.

const measures = (n: number): MeasureCounters =>
  ({
    measures: n,
    ongoing: 0,
    nonOngoing: n,
    completedNonOngoing: 1,
    overdue: 0,
    red: 0,
    yellow: 0,
    green: n,
  }) as unknown as MeasureCounters;
const assignments = (n: number): AssignmentCounters =>
  ({ assigned: n, completed: 0, onTimeBase: 0, onTime: 0, expected: n, submitted: 1 }) as unknown as AssignmentCounters;

function view(source: ProvinceDashboard["source"], filters: ProvinceDashboard["filters"] = {}): ProvinceDashboard {
  return {
    region: { id: 1, name: "湖北省", path: "/1/", level: "PROVINCE" },
    today: "2026-11-23",
    filters,
    periodLabel: "2026年第四季度",
    cities: [
      { id: 10, name: "黄石市", code: "420200", level: "CITY", districtCount: 2, measures: measures(4), assignments: assignments(4) },
      { id: 20, name: "仙桃市", code: "429004", level: "DISTRICT", districtCount: 1, measures: measures(3), assignments: assignments(3) },
    ],
    totals: { measures: measures(7), assignments: assignments(7) },
    districtCount: 3,
    areas: [{ code: "ENFORCEMENT", name: "行政执法" }],
    areaCells: [
      { ...measures(4), cityId: 10, area: "ENFORCEMENT" },
      { ...measures(3), cityId: 20, area: "ENFORCEMENT" },
    ],
    asOf: new Date("2026-11-23T02:05:00Z"),
    source,
    options: { periods: [] },
  } as unknown as ProvinceDashboard;
}

const render = (data: ProvinceDashboard) => renderToStaticMarkup(createElement(ProvinceView, { data }));

describe("ProvinceView", () => {
  it("links each city to its cross-district view and a 省直管 district to its own page", () => {
    const html = render(view("snapshot"));
    expect(html).toContain("<caption");
    expect(html).toContain("各市主要指标");
    expect(html).toMatch(/<th[^>]*>市<\/th>/);
    expect(html).toMatch(/<a[^>]*href="\/dashboard\/city\/10"[^>]*>黄石市<\/a>/);
    expect(html).toContain('href="/dashboard/district/20">仙桃市(省直管)</a>');
    // The area cells drill down the same way.
    expect(html).toContain('href="/dashboard/district/20?area=ENFORCEMENT"');
    expect(html).toContain('href="/dashboard/city/10?area=ENFORCEMENT"');
    expect(html).not.toContain('href="/dashboard/city/20');
    // The province's own address only for the filter bar's 清除筛选, never for a row.
    expect(html.match(/href="\/dashboard\/city\/1"[^>]*>[^<]*/g)).toEqual(['href="/dashboard/city/1">清除筛选']);
  });

  it("says when the figures were counted, and that only the unfiltered view is counted in advance", () => {
    const unfiltered = render(view("snapshot"));
    expect(unfiltered).toContain("未筛选的全省数据每 5 分钟统计一次,统计于 2026-11-23 10:05");
    const filtered = render(view("memory", { light: "RED" }));
    expect(filtered).toContain("统计于 2026-11-23 10:05;筛选后的数据在打开时统计");
    expect(filtered).not.toContain("每 5 分钟统计一次");
  });

  it("says 举措, not 措施", () => {
    const html = render(view("snapshot"));
    expect(html).toContain("举措总数");
    expect(html).not.toContain("措施总数");
    expect(html).not.toContain("长期坚持的措施");
    expect(html).not.toMatch(/aria-label="[^"]*措施/);
  });
});
