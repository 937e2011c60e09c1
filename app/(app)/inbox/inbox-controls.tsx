"use client";

import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { markAllNotificationsRead, markNotificationRead, openNotification } from "@/lib/notifications/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";

// Marking read shows itself (the message loses its 未读 mark on the refresh): only a failure is told.

export function MarkReadButton({ id }: { id: number }) {
  const { run, pending } = useActionRunner("failures");
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => run(() => markNotificationRead({ id }))}
      className="ml-auto text-xs text-brand-700 hover:underline"
    >
      标为已读
    </button>
  );
}

export function InboxControls() {
  const { run, pending } = useActionRunner("failures");
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => run(() => markAllNotificationsRead())}
      className="rounded border border-slate-300 bg-white px-4 py-2"
    >
      全部标为已读
    </button>
  );
}

/**
 * A message's link: opening it marks it read first (openNotification), then
 * goes where it points. A click with a modifier opens a new tab as usual and
 * still marks the message read. Nothing is told: whatever the answer, the
 * link is followed (to where the message points, or failing that its href).
 */
export function OpenLink({ id, href, children }: { id: number; href: string; children: ReactNode }) {
  const router = useRouter();
  const { run, pending } = useActionRunner("none");
  return (
    <a
      href={href}
      aria-busy={pending || undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
          void openNotification({ id });
          return;
        }
        event.preventDefault();
        run(() => openNotification({ id }), {
          refresh: false,
          onSuccess: (data) => router.push(data.link || href),
          onFailure: () => router.push(href),
        });
      }}
      className="font-medium text-brand-700 hover:underline"
    >
      {children}
    </a>
  );
}
