// What the document parsers produce: pure data, before any unit is matched
// or anything is written. Line numbers are 1-based lines of the input text.

export type Deadline = {
  /** As printed: "2022年年底前", "长期坚持". */
  text: string;
  /** Derived last day, ISO "YYYY-MM-DD"; null when ongoing or not understood. */
  date: string | null;
  ongoing: boolean;
};

export type ParseWarning = { line: number; message: string };

export type ParsedSection = {
  /** Stable key within the plan, used by measures to point at their section. */
  key: string;
  parentKey: string | null;
  /** As printed: "二、", "(一)". */
  label: string;
  title: string;
  line: number;
};

export type ParsedMeasure = {
  /** As printed, without trailing punctuation: "1.1", "(十二)", "11". */
  code: string;
  text: string;
  sectionKey: string | null;
  leadUnits: string[];
  responsibleUnits: string[];
  deadline: Deadline | null;
  line: number;
};

export type PlanKind = "PLAN" | "ACTION_PLAN" | "IMPLEMENTATION_PLAN" | "WORK_POINTS" | "DIVISION_OF_LABOUR";

export type ParsedPlan = {
  title: string;
  kind: PlanKind;
  periodStart: number | null;
  periodEnd: number | null;
  issuer: string | null;
  documentNumber: string | null;
  issueDate: string | null;
  sections: ParsedSection[];
  measures: ParsedMeasure[];
};

export type ParsedReportSection = { heading: string; body: string; line: number };

export type ParsedAnnualReport = {
  title: string;
  regionName: string | null;
  year: number | null;
  sections: ParsedReportSection[];
};

export type ParsedDocument =
  | { kind: "plans"; plans: ParsedPlan[]; warnings: ParseWarning[] }
  | { kind: "annualReport"; report: ParsedAnnualReport; warnings: ParseWarning[] }
  // Neither a plan nor a report (lib/import/classify.ts): nothing to import
  // unless the user chooses the kind by hand.
  // `structureless`: nothing numbered and nothing shaped like a report either.
  // line: where the verdict was reached (null when none was: the preview itself failed).
  | { kind: "unrecognised"; reason: string; line: number | null; structureless: boolean; warnings: ParseWarning[] };

/** A line of the normalised text, keeping its place in the input for warnings. */
export type Line = { text: string; line: number };
