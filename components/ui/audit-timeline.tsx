import { auditActionLabel } from "@/lib/audit/events.ts";
import { formatChinaTime } from "@/lib/dates.ts";

type TimelineEvent = {
  id: number | bigint;
  action: string;
  createdAt: Date;
  after?: unknown;
  actor: { name: string; unit: { name: string } | null } | null;
};

/** 办理记录: a record's audit events, oldest first, each as who did what when. */
export function AuditTimeline<E extends TimelineEvent>({
  events,
  detail,
}: {
  events: E[];
  /** Text after the step, e.g. a reopening's reason. */
  detail?: (event: E) => string;
}) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="mb-2 text-lg font-semibold">
        办理记录
      </h2>
      <ol className="border-l-2 border-brand-100 pl-4 text-sm">
        {events.map((event) => (
          <li key={String(event.id)} className="mb-2">
            <time dateTime={event.createdAt.toISOString()} className="text-slate-500">
              {formatChinaTime(event.createdAt)}
            </time>{" "}
            {event.actor?.name ?? "系统"}
            {event.actor?.unit && `(${event.actor.unit.name})`} {auditActionLabel(event.action)}
            {detail?.(event)}
          </li>
        ))}
        {events.length === 0 && <li className="text-slate-500">尚无记录</li>}
      </ol>
    </section>
  );
}
