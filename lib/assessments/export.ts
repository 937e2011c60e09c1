import ExcelJS from "exceljs";
import { addTableSheet } from "@/lib/dashboards/export.ts";
import type { TableSpec } from "@/lib/dashboards/tables.ts";
import { ASSESSMENT_STATUS_LABELS, itemLabel } from "@/lib/assessments/schema.ts";
import type { AssessmentView } from "@/lib/assessments/queries.ts";
import type { ScoreLine, UnitScore } from "@/lib/assessments/score.ts";

// The 考核 as .xlsx: 排名 (one row per unit) and 扣分加分明细 (one row per
// point, with its fact and a link to check it). Both come from the same
// scores the page shows, frozen ones once published.

export const RANKING_COLUMNS: TableSpec<UnitScore>["columns"] = [
  { header: "名次", value: (s) => s.rank },
  { header: "单位", value: (s) => s.name },
  { header: "基础分", value: (s) => s.base },
  { header: "扣分", value: (s) => s.deductions },
  { header: "加分", value: (s) => s.additions },
  { header: "调整", value: (s) => s.adjustments },
  { header: "得分", value: (s) => s.total },
];

type DetailRow = ScoreLine & { unit: string };

export function assessmentTables(view: AssessmentView, origin: string | null) {
  const ranking: TableSpec<UnitScore> = { title: "排名", columns: RANKING_COLUMNS, rows: view.scores };
  const details: TableSpec<DetailRow> = {
    title: "扣分加分明细",
    columns: [
      { header: "单位", value: (r) => r.unit },
      { header: "规则", value: (r) => itemLabel(r.code) },
      { header: "分值", value: (r) => r.points },
      { header: "事实", value: (r) => r.fact },
      { header: "链接", value: (r) => (r.link ? `${origin ?? ""}${r.link}` : null) },
    ],
    rows: view.scores.flatMap((s) => s.lines.map((line) => ({ ...line, unit: s.name }))),
  };
  return { ranking, details };
}

export function describeAssessment(view: AssessmentView): string {
  const a = view.assessment;
  return a.status === "PUBLISHED"
    ? `${a.regionName} ${a.year} 年度 · ${ASSESSMENT_STATUS_LABELS.PUBLISHED}(${a.publishedOn},${a.publishedByName}),得分已固定`
    : `${a.regionName} ${a.year} 年度 · ${ASSESSMENT_STATUS_LABELS.DRAFT},按 ${view.today} 的情况计算,发布前会随数据和规则变化`;
}

export async function buildAssessmentWorkbook(view: AssessmentView, origin: string | null = null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "法治任务通";
  const { ranking, details } = assessmentTables(view, origin);
  const subtitle = describeAssessment(view);
  addTableSheet(workbook, ranking, `${view.assessment.title}:${ranking.title}`, subtitle);
  addTableSheet(workbook, details, `${view.assessment.title}:${details.title}`, subtitle);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const assessmentFileStem = (view: AssessmentView) =>
  `${view.assessment.title}${view.assessment.status === "PUBLISHED" ? "" : `(草稿,${view.today})`}`;
