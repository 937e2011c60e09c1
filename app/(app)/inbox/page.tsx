import Link from "next/link";
import { LinkedBody } from "@/components/notifications/linked-body.tsx";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session.ts";
import { inboxCounts, listNotifications, settleOwnDigests } from "@/lib/notifications/queries.ts";
import { INBOX_FILTERS, isFromPerson, parseInboxFilter, type InboxFilter } from "@/lib/notifications/messages.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { InboxControls, MarkReadButton, OpenLink } from "@/app/(app)/inbox/inbox-controls.tsx";
import { DigestItems } from "@/components/notifications/digest-items.tsx";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "消息" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const filter = parseInboxFilter((await searchParams).filter);
  await settleOwnDigests(actor);
  const [notifications, counts] = await Promise.all([listNotifications(actor, { filter, limit: 100 }), inboxCounts(actor)]);
  const tabs: [InboxFilter | null, string, number | null][] = [
    [null, "全部", null],
    ...(Object.keys(INBOX_FILTERS) as InboxFilter[]).map((key): [InboxFilter, string, number] => [
      key,
      INBOX_FILTERS[key].label,
      counts.filters[key],
    ]),
  ];
  return (
    <>
      <PageHeader
        title="消息"
        description={
          <span data-testid="inbox-summary">
            未读 {counts.unread.total} 条:来自人员的消息(退回、催办、审核结果等){counts.unread.fromPeople} 条,自动提醒{" "}
            {counts.unread.automatic} 条
          </span>
        }
        actions={counts.unread.total > 0 ? <InboxControls /> : null}
      />
      <nav aria-label="筛选消息" className="mb-4 flex flex-wrap gap-2 text-sm">
        {tabs.map(([key, label, count]) => (
          <Link
            key={key ?? "all"}
            href={key ? `/inbox?filter=${key}` : "/inbox"}
            aria-current={filter === key ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${filter === key ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:border-brand-600"}`}
          >
            {label}
            {count !== null && <span className="ml-1">({count})</span>}
          </Link>
        ))}
      </nav>
      {notifications.length === 0 && <p className="text-slate-500">{filter ? "没有符合筛选条件的消息" : "暂无消息"}</p>}
      <ul className="space-y-2">
        {notifications.map((n) => (
          <li
            key={n.id}
            data-testid="notification"
            data-read={n.readAt ? "true" : "false"}
            className={`rounded border p-3 ${n.readAt ? "border-slate-200 bg-white" : "border-brand-100 bg-brand-50"}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              {!n.readAt && <span className="rounded bg-brand-600 px-1.5 text-xs text-white">未读</span>}
              <span className="rounded border border-slate-300 px-1.5 text-xs text-slate-600">
                {isFromPerson(n.kind) ? "人员消息" : "自动提醒"}
              </span>
              {n.link ? (
                <OpenLink id={n.id} href={n.link}>
                  {n.title}
                </OpenLink>
              ) : (
                <span className="font-medium">{n.title}</span>
              )}
              <time dateTime={n.createdAt.toISOString()} className="text-xs text-slate-500">
                {formatChinaTime(n.createdAt)}
              </time>
              {!n.readAt && <MarkReadButton id={n.id} />}
            </div>
            {n.digest ? <DigestItems digest={n.digest} /> : n.body && <LinkedBody text={n.body} />}
          </li>
        ))}
      </ul>
    </>
  );
}
