import Link from "next/link";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session.ts";
import { listNotifications } from "@/lib/notifications/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { InboxControls, MarkReadButton } from "@/app/(app)/inbox/inbox-controls.tsx";

export const metadata: Metadata = { title: "消息" };

const timeFormat = new Intl.DateTimeFormat("zh-CN", { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" });

export default async function InboxPage() {
  const actor = await requireActor();
  const notifications = await listNotifications(actor, { limit: 100 });
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <PageHeader title="消息" description={`催办、退回和审批结果;未读 ${unread} 条`} actions={unread > 0 ? <InboxControls /> : null} />
      {notifications.length === 0 && <p className="text-slate-500">暂无消息</p>}
      <ul className="space-y-2">
        {notifications.map((n) => (
          <li key={n.id} className={`rounded border p-3 ${n.readAt ? "border-slate-200 bg-white" : "border-brand-100 bg-brand-50"}`}>
            <div className="flex flex-wrap items-center gap-2">
              {!n.readAt && <span className="rounded bg-brand-600 px-1.5 text-xs text-white">未读</span>}
              {n.link ? (
                <Link href={n.link} className="font-medium text-brand-700 hover:underline">
                  {n.title}
                </Link>
              ) : (
                <span className="font-medium">{n.title}</span>
              )}
              <time dateTime={n.createdAt.toISOString()} className="text-xs text-slate-500">
                {timeFormat.format(n.createdAt)}
              </time>
              {!n.readAt && <MarkReadButton id={n.id} />}
            </div>
            {n.body && <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{n.body}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
