import type { OfficialBlock, OfficialDocument } from "@/lib/documents/official-docx.ts";
import { numberSections } from "@/lib/annual-reports/draft.ts";

// An annual report as the shared official-document layout sees it: the title,
// then 一、 headings (Heading1), (一) headings (Heading2) and their paragraphs.
// Pure; the route turns it into a .docx with buildOfficialDocx.

export type ReportForDocument = {
  title: string;
  subtitle?: string;
  sections: readonly { level: number; heading: string; body: string }[];
};

export function reportToOfficialDocument(report: ReportForDocument): OfficialDocument {
  const blocks: OfficialBlock[] = [];
  for (const s of numberSections(report.sections)) {
    if (!s.preamble) blocks.push({ kind: s.level <= 1 ? "heading1" : "heading2", text: `${s.number}${s.heading}` });
    if (s.body.trim()) blocks.push({ kind: "paragraph", text: s.body });
  }
  return { title: report.title, ...(report.subtitle ? { subtitle: report.subtitle } : {}), blocks };
}

/** "下陆区2025年法治政府建设年度报告.docx", with characters file systems refuse replaced. */
export function reportFileName(title: string, version: number): string {
  const stem = title.replace(/[\\/:*?"<>|\r\n]+/g, "_").slice(0, 120);
  return `${stem}${version > 1 ? `(第${version}版)` : ""}.docx`;
}
