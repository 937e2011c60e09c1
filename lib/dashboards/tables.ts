import { completionRate, rate, type AssignmentCounters, type MeasureCounters } from "@/lib/dashboards/facts.ts";
import type {
  DistrictDashboard,
  DashboardMeasureRow,
  loadCityDashboard,
  ProvinceDashboard,
  UnitDashboard,
  UnitRow,
} from "@/lib/dashboards/queries.ts";
import type { UnitSort } from "@/lib/dashboards/schema.ts";
import { LIGHT_LABELS, MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import { outlineAreaName } from "@/lib/outline/areas.ts";
import { chinaDate, chinaDateTime, isoDate } from "@/lib/dates.ts";

// The dashboard tables as columns: the page renders them and the .xlsx export
// writes them, so what is shown and what is exported never drift apart.

export type Cell = string | number | null;
/** A column: header, value, and (for rates) that the number is a ratio to show as a percentage. */
export type Column<Row> = { header: string; value: (row: Row) => Cell; percent?: boolean; sort?: UnitSort };
export type TableSpec<Row> = { title: string; columns: Column<Row>[]; rows: Row[] };

export const onTimeRate = (c: AssignmentCounters) => rate(c.onTime, c.onTimeBase);
export const submissionRate = (c: AssignmentCounters) => rate(c.submitted, c.expected);
export const assignmentCompletionRate = (c: AssignmentCounters) => rate(c.completed, c.assigned);

export const UNIT_COLUMNS: Column<UnitRow>[] = [
  { header: "单位", value: (r) => r.name, sort: "name" },
  { header: "承担任务", value: (r) => r.assigned, sort: "assigned" },
  { header: "其中牵头", value: (r) => r.lead },
  { header: "已完成", value: (r) => r.completed, sort: "completed" },
  { header: "已逾期", value: (r) => r.overdue, sort: "overdue" },
  { header: "按时完成率", value: onTimeRate, percent: true, sort: "onTimeRate" },
  { header: "本期应报", value: (r) => r.expected },
  { header: "本期已报", value: (r) => r.submitted },
  { header: "本期报送率", value: submissionRate, percent: true, sort: "submissionRate" },
  { header: "被退回待重报", value: (r) => r.returned, sort: "returned" },
];

type Named = MeasureCounters & { name: string };
const measureColumns = (first: string): Column<Named>[] => [
  { header: first, value: (r) => r.name },
  { header: "举措数", value: (r) => r.measures },
  { header: "已完成", value: (r) => r.completed },
  { header: "已逾期", value: (r) => r.overdue },
  { header: "推进中", value: (r) => r.inProgress },
  { header: "未启动", value: (r) => r.notStarted },
  { header: "完成率", value: (r) => rate(r.completedNonOngoing, r.nonOngoing), percent: true },
  { header: "红灯", value: (r) => r.red },
  { header: "黄灯", value: (r) => r.yellow },
  { header: "绿灯", value: (r) => r.green },
  { header: "灰灯", value: (r) => r.grey },
];
export const PLAN_COLUMNS = measureColumns("规划");
export const CHAPTER_COLUMNS: Column<Named & { planTitle: string }>[] = [
  ...measureColumns("章节").slice(0, 1),
  { header: "所属规划", value: (r) => r.planTitle || "—" },
  ...measureColumns("章节").slice(1),
];

type ListRow = DistrictDashboard["overdue"]["rows"][number];
export const OVERDUE_COLUMNS: Column<ListRow>[] = [
  { header: "规划", value: (r) => r.planTitle },
  { header: "编号", value: (r) => r.code },
  { header: "举措", value: (r) => r.text },
  { header: "牵头单位", value: (r) => r.leadUnits },
  { header: "完成时限", value: (r) => r.deadline },
  { header: "逾期天数", value: (r) => r.days },
];
export const DUE_SOON_COLUMNS: Column<ListRow>[] = [...OVERDUE_COLUMNS.slice(0, 5), { header: "剩余天数", value: (r) => r.days }];

export const NOT_REPORTED_COLUMNS: Column<UnitRow & { owed: number }>[] = [
  { header: "单位", value: (r) => r.name },
  { header: "本期应报", value: (r) => r.expected },
  { header: "已报", value: (r) => r.submitted },
  { header: "未报", value: (r) => r.owed },
  { header: "其中被退回", value: (r) => r.selReturned },
];

/** The district dashboard's exportable tables, by the name used in the export URL. */
export function districtTables(data: DistrictDashboard) {
  const chapterName = (c: DistrictDashboard["chapters"][number]) => `${c.label}${c.title}`;
  return {
    units: { title: "各单位落实情况", columns: UNIT_COLUMNS, rows: data.units },
    plans: { title: "各规划完成情况", columns: PLAN_COLUMNS, rows: data.plans.map((p) => ({ ...p, name: p.title })) },
    chapters: { title: "各章节完成情况", columns: CHAPTER_COLUMNS, rows: data.chapters.map((c) => ({ ...c, name: chapterName(c) })) },
    overdue: { title: "逾期举措", columns: OVERDUE_COLUMNS, rows: data.overdue.rows },
    dueSoon: { title: "30天内到期举措", columns: DUE_SOON_COLUMNS, rows: data.dueSoon.rows },
    notReported: { title: `${data.periodLabel}未报送单位`, columns: NOT_REPORTED_COLUMNS, rows: data.notReported },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row type
  } satisfies Record<string, TableSpec<never> | TableSpec<any>>;
}

export type DistrictTableName = keyof ReturnType<typeof districtTables>;
export const DISTRICT_TABLE_NAMES = [
  "units",
  "plans",
  "chapters",
  "overdue",
  "dueSoon",
  "notReported",
] as const satisfies readonly DistrictTableName[];

/** The view a table was taken from, in words: printed above exports and printouts. */
export function describeDistrictView(data: DistrictDashboard): string {
  const { filters, options } = data;
  const parts = [`${data.district.name}`, `数据截至 ${data.today}`, `报送期 ${data.periodLabel}`];
  if (filters.plan) parts.push(`规划:${options.plans.find((p) => p.id === filters.plan)?.title ?? filters.plan}`);
  if (filters.chapter) {
    const chapter = options.chapters.find((c) => c.id === filters.chapter);
    parts.push(`章节:${chapter ? `${chapter.label}${chapter.title}` : filters.chapter}`);
  }
  if (filters.area) parts.push(`纲要领域:${outlineAreaName(filters.area) ?? "未归类"}`);
  if (filters.unit) parts.push(`单位:${options.units.find((u) => u.id === filters.unit)?.name ?? filters.unit}`);
  if (filters.state) parts.push(`状态:${MEASURE_STATUS_LABELS[filters.state]}`);
  if (filters.light) parts.push(`灯号:${LIGHT_LABELS[filters.light]}`);
  return parts.join(" · ");
}

type CityData = NonNullable<Awaited<ReturnType<typeof loadCityDashboard>>>;
type DistrictRow = CityData["districts"][number];
const zeroMeasures = (r: DistrictRow) => r.measures;
const zeroAssignments = (r: DistrictRow) => r.assignments;

export const DISTRICT_COLUMNS: Column<DistrictRow>[] = [
  { header: "区", value: (r) => r.name },
  { header: "举措数", value: (r) => zeroMeasures(r)?.measures ?? 0 },
  { header: "已完成", value: (r) => zeroMeasures(r)?.completed ?? 0 },
  { header: "完成率", value: (r) => (r.measures ? completionRate(r.measures) : null), percent: true },
  { header: "已逾期", value: (r) => zeroMeasures(r)?.overdue ?? 0 },
  { header: "红灯", value: (r) => zeroMeasures(r)?.red ?? 0 },
  { header: "黄灯", value: (r) => zeroMeasures(r)?.yellow ?? 0 },
  { header: "绿灯", value: (r) => zeroMeasures(r)?.green ?? 0 },
  { header: "灰灯", value: (r) => zeroMeasures(r)?.grey ?? 0 },
  { header: "按时完成率", value: (r) => (r.assignments ? onTimeRate(r.assignments) : null), percent: true },
  { header: "本期报送率", value: (r) => (r.assignments ? submissionRate(r.assignments) : null), percent: true },
  { header: "被退回待重报", value: (r) => zeroAssignments(r)?.returned ?? 0 },
];

/** The cross-district tables: districts side by side, and outline area × district. */
export function cityTables(data: CityData) {
  const cells = new Map<string, Map<number, MeasureCounters>>();
  for (const cell of data.areaCells) {
    const key = cell.area ?? "NONE";
    if (!cells.has(key)) cells.set(key, new Map());
    cells.get(key)!.set(cell.districtId, cell);
  }
  const areaRows = [...data.areas, { code: "NONE", name: "未归类" }]
    .filter((a) => cells.has(a.code))
    .map((a) => ({ ...a, byDistrict: cells.get(a.code)! }));
  const areaColumns: Column<(typeof areaRows)[number]>[] = [
    { header: "纲要领域", value: (r) => r.name },
    ...data.districts.flatMap((d) => [
      { header: `${d.name}举措数`, value: (r: (typeof areaRows)[number]) => r.byDistrict.get(d.id)?.measures ?? 0 },
      {
        header: `${d.name}完成率`,
        value: (r: (typeof areaRows)[number]) => {
          const c = r.byDistrict.get(d.id);
          return c ? completionRate(c) : null;
        },
        percent: true,
      },
    ]),
  ];
  return {
    districts: { title: "各区主要指标", columns: DISTRICT_COLUMNS, rows: data.districts },
    areas: { title: "按纲要领域对比", columns: areaColumns, rows: areaRows },
  };
}

export const CITY_TABLE_NAMES = ["districts", "areas"] as const;

export function describeCityView(data: CityData): string {
  const parts = [data.region.name, `数据截至 ${data.today}`, `报送期 ${data.periodLabel}`];
  const area = data.filters.area && (data.areas.find((a) => a.code === data.filters.area)?.name ?? "未归类");
  if (area) parts.push(`纲要领域:${area}`);
  if (data.filters.state) parts.push(`状态:${MEASURE_STATUS_LABELS[data.filters.state]}`);
  if (data.filters.light) parts.push(`灯号:${LIGHT_LABELS[data.filters.light]}`);
  return parts.join(" · ");
}

// ---------------------------------------------------------------------------
// Province view: cities side by side

type CityRow = ProvinceDashboard["cities"][number];

/** The city view's district columns, for a city: 市 and its number of districts first. */
export const CITY_COLUMNS: Column<CityRow>[] = [
  { header: "市", value: (r) => (r.level === "DISTRICT" ? `${r.name}(${PROVINCE_DIRECT_LABEL})` : r.name) },
  { header: "区数", value: (r) => r.districtCount },
  ...(DISTRICT_COLUMNS.slice(1) as unknown as Column<CityRow>[]),
];

/** The province's figures in one row (the cities' counters added up), shown above the city table. */
export function provinceSummary(data: ProvinceDashboard) {
  const m = data.totals.measures;
  const a = data.totals.assignments;
  const rated = data.cities.filter((c) => c.assignments && submissionRate(c.assignments) !== null);
  // "Which city is behind": the lowest report rate this period, then the most red lights.
  const behind = [...rated].sort(
    (x, y) => submissionRate(x.assignments!)! - submissionRate(y.assignments!)! || (y.measures?.red ?? 0) - (x.measures?.red ?? 0),
  )[0];
  const mostOverdue = [...data.cities]
    .filter((c) => (c.measures?.overdue ?? 0) > 0)
    .sort((x, y) => y.measures!.overdue - x.measures!.overdue)[0];
  return { measures: m, assignments: a, behind: behind ?? null, mostOverdue: mostOverdue ?? null };
}

/** The province view's tables: cities side by side, and outline area × city. */
export function provinceTables(data: ProvinceDashboard) {
  const cells = new Map<string, Map<number, MeasureCounters>>();
  for (const cell of data.areaCells) {
    const key = cell.area ?? "NONE";
    if (!cells.has(key)) cells.set(key, new Map());
    cells.get(key)!.set(cell.cityId, cell);
  }
  const areaRows = [...data.areas, { code: "NONE", name: "未归类" }]
    .filter((a) => cells.has(a.code))
    .map((a) => ({ ...a, byCity: cells.get(a.code)! }));
  type AreaRow = (typeof areaRows)[number];
  const areaColumns: Column<AreaRow>[] = [
    { header: "纲要领域", value: (r) => r.name },
    ...data.cities.flatMap((c) => [
      { header: `${c.name}举措数`, value: (r: AreaRow) => r.byCity.get(c.id)?.measures ?? 0 },
      {
        header: `${c.name}完成率`,
        value: (r: AreaRow) => {
          const cell = r.byCity.get(c.id);
          return cell ? completionRate(cell) : null;
        },
        percent: true,
      },
    ]),
  ];
  return {
    cities: { title: "各市主要指标", columns: CITY_COLUMNS, rows: data.cities },
    areas: { title: "按纲要领域对比(各市)", columns: areaColumns, rows: areaRows },
  };
}

/** Every district of the province with its city, or 省直管 for one placed directly under the province (the 各市各区 export). */
export function provinceDistrictTable(province: ProvinceDashboard, city: CityData): TableSpec<DistrictRow & { cityName: string }> {
  const cityName = new Map(province.cities.filter((c) => c.level === "CITY").map((c) => [c.id, c.name]));
  cityName.set(province.region.id, PROVINCE_DIRECT_LABEL);
  return {
    title: "各市各区主要指标",
    columns: [{ header: "市", value: (r) => r.cityName }, ...(DISTRICT_COLUMNS as Column<DistrictRow & { cityName: string }>[])],
    rows: city.districts
      .map((d) => ({ ...d, cityName: (d.parentId !== null && cityName.get(d.parentId)) || "" }))
      .sort((x, y) => x.code.localeCompare(y.code)),
  };
}

/** What a district placed directly under the province shows for its 市. */
export const PROVINCE_DIRECT_LABEL = "省直管";

export const PROVINCE_TABLE_NAMES = ["cities", "areas", "districts"] as const;

export function describeProvinceView(data: ProvinceDashboard): string {
  const parts = [data.region.name, `数据截至 ${data.today}`, `报送期 ${data.periodLabel}`, `统计于 ${formatCountedAt(data.asOf)}`];
  const area = data.filters.area && (data.areas.find((a) => a.code === data.filters.area)?.name ?? "未归类");
  if (area) parts.push(`纲要领域:${area}`);
  if (data.filters.state) parts.push(`状态:${MEASURE_STATUS_LABELS[data.filters.state]}`);
  if (data.filters.light) parts.push(`灯号:${LIGHT_LABELS[data.filters.light]}`);
  return parts.join(" · ");
}

/** "2026-12-06 10:05" in China's time: when a province view's figures were counted. */
export function formatCountedAt(asOf: Date): string {
  return chinaDateTime(asOf);
}

// ---------------------------------------------------------------------------
// District drill-down list and department dashboard

export const MEASURE_LIST_COLUMNS: Column<DashboardMeasureRow>[] = [
  { header: "灯号", value: (r) => LIGHT_LABELS[r.light] },
  { header: "规划", value: (r) => r.planTitle },
  { header: "编号", value: (r) => r.code },
  { header: "举措", value: (r) => r.text },
  { header: "完成时限", value: (r) => (r.ongoing ? "长期坚持" : r.deadline) },
  { header: "状态", value: (r) => MEASURE_STATUS_LABELS[r.status] },
];

type Comparison = { label: string; unit: number | null; district: number | null };
type Task = UnitDashboard["tasks"][number];
type Returned = UnitDashboard["returned"][number];

/** The unit's rates beside the district's pooled ones. */
export function unitComparison(data: UnitDashboard): Comparison[] {
  const u = data.unitCounters;
  const d = data.districtCounters;
  return [
    { label: "任务完成率", unit: assignmentCompletionRate(u), district: assignmentCompletionRate(d) },
    { label: "按时完成率", unit: onTimeRate(u), district: onTimeRate(d) },
    { label: `本期报送率(${data.periodLabel})`, unit: submissionRate(u), district: submissionRate(d) },
    { label: "逾期任务占比", unit: rate(u.overdue, u.assigned), district: rate(d.overdue, d.assigned) },
  ];
}

export function unitTables(data: UnitDashboard) {
  return {
    compare: {
      title: "与全区平均比较",
      columns: [
        { header: "指标", value: (r) => r.label },
        { header: "本单位", value: (r) => r.unit, percent: true },
        { header: "全区平均", value: (r) => r.district, percent: true },
      ] satisfies Column<Comparison>[],
      rows: unitComparison(data),
    },
    tasks: {
      title: "本单位任务",
      columns: [
        { header: "灯号", value: (r) => LIGHT_LABELS[r.light] },
        { header: "角色", value: (r) => (r.role === "LEAD" ? "牵头" : "责任") + (r.viaGroup ? `(经${r.viaGroup.name})` : "") },
        { header: "规划", value: (r) => r.measure.plan.title },
        { header: "编号", value: (r) => r.measure.code },
        { header: "举措", value: (r) => r.measure.text },
        { header: "完成时限", value: (r) => (r.measure.ongoing ? "长期坚持" : isoDate(r.measure.deadline)) },
        { header: "说明", value: (r) => r.reason },
      ] satisfies Column<Task>[],
      rows: data.tasks,
    },
    returned: {
      title: "被退回待重报的进展",
      columns: [
        { header: "编号", value: (r) => r.assignment?.measure.code ?? null },
        { header: "举措", value: (r) => r.assignment?.measure.text ?? null },
        { header: "报送期", value: (r) => `${isoDate(r.periodStart)} 至 ${isoDate(r.periodEnd)}` },
        { header: "退回时间", value: (r) => (r.reviewedAt ? chinaDate(r.reviewedAt) : null) },
        { header: "退回意见", value: (r) => r.reviewComment },
      ] satisfies Column<Returned>[],
      rows: data.returned,
    },
  };
}

export const UNIT_TABLE_NAMES = ["compare", "tasks", "returned"] as const;
