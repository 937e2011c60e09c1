"use client";

import { useEffect, useId, useRef } from "react";
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
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The user pressed 识别 and nothing came of it: focus goes to the notice,
  // so the next Tab reaches the choice of kind rather than the form's end.
  useEffect(() => {
    heading.current?.focus();
  }, [document]);

  return (
    <section aria-labelledby={`${id}-title`} className="mb-4 rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
      {/* Only the heading and the reason are announced; the buttons are not part of the message. */}
      <div role="alert">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="mb-2 text-lg font-semibold focus:outline-none">
          未识别为规划或年度报告
        </h2>
        <p>
          {document.line !== null ? `第 ${document.line} 行:` : ""}
          {document.reason}
        </p>
      </div>
      <p id={`${id}-hint`} className="mt-2 text-sm">
        没有导入任何内容。如果这确实是规划或年度报告,请选择导入方式,再逐项核对识别结果。
      </p>
      <div role="group" aria-label="选择导入方式" aria-describedby={`${id}-hint`} className="mt-3 flex flex-wrap gap-3">
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
    </section>
  );
}
