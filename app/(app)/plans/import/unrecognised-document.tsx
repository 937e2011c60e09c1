"use client";

import type { DocumentKind } from "@/lib/import/classify.ts";
import type { ParseWarning } from "@/lib/import/types.ts";
import { StatusMessage } from "@/components/form/fields.tsx";
import type { FormStatus } from "@/components/form/use-action-form.ts";

/**
 * The review when a text is neither a plan nor a report (a news item, a
 * 政策解读, a writing guideline): it says why, offers no import, and lets the
 * user read it as a plan or a report by hand, which previews again.
 */
export function UnrecognisedDocument({
  reason,
  warnings,
  status,
  pending,
  onChoose,
  onBack,
}: {
  reason: string;
  warnings: ParseWarning[];
  status: FormStatus;
  pending: boolean;
  onChoose: (kind: DocumentKind) => void;
  onBack: () => void;
}) {
  const decided = warnings.find((w) => w.message.startsWith("未识别为规划或年度报告"));
  return (
    <section aria-labelledby="unrecognised-title" className="max-w-2xl">
      <StatusMessage status={status} />
      <div className="mb-4 rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
        <h2 id="unrecognised-title" className="mb-2 text-lg font-semibold">
          未识别为规划或年度报告
        </h2>
        <p>
          {decided ? `第 ${decided.line} 行:` : ""}
          {reason}
        </p>
        <p className="mt-2 text-sm">没有导入任何内容。如果这确实是规划或年度报告,请选择导入方式,再逐项核对识别结果。</p>
      </div>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={() => onChoose("plans")}
          className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700 disabled:opacity-60"
        >
          按规划导入
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => onChoose("annualReport")}
          className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700 disabled:opacity-60"
        >
          按年度报告导入
        </button>
        <button type="button" onClick={onBack} className="rounded border border-slate-300 bg-white px-4 py-2">
          重新选择文件
        </button>
      </div>
    </section>
  );
}
