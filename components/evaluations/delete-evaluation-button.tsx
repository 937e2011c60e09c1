"use client";

import { useRouter } from "next/navigation";
import { deleteEvaluation } from "@/lib/evaluations/actions.ts";
import { deleteEvaluationSchema } from "@/lib/evaluations/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage } from "@/components/form/fields.tsx";

export function DeleteEvaluationButton({ id, title }: { id: number; title: string }) {
  const router = useRouter();
  const { onSubmit, status, pending } = useActionForm(deleteEvaluationSchema, deleteEvaluation, {
    onSuccess: () => router.push("/evaluations"),
  });
  return (
    <form
      className="no-print"
      onSubmit={(event) => {
        if (!window.confirm(`确定删除评估“${title}”吗?删除后不可恢复。`)) event.preventDefault();
        else onSubmit(event);
      }}
    >
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded border border-red-300 bg-white px-4 py-2 text-red-700 hover:bg-red-50">
        删除评估
      </button>
    </form>
  );
}
