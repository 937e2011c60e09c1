"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { approveProgressReports } from "@/lib/progress/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";
import { ReviewControls } from "@/components/reviews/review-controls.tsx";

export type QueueAttachment = { id: number; fileName: string };
export type QueueItem = {
  id: number;
  version: number;
  measureId: number;
  measureCode: string;
  measureText: string;
  planTitle: string;
  unitName: string;
  role: "牵头" | "责任";
  periodLabel: string;
  claimedLabel: string;
  percent: number;
  text: string;
  author: string;
  submittedAt: string;
  submittedLabel: string;
  onBehalf: boolean;
  attachments: QueueAttachment[];
  related: {
    id: number;
    unitName: string;
    stateLabel: string;
    claimedLabel: string;
    percent: number;
    text: string;
    attachments: QueueAttachment[];
  }[];
};

type Decision = "APPROVED" | "RETURNED";
const DECISION_LABELS: Record<Decision, string> = { APPROVED: "已通过", RETURNED: "已退回" };

const itemName = (item: QueueItem) => `${item.unitName} · 举措 ${item.measureCode}`;
const headingId = (id: number) => `review-item-${id}`;

function Attachments({ files }: { files: QueueAttachment[] }) {
  if (!files.length) return null;
  return (
    <p className="mt-1 text-sm">
      附件:
      {files.map((file, i) => (
        <span key={file.id}>
          {i > 0 && "、"}
          <a href={`/attachments/${file.id}`} className="text-brand-700 hover:underline">
            {file.fileName}
          </a>
        </span>
      ))}
    </p>
  );
}

/**
 * The queue of submitted reports: select several and 批量通过 with one
 * confirmation, or decide one by one. A decided report stays in its place,
 * folded, with its new state (the page's refresh no longer lists it), and focus
 * moves to the heading of the next report still waiting, so a reviewer works
 * down the list without hunting for where they were.
 */
