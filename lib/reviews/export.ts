import ExcelJS from "exceljs";
import { chineseDate } from "@/lib/dates.ts";
import { buildOfficialDocx, type OfficialDocument } from "@/lib/documents/official-docx.ts";
import type { LedgerRow, OverdueNotice } from "@/lib/reviews/queries.ts";
import type { Period } from "@/lib/reporting/periods.ts";

/** The 进展台账's columns, in the order a bureau's mailed sheet has them. */
export const LEDGER_COLUMNS: { header: string; value: (row: LedgerRow) => string | number | null; width: number }[] = [
  { header: "规划", value: (r) => r.planTitle, width: 24 },
  { header: "举措编号", value: (r) => r.measureCode, width: 8 },
  { header: "举措内容", value: (r) => r.measureText, width: 40 },
  { header: "单位", value: (r) => r.unitName, width: 16 },
  { header: "角色", value: (r) => r.role, width: 6 },
  { header: "进展情况", value: (r) => r.reportText, width: 50 },
  { header: "完成进度(%)", value: (r) => r.percent, width: 10 },
  { header: "本期状态", value: (r) => r.claimedStatus, width: 12 },
  { header: "审核状态", value: (r) => r.reviewState, width: 10 },
  { header: "佐证材料", value: (r) => r.evidence, width: 30 },
  { header: "审核人", value: (r) => r.reviewer, width: 10 },
  { header: "审核日期", value: (r) => r.reviewedOn, width: 12 },
  { header: "报送日期", value: (r) => r.submittedOn, width: 12 },
];

/** Title row, the period line, the header, then one row per measure × unit. */
export async function buildLedgerWorkbook(ledger: { district: { name: string }; period: Period; rows: LedgerRow[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "法治任务通";
  const sheet = workbook.addWorksheet("进展台账");
  sheet.addRow([ledgerTitle(ledger)]).font = { bold: true, size: 14 };
  sheet.addRow([
    `报送期次:${ledger.period.label}(${chineseDate(ledger.period.start)}至${chineseDate(ledger.period.end)},${chineseDate(ledger.period.dueDate)}前报送);共 ${ledger.rows.length} 行`,
  ]).font = {
    color: { argb: "FF555555" },
  };
  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const row of ledger.rows) sheet.addRow(LEDGER_COLUMNS.map((c) => c.value(row)));
  LEDGER_COLUMNS.forEach((column, index) => {
    const col = sheet.getColumn(index + 1);
    col.width = column.width;
    if (column.width >= 30) col.alignment = { wrapText: true, vertical: "top" };
  });
  sheet.views = [{ state: "frozen", ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const ledgerTitle = (ledger: { district: { name: string }; period: Period }) =>
  `${ledger.district.name}法治政府建设${ledger.period.label}进展台账`;
export const noticeTitle = (notice: { district: { name: string }; period: Period }) =>
  `关于${notice.district.name}法治政府建设${notice.period.label}进展未报送和举措逾期情况的通报`;

/** The 通报's content, shared by the .docx and the print view so the two never differ. */
export function noticeDocument(notice: OverdueNotice): OfficialDocument {
  const { period, units, overdue } = notice;
  const missingCount = units.reduce((n, u) => n + u.measures.length, 0);
  const summary =
    `${period.label}进展报送已于${chineseDate(period.dueDate)}截止。截至${chineseDate(notice.today)},全区应报送 ${notice.owedCount} 项,已报送 ${notice.reportedCount} 项` +
    (units.length ? `,尚有 ${units.length} 个单位 ${missingCount} 项未报送` : ",各单位均已按要求报送") +
    (overdue.length ? `;${overdue.length} 项举措已超过完成时限仍未完成。` : ";没有超过完成时限未完成的举措。") +
    "现将有关情况通报如下。";
  return {
    title: noticeTitle(notice),
    subtitle: `(截至${chineseDate(notice.today)})`,
    blocks: [
      { kind: "paragraph", text: `各单位:\n${summary}` },
      { kind: "heading1", text: "一、未报送单位" },
      units.length === 0
        ? { kind: "paragraph", text: "无。" }
        : {
            kind: "table",
            header: ["序号", "单位", "未报送举措数", "未报送举措"],
            rows: units.map((u, i) => [i + 1, u.unitName, u.measures.length, measureCodes(u.measures)]),
          },
      { kind: "heading1", text: "二、逾期未完成举措" },
      overdue.length === 0
        ? { kind: "paragraph", text: "无。" }
        : {
            kind: "table",
            header: ["序号", "举措", "牵头单位", "完成时限"],
            rows: overdue.map((m, i) => [i + 1, `${m.code} ${shorten(m.text)}`, m.leadUnits || "未明确", chineseDate(m.deadline)]),
          },
      { kind: "heading1", text: "三、有关要求" },
      {
        kind: "paragraph",
        text: "请未报送单位于收到本通报后 3 个工作日内补报本期进展;请逾期举措的牵头单位说明原因,提出整改措施和完成时限,需要延期的按程序申请。",
      },
    ],
  };
}

/**
 * A unit's missing measures by plan: "《规划》1、2、5". Codes only: a unit may owe
 * dozens, the texts are in the 台账, and the 通报 must stay readable.
 */
function measureCodes(measures: { code: string; planTitle: string }[]): string {
  const byPlan = new Map<string, string[]>();
  for (const m of measures) byPlan.set(m.planTitle, [...(byPlan.get(m.planTitle) ?? []), m.code]);
  return [...byPlan].map(([plan, codes]) => `《${plan}》${codes.join("、")}`).join(";");
}

const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}……` : text);

export const buildNoticeDocx = (notice: OverdueNotice) => buildOfficialDocx(noticeDocument(notice));
