import ExcelJS from "exceljs";
import { chineseDate } from "@/lib/dates.ts";
import { addTableSheet } from "@/lib/dashboards/export.ts";
import { buildOfficialDocx, type OfficialBlock } from "@/lib/documents/official-docx.ts";
import { MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import { DEADLINE_KIND_LABELS } from "@/lib/evaluations/snapshot.ts";
import { evaluationRate, type EvaluationReport } from "@/lib/evaluations/queries.ts";
import { chapterName, describeEvaluation, evaluationTables } from "@/lib/evaluations/tables.ts";

/** 41.7%, or "—" with nothing to divide by. */
const pct = (value: number | null) => (value === null ? "—" : `${(Math.round(value * 1000) / 10).toFixed(1)}%`);

export { chineseDate };

export async function buildEvaluationWorkbook(report: EvaluationReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "法治任务通";
  const tables = evaluationTables(report);
  const subtitle = describeEvaluation(report);
  const heading = report.evaluation.title;
  addTableSheet(workbook, tables.chapters, `${heading}:${tables.chapters.title}`, subtitle);
  addTableSheet(workbook, tables.units, `${heading}:${tables.units.title}`, subtitle);
  addTableSheet(workbook, tables.kinds, `${heading}:${tables.kinds.title}`, subtitle);
  addTableSheet(workbook, tables.details, `${heading}:${tables.details.title}`, subtitle);
  const s = report.comparison.summary;
  addTableSheet(
    workbook,
    tables.comparison,
    `${heading}:${tables.comparison.title}`,
    `${subtitle}。基准日后完成 ${s.completedSince} 项,新增逾期 ${s.newlyOverdue} 项,状态未变 ${s.unchanged} 项,其他变化 ${s.other} 项`,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The 总体情况 sentences, shared by the page's summary and the .docx. */
export function overallSentences(report: EvaluationReport): string[] {
  const t = report.totals;
  const kinds = report.kinds.map((k) => `${DEADLINE_KIND_LABELS[k.deadlineKind]} ${k.measures} 项`).join(",");
  const s = report.comparison.summary;
  return [
    `截至${chineseDate(report.evaluation.snapshotDay)},《${report.evaluation.plan.title}》共有举措 ${t.measures} 项(${kinds || "无"})。`,
    `其中已完成 ${t.completed} 项,推进中 ${t.inProgress} 项,未启动 ${t.notStarted} 项,已逾期 ${t.overdue} 项;` +
      `除长期坚持类举措外应完成 ${t.nonOngoing} 项,完成率 ${pct(evaluationRate(t))}。`,
    `与今日(${chineseDate(report.today)})相比,基准日后完成 ${s.completedSince} 项,新增逾期 ${s.newlyOverdue} 项,状态未变 ${s.unchanged} 项,其他变化 ${s.other} 项。`,
  ];
}

export async function buildEvaluationDocx(report: EvaluationReport): Promise<Buffer> {
  const e = report.evaluation;
  const overdue = report.comparison.rows.filter((r) => r.thenStatus === "OVERDUE");
  const changed = report.comparison.rows.filter((r) => r.change === "COMPLETED_SINCE" || r.change === "NEWLY_OVERDUE");
  const s = report.comparison.summary;
  const counts = (r: {
    measures: number;
    completed: number;
    inProgress: number;
    notStarted: number;
    overdue: number;
    nonOngoing: number;
    completedNonOngoing: number;
  }) => [r.measures, r.completed, r.inProgress, r.notStarted, r.overdue, pct(evaluationRate(r))];
  const blocks: OfficialBlock[] = [
    { kind: "heading1", text: "一、总体情况" },
    { kind: "paragraph", text: overallSentences(report).join("\n") },
    { kind: "heading1", text: "二、分章节情况" },
    {
      kind: "table",
      header: ["章节", "举措数", "已完成", "推进中", "未启动", "已逾期", "完成率"],
      rows: report.chapters.map((c) => [chapterName(c), ...counts(c)]),
    },
    { kind: "heading1", text: "三、分单位情况" },
    {
      kind: "table",
      header: ["单位", "牵头", "参与", "已完成", "推进中", "未启动", "已逾期", "完成率"],
      rows: report.units.map((u) => [u.name, u.lead, u.responsible, ...counts(u).slice(1)]),
    },
    { kind: "heading1", text: "四、存在的问题" },
    overdue.length === 0
      ? { kind: "paragraph", text: "截至评估基准日,没有逾期未完成的举措。" }
      : {
          kind: "paragraph",
          text: [
            `截至评估基准日,共有 ${overdue.length} 项举措逾期未完成:`,
            ...overdue.map(
              (r, i) =>
                `${i + 1}. ${r.code} ${r.text}(牵头单位:${r.leadUnits || "未明确"};完成时限:${r.deadline ?? "未列"}${r.percent ? `;进度 ${r.percent}%` : ""})。`,
            ),
          ].join("\n"),
        },
    { kind: "heading1", text: "五、与今日对比" },
    {
      kind: "paragraph",
      text: `与今日(${chineseDate(report.today)})相比:基准日后完成 ${s.completedSince} 项,新增逾期 ${s.newlyOverdue} 项,状态未变 ${s.unchanged} 项,其他变化 ${s.other} 项;目前共已完成 ${s.nowCompleted} 项、逾期 ${s.nowOverdue} 项。`,
    },
  ];
  if (changed.length > 0) {
    blocks.push({
      kind: "table",
      header: ["编号", "举措", "基准日状态", "今日状态"],
      rows: changed.map((r) => [
        r.code,
        r.text,
        MEASURE_STATUS_LABELS[r.thenStatus],
        r.nowStatus ? MEASURE_STATUS_LABELS[r.nowStatus] : "—",
      ]),
    });
  }
  // The default title "<规划>中期评估" becomes "<规划>中期评估报告".
  const title = e.title.endsWith("报告") ? e.title : `${e.title}报告`;
  return buildOfficialDocx({ title, subtitle: `(评估基准日:${chineseDate(e.snapshotDay)})`, blocks });
}

export const evaluationFileStem = (report: EvaluationReport) => `${report.evaluation.title}-${report.evaluation.snapshotDay}`;
