"use client";

import { approveCircular, issueCircular, regenerateCircularBody } from "@/lib/circulars/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";

/**
 * 按最新数据重新生成正文 and 审核 on a draft, 印发 once approved, each after a
 * confirmation; the answer comes as a toast and the page refreshes.
 */
export function CircularSteps({ id, version, status }: { id: number; version: number; status: "DRAFT" | "APPROVED" | "ISSUED" }) {
  const { run, pending } = useActionRunner();
  if (status === "ISSUED") return null;
  const button = "rounded px-4 py-2 font-medium disabled:opacity-60";
  return (
    <div className="no-print flex flex-wrap gap-2" role="group" aria-label="通报办理">
      {status === "DRAFT" && (
        <button
          type="button"
          disabled={pending}
          className={`${button} border border-slate-300 bg-white hover:bg-slate-50`}
          onClick={() =>
            window.confirm("按当前数据重新统计,并用统计结果重新生成正文?已修改的正文将被替换,标题和文号不变。") &&
            run(() => regenerateCircularBody({ id, version }))
          }
        >
          按最新数据重新生成正文
        </button>
      )}
      {status === "DRAFT" && (
        <button
          type="button"
          disabled={pending}
          className={`${button} bg-brand-600 text-white hover:bg-brand-700`}
          onClick={() =>
            window.confirm("确认审核通过该通报?审核时按当前数据统计并冻结,印发时使用这份数据;再修改正文需重新审核。") &&
            run(() => approveCircular({ id, version }))
          }
        >
          审核
        </button>
      )}
      {status === "APPROVED" && (
        <button
          type="button"
          disabled={pending}
          className={`${button} bg-green-700 text-white hover:bg-green-800`}
          onClick={() =>
            window.confirm("确认印发?印发后数据和正文冻结,不能再修改,并发送给各单位联络员。") && run(() => issueCircular({ id, version }))
          }
        >
          印发
        </button>
      )}
    </div>
  );
}
