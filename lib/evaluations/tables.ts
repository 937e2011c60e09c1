import type { Column, TableSpec } from "@/lib/dashboards/tables.ts";
import { LIGHT_LABELS, MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import { COMPARISON_CHANGE_LABELS, DEADLINE_KIND_LABELS } from "@/lib/evaluations/snapshot.ts";
import {
  evaluationRate,
  type ChapterRow,
  type ComparisonRow,
  type DeadlineKindRow,
  type EvaluationReport,
  type StatusCounters,
  type UnitRow,
} from "@/lib/evaluations/queries.ts";

// The evaluation's tables as columns: the page renders them and the .xlsx
// export writes them, so the two never disagree.

const statusColumns = <Row extends StatusCounters>(): Column<Row>[] => [
  { header: "举措数", value: (r) => r.measures },
  { header: "已完成", value: (r) => r.completed },
  { header: "推进中", value: (r) => r.inProgress },
  { header: "未启动", value: (r) => r.notStarted },
  { header: "已逾期", value: (r) => r.overdue },
  { header: "完成率", value: (r) => evaluationRate(r), percent: true },
];

export const chapterName = (r: ChapterRow) => `${r.label}${r.title}`;

export const CHAPTER_COLUMNS: Column<ChapterRow>[] = [{ header: "章节", value: chapterName }, ...statusColumns<ChapterRow>()];

export const UNIT_COLUMNS: Column<UnitRow>[] = [
  { header: "单位", value: (r) => r.name },
  { header: "牵头举措", value: (r) => r.lead },
  { header: "参与(责任)举措", value: (r) => r.responsible },
  ...statusColumns<UnitRow>(),
];

export const DEADLINE_KIND_COLUMNS: Column<DeadlineKindRow>[] = [
  { header: "时限类型", value: (r) => DEADLINE_KIND_LABELS[r.deadlineKind] ?? r.deadlineKind },
  ...statusColumns<DeadlineKindRow>(),
];

const deadlineText = (r: ComparisonRow) => (r.deadlineKind === "ONGOING" ? "长期坚持" : (r.deadline ?? "未列时限"));

export const DETAIL_COLUMNS: Column<ComparisonRow>[] = [
  { header: "编号", value: (r) => r.code },
  { header: "举措", value: (r) => r.text },
  { header: "章节", value: (r) => r.chapter },
  { header: "牵头单位", value: (r) => r.leadUnits },
  { header: "完成时限", value: deadlineText },
  { header: "状态", value: (r) => MEASURE_STATUS_LABELS[r.thenStatus] },
  { header: "灯号", value: (r) => LIGHT_LABELS[r.thenLight] },
  { header: "进度(%)", value: (r) => r.percent },
];

export const COMPARISON_COLUMNS: Column<ComparisonRow>[] = [
  { header: "编号", value: (r) => r.code },
  { header: "举措", value: (r) => r.text },
  { header: "牵头单位", value: (r) => r.leadUnits },
  { header: "基准日状态", value: (r) => MEASURE_STATUS_LABELS[r.thenStatus] },
  { header: "今日状态", value: (r) => (r.nowStatus ? MEASURE_STATUS_LABELS[r.nowStatus] : "—") },
  { header: "今日灯号", value: (r) => (r.nowLight ? LIGHT_LABELS[r.nowLight] : "—") },
  { header: "变化", value: (r) => COMPARISON_CHANGE_LABELS[r.change] },
];

export function evaluationTables(report: EvaluationReport) {
  return {
    chapters: { title: "按章节", columns: CHAPTER_COLUMNS, rows: report.chapters } satisfies TableSpec<ChapterRow>,
    units: { title: "按单位", columns: UNIT_COLUMNS, rows: report.units } satisfies TableSpec<UnitRow>,
    kinds: { title: "按时限类型", columns: DEADLINE_KIND_COLUMNS, rows: report.kinds } satisfies TableSpec<DeadlineKindRow>,
    details: { title: "明细", columns: DETAIL_COLUMNS, rows: report.comparison.rows } satisfies TableSpec<ComparisonRow>,
    comparison: { title: "与今日对比", columns: COMPARISON_COLUMNS, rows: report.comparison.rows } satisfies TableSpec<ComparisonRow>,
  };
}

/** "基准日 2024-06-30 · 下陆区 · 规划名" line under titles. */
export function describeEvaluation(report: EvaluationReport): string {
  const e = report.evaluation;
  return `评估基准日 ${e.snapshotDay} · ${e.plan.region.name} · ${e.plan.title} · 与今日(${report.today})对比`;
}
