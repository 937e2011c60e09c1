import { chinaDate, chineseDate } from "@/lib/dates.ts";
import { buildOfficialDocx, type OfficialDocument } from "@/lib/documents/official-docx.ts";
import { percentText, type CircularFigures } from "@/lib/circulars/figures.ts";

// The 通报 as an official document: title, 文号, 各单位、各部门:, the bureau's
// text, the ranked table of figures, the lagging units, issuer and date. Built
// only from the row (title, text, 文号, dates) and the figures given: for an
// issued circular those are the frozen ones, so its .docx never changes.

export const FIGURES_HEADER = ["排名", "单位", "应报送", "已报送", "报送率", "按时报送", "按时报送率", "退回", "逾期举措"];

export type CircularForDocument = {
  title: string;
  documentNumber: string | null;
  body: string;
  issuedAt: Date | null;
  region: { name: string };
  figures: CircularFigures;
};

/** The ranked table's rows, as the page and the .docx show them. */
export function figureRows(figures: CircularFigures): (string | number)[][] {
  return figures.units.map((u) => [
    u.rank,
    u.unitName,
    u.owed,
    u.submitted,
    percentText(u.reportRate),
    u.onTime,
    percentText(u.onTimeRate),
    u.returned,
    u.overdue,
  ]);
}

/** The date the document carries: its issue date, or the figures' date on a draft. */
function documentDate(circular: CircularForDocument): string {
  return chinaDate(circular.issuedAt ?? new Date(circular.figures.computedAt));
}

export function circularDocument(circular: CircularForDocument): OfficialDocument {
  const { figures } = circular;
  return {
    title: circular.title,
    subtitle: circular.documentNumber ?? (circular.issuedAt ? undefined : "(草稿)"),
    blocks: [
      { kind: "paragraph", text: `各单位、各部门:\n${circular.body}` },
      { kind: "heading1", text: "附:各单位任务推进情况排名" },
      figures.units.length
        ? { kind: "table", header: FIGURES_HEADER, rows: figureRows(figures) }
        : { kind: "paragraph", text: "本期没有承担任务的单位。" },
      {
        kind: "paragraph",
        text:
          `注:报送率 = 已报送 ÷ 应报送;按时报送率 = 截止日前报送 ÷ 应报送;被退回的报送计入“退回”,不计入已报送;` +
          `逾期举措为截至${chineseDate(figures.asOf)}超过完成时限仍未完成的举措。`,
      },
      { kind: "heading1", text: "排名靠后单位" },
      { kind: "paragraph", text: figures.lagging.length ? figures.lagging.join("、") : "无。" },
      { kind: "paragraph", text: `${circular.region.name}司法局\n${chineseDate(documentDate(circular))}` },
    ],
  };
}

export const buildCircularDocx = (circular: CircularForDocument) => buildOfficialDocx(circularDocument(circular));
