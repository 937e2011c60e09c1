"use client";

import type { DocumentKind } from "@/lib/import/classify.ts";
import type { ParsedDocument } from "@/lib/import/types.ts";

export type Unrecognised = Extract<ParsedDocument, { kind: "unrecognised" }>;

/**
 * Shown in the file form when a text is neither a plan nor a report (a news
 * item, a 政策解读, a writing guideline): it says why and offers no import;
 * the user may read the text as a plan or a report by hand, which previews
 * it again as that kind. The text stays in the form meanwhile.
 */
export function UnrecognisedDocument({
  document,
  pending,
  onChoose,
}: {
  document: Unrecognised;
  pending: boolean;
  onChoose: (kind: DocumentKind) => void;
}) {
  const decided = document.warnings.find((w) => w.message.startsWith("未识别为规划或年度报告"));
  return (
    <div role="alert" aria-labelledby="unrecognised-title" className="mb-4 rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
      <h2 id="unrecognised-title" className="mb-2 text-lg font-semibold">
        未识别为规划或年度报告
      </h2>
      <p>
        {decided ? `第 ${decided.line} 行:` : ""}
        {document.reason}
      </p>
      <p className="mt-2 text-sm">没有导入任何内容。如果这确实是规划或年度报告,请选择导入方式,再逐项核对识别结果。</p>
      <div className="mt-3 flex flex-wrap gap-3">
        {(
          [
            ["plans", "按规划导入"],
            ["annualReport", "按年度报告导入"],
          ] as const
        ).map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            disabled={pending}
            onClick={() => onChoose(kind)}
            className="rounded border border-amber-400 bg-white px-4 py-2 text-slate-900 hover:bg-amber-100 disabled:opacity-60"
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
