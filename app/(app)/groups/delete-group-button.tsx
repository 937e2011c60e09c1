"use client";

import { useRouter } from "next/navigation";
import { deleteUnitGroup } from "@/lib/groups/actions.ts";
import { deleteUnitGroupSchema } from "@/lib/groups/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage } from "@/components/form/fields.tsx";

export function DeleteGroupButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const { onSubmit, status, pending } = useActionForm(deleteUnitGroupSchema, deleteUnitGroup, {
    onSuccess: () => router.push("/groups"),
  });
  return (
    <form
      onSubmit={(event) => {
        if (!window.confirm(`确定删除分组“${name}”吗?`)) event.preventDefault();
        else onSubmit(event);
      }}
    >
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded border border-red-300 px-4 py-2 text-red-700 hover:bg-red-50">
        删除分组
      </button>
    </form>
  );
}