export function ReviewQueue({ items }: { items: QueueItem[] }) {
  const { run, pending } = useActionRunner();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [decided, setDecided] = useState<Map<number, { item: QueueItem; state: Decision }>>(new Map());
  const [failures, setFailures] = useState<{ name: string; reason: string }[]>([]);

  // What the server lists now, plus what was decided here (the server no longer lists it).
  const shown = useMemo(() => {
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const [id, { item }] of decided) byId.set(id, item);
    return [...byId.values()].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id);
  }, [items, decided]);
  const waiting = shown.filter((item) => !decided.has(item.id));
  const chosen = waiting.filter((item) => selected.has(item.id));

  const headingOf = (id: number) => document.getElementById(headingId(id));
  /** The heading of the first report still waiting after `id` (or before it, at the end of the list). */
  function nextHeading(id: number, skip: ReadonlySet<number> = new Set([id])) {
    const index = shown.findIndex((item) => item.id === id);
    const after = shown.slice(index + 1).find((item) => !decided.has(item.id) && !skip.has(item.id));
    const before = shown.slice(0, index).find((item) => !decided.has(item.id) && !skip.has(item.id));
    const next = after ?? before;
    return next ? headingOf(next.id) : document.querySelector<HTMLElement>("main h1");
  }

  function markDecided(ids: number[], state: Decision) {
    setDecided((current) => {
      const next = new Map(current);
      for (const id of ids) {
        const item = shown.find((i) => i.id === id);
        if (item) next.set(id, { item, state });
      }
      return next;
    });
    setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
  }

  function toggle(id: number, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function approveSelected() {
    if (!chosen.length) return;
    if (!window.confirm(`确认通过 ${chosen.length} 份报送?`)) return;
    const batch = chosen.map((item) => ({ reportId: item.id, version: item.version }));
    const names = new Map(chosen.map((item) => [item.id, itemName(item)]));
    const skip = new Set(batch.map((b) => b.reportId));
    const first = chosen[0]!.id;
    run(() => approveProgressReports({ items: batch }), {
      onSuccess: (outcome) => {
        markDecided(outcome.approved, "APPROVED");
        setFailures(outcome.failed.map((f) => ({ name: names.get(f.reportId) ?? f.name, reason: f.reason })));
      },
      focus: () => nextHeading(first, skip),
    });
  }

  if (shown.length === 0) return <p className="text-slate-500">没有待审核的报送</p>;

  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title" className="sr-only">
        待审核的进展报送
      </h2>
      <div className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-3 rounded border border-slate-200 bg-white/95 p-3 shadow-sm">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={waiting.length > 0 && chosen.length === waiting.length}
            onChange={(e) => setSelected(e.target.checked ? new Set(waiting.map((i) => i.id)) : new Set())}
            className="h-4 w-4"
          />
          全选本页
        </label>
        <span className="text-sm text-slate-600" aria-live="polite">
          已选 {chosen.length} 份
        </span>
        <button
          type="button"
          onClick={approveSelected}
          disabled={pending || chosen.length === 0}
          className="rounded bg-green-700 px-3 py-1.5 text-white disabled:opacity-50"
        >
          批量通过
        </button>
      </div>
      {failures.length > 0 && (
        <div role="alert" className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          以下报送未通过,请刷新后查看:
          <ul className="mt-1 list-disc pl-5">
            {failures.map((f) => (
              <li key={f.name}>
                {f.name}:{f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ol className="space-y-4">
        {shown.map((item) => {
          const done = decided.get(item.id);
          return (
            <li key={item.id} className={`rounded border bg-white p-4 ${done ? "border-green-200 bg-green-50/40" : "border-slate-200"}`}>
              <article aria-labelledby={headingId(item.id)}>
                <div className="flex items-start gap-3">
                  {!done && (
                    <input
                      type="checkbox"
                      checked={selected.has(item.id)}
                      onChange={(e) => toggle(item.id, e.target.checked)}
                      aria-label={`选择${itemName(item)}(${item.periodLabel})`}
                      className="mt-1 h-5 w-5 shrink-0"
                    />
                  )}
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                      <span className="rounded bg-brand-50 px-1.5 py-0.5 font-medium text-brand-800">{item.periodLabel}</span>
                      <span>{item.planTitle}</span>
                      {done && (
                        <span
                          className={`rounded px-1.5 py-0.5 font-medium ${done.state === "APPROVED" ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}
                        >
                          {DECISION_LABELS[done.state]}
                        </span>
                      )}
                    </div>
                    <h3 id={headingId(item.id)} tabIndex={-1} className="mt-1 scroll-mt-24 font-medium">
                      <Link href={`/measures/${item.measureId}`} className="text-brand-700 hover:underline">
                        举措 {item.measureCode} {item.measureText.slice(0, 60)}
                        {item.measureText.length > 60 ? "……" : ""}
                      </Link>
                    </h3>
                    <div className="mt-1 text-sm text-slate-700">
                      {item.unitName}({item.role})· {item.claimedLabel} · {item.percent}% · {item.author} 于 {item.submittedLabel} 报送
                      {item.onBehalf && "(代报)"}
                    </div>
                    {!done && (
                      <div className={item.related.length ? "mt-2 grid gap-3 lg:grid-cols-2" : "mt-2"}>
                        <div>
                          {item.related.length > 0 && <h4 className="text-sm font-semibold text-slate-700">牵头单位汇总报送</h4>}
                          <p className="mt-1 whitespace-pre-line text-sm">{item.text}</p>
                          <Attachments files={item.attachments} />
                        </div>
                        {item.related.length > 0 && (
                          <section
                            aria-label={`${itemName(item)}的责任单位报送`}
                            className="rounded border border-slate-200 bg-slate-50 p-2"
                          >
                            <h4 className="text-sm font-semibold text-slate-700">责任单位报送({item.related.length})</h4>
                            <ul className="mt-1 space-y-2">
                              {item.related.map((r) => (
                                <li key={r.id} className="text-sm">
                                  <div className="text-slate-700">
                                    {r.unitName} · {r.stateLabel} · {r.claimedLabel} · {r.percent}%
                                  </div>
                                  <p className="whitespace-pre-line">{r.text}</p>
                                  <Attachments files={r.attachments} />
                                </li>
                              ))}
                            </ul>
                          </section>
                        )}
                      </div>
                    )}
                    {!done && (
                      <ReviewControls
                        reportId={item.id}
                        version={item.version}
                        unitName={item.unitName}
                        focusAfter={() => nextHeading(item.id)}
                        onDecided={(kind) => markDecided([item.id], kind === "approve" ? "APPROVED" : "RETURNED")}
                      />
                    )}
                  </div>
                </div>
              </article>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
