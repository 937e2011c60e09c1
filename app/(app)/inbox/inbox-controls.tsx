"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/actions.ts";

export function MarkReadButton({ id }: { id: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => startTransition(async () => void ((await markNotificationRead({ id })).ok && router.refresh()))}
      className="ml-auto text-xs text-brand-700 hover:underline"
    >
      标为已读
    </button>
  );
}

export function InboxControls() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => startTransition(async () => void ((await markAllNotificationsRead()).ok && router.refresh()))}
      className="rounded border border-slate-300 bg-white px-4 py-2"
    >
      全部标为已读
    </button>
  );
}
