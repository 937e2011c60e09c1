import type { DryRun } from "@/lib/import/dry-run.ts";

// `npm run cli -- import <file> --dry-run` without --json: the same parse, for
// an operator reading the terminal rather than a script reading JSON.

/** The dry run in Chinese, a line each: what was found, then every warning with its line. */
export function describeDryRun(dryRun: DryRun): string[] {
  const lines: string[] = [];
  if (dryRun.documents.length === 0) lines.push("未识别出规划或年度报告,未列出任何文件内容。");
  for (const document of dryRun.documents) {
    if (document.kind === "plan") {
      const ongoing = document.measures.filter((m) => m.deadline?.ongoing).length;
      const dated = document.measures.filter((m) => m.deadline?.date).length;
      const withoutLead = document.measures.filter((m) => m.lead.length === 0).length;
      lines.push(`规划“${document.title}”${document.region ? `(${document.region})` : ""}`);
      lines.push(`  章节 ${document.sections.length} 个,举措 ${document.measures.length} 项`);
      lines.push(`  完成时限:有日期 ${dated} 项,长期坚持 ${ongoing} 项,未写明 ${document.measures.length - dated - ongoing} 项`);
      lines.push(`  未写明牵头单位的举措 ${withoutLead} 项`);
    } else {
      lines.push(
        `年度报告“${document.title}”(${document.region ?? "地区未识别"},${document.year ?? "年份未识别"}${document.year ? " 年" : ""})`,
      );
      lines.push(`  部分 ${document.sections.length} 个:${document.sections.map((s) => s.title).join("、")}`);
    }
  }
  lines.push(dryRun.warnings.length ? `提示 ${dryRun.warnings.length} 条:` : "没有需要核对的提示。");
  for (const warning of dryRun.warnings) lines.push(`  第 ${warning.line} 行:${warning.message}`);
  lines.push("(试运行,未写入任何内容;加 --json 输出 JSON)");
  return lines;
}
