import { LightBadge } from "@/components/ui/light-badge.tsx";
import { MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import type { ItemRollup } from "@/lib/plans/decomposition.ts";
import { itemLabel } from "@/lib/plans/decomposition.ts";
import { ParentItemForm } from "@/components/plans/decomposition-forms.tsx";

// The plan page's decomposition column: on a 规划, each item's roll-up and
// the measures implementing it; on a plan dividing one, the item each
// measure implements (and, for the bureau, the select to change it).

export function ItemRollupCell({ rollup }: { rollup: ItemRollup | undefined }) {
  if (!rollup) return <span className="text-slate-500">未分解</span>;
  const { rolled, children, ownAssignments } = rollup;
  return (
    <div className="space-y-1">
      {rolled ? (
        <div className="flex flex-wrap items-center gap-2">
          <LightBadge light={rolled.light} reason={rolled.reason} />
          <span>{MEASURE_STATUS_LABELS[rolled.status]}</span>
          <span className="text-xs text-slate-600">{rolled.reason}</span>
        </div>
      ) : (
        ownAssignments && <p className="text-xs text-slate-600">本条目有自身的牵头单位,按自身进度计</p>
      )}
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">
          {children.length} 项落实举措
          {rolled && rolled.completedChildren > 0 ? `(已完成 ${rolled.completedChildren} 项)` : ""}
        </summary>
        <ul className="mt-1 space-y-1 text-sm">
          {children.map((child) => (
            <li key={child.id} className="flex flex-wrap items-center gap-2">
              <LightBadge light={child.light} reason={child.reason} />
              <a href={`/measures/${child.id}`} className="hover:text-brand-700 hover:underline">
                {child.planTitle} · {child.code}
              </a>
              {child.originalDeadline && <span className="text-xs text-slate-600">已延期至 {child.deadline}</span>}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export function MeasureItemCell({
  measure,
  item,
  items,
  canManage,
}: {
  measure: { id: number; code: string };
  item: { id: number; code: string; text: string } | null | undefined;
  items: { id: number; label: string }[];
  canManage: boolean;
}) {
  return (
    <div>
      {item ? (
        <a href={`/measures/${item.id}`} className="text-sm hover:text-brand-700 hover:underline">
          {itemLabel(item, 30)}
        </a>
      ) : (
        <span className="text-sm text-slate-500">未对应</span>
      )}
      {canManage && <ParentItemForm measureId={measure.id} measureCode={measure.code} itemId={item?.id ?? null} items={items} />}
    </div>
  );
}
