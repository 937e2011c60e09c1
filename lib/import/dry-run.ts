import type { ParsedDocument, ParsedPlan, ParseWarning } from "@/lib/import/types.ts";

// What `npm run cli -- import <file> --dry-run --json` prints: the parse, in
// the shape operators and scripts read (issue 13), with nothing written.
// Pure: the CLI decodes the file, parses it and prints this.

export type DryRunSection = { label: string; title: string; level: number };
export type DryRunMeasure = {
  code: string;
  /** Label and title of its nearest section, as printed: "一、坚持依法行政". */
  section: string | null;
  text: string;
  lead: string[];
  responsible: string[];
  deadline: { text: string; date: string | null; ongoing: boolean } | null;
};
export type DryRunPlan = { kind: "plan"; title: string; region: string | null; sections: DryRunSection[]; measures: DryRunMeasure[] };
export type DryRunReport = {
  kind: "annual-report";
  title: string;
  region: string | null;
  year: number | null;
  sections: { title: string; text: string }[];
};
export type DryRun = { documents: (DryRunPlan | DryRunReport)[]; warnings: ParseWarning[] };

function planDocument(plan: ParsedPlan, region: string | null): DryRunPlan {
  const byKey = new Map(plan.sections.map((s) => [s.key, s]));
  const levelOf = (key: string | null): number => {
    let level = 0;
    for (let at = key ? byKey.get(key) : undefined; at; at = at.parentKey ? byKey.get(at.parentKey) : undefined) level++;
    return level;
  };
  return {
    kind: "plan",
    title: plan.title,
    region,
    sections: plan.sections.map((s) => ({ label: s.label, title: s.title, level: levelOf(s.key) })),
    measures: plan.measures.map((m) => {
      const section = m.sectionKey ? byKey.get(m.sectionKey) : undefined;
      return {
        code: m.code,
        section: section ? `${section.label}${section.title}` : null,
        text: m.text,
        lead: m.leadUnits,
        responsible: m.responsibleUnits,
        deadline: m.deadline && { text: m.deadline.text, date: m.deadline.date, ongoing: m.deadline.ongoing },
      };
    }),
  };
}

/** The dry run of a parsed document; `region` is the one named on the command line, if any. */
export function toDryRun(parsed: ParsedDocument, options: { region?: string | null } = {}): DryRun {
  const region = options.region ?? null;
  // Neither a plan nor a report: no document; the warning says why.
  if (parsed.kind === "unrecognised") return { documents: [], warnings: parsed.warnings };
  if (parsed.kind === "annualReport") {
    const { report } = parsed;
    const warnings = [...parsed.warnings];
    // The report says whose it is; --region does not overwrite that, but a
    // mismatch is likely the wrong file or the wrong region, so it is said.
    if (region !== null && report.regionName !== null && report.regionName !== region) {
      const opening = report.sections[0]?.heading === "概述" ? report.sections[0].line : 1;
      warnings.push({ line: opening, message: `报告写明的地区“${report.regionName}”与 --region 指定的“${region}”不一致` });
    }
    return {
      documents: [
        {
          kind: "annual-report",
          title: report.title,
          region: report.regionName ?? region,
          year: report.year,
          sections: report.sections.map((s) => ({ title: s.heading, text: s.body })),
        },
      ],
      warnings,
    };
  }
  // Text that yields no measure is neither a plan nor a report: no document.
  const plans = parsed.plans.filter((p) => p.measures.length > 0);
  // Read as a plan by choice (--kind plan) yet nothing in it is numbered: say
  // so, rather than leave only "no title" to explain the empty list.
  const warnings =
    plans.length === 0 ? [{ line: 1, message: "按规划读取:文件中没有找到任何举措(编号的条目)" }, ...parsed.warnings] : parsed.warnings;
  return { documents: plans.map((p) => planDocument(p, region)), warnings };
}
