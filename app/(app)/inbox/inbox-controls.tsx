"use client";

import { useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { markAllNotificationsRead, markNotificationRead, openNotification } from "@/lib/notifications/actions.ts";

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

/**
 * A message's link: opening it marks it read first (openNotification), then
 * goes where it points. A click with a modifier opens a new tab as usual and
 * still marks the message read.
 */
export function OpenLink({ id, href, children }: { id: number; href: string; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
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
        startTransition(async () => {
          const result = await openNotification({ id });
          router.push(result.ok && result.data.link ? result.data.link : href);
        });
      }}
      className="font-medium text-brand-700 hover:underline"
    >
      {children}
    </a>
  );
}
