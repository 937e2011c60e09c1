import Link from "next/link";
import type { ImportSummary } from "@/lib/plans/import.ts";

/**
 * The plans an import wrote, each with its next steps: a new plan links to
 * 关联上一期规划举措 (延续 proposals), a plan implementing a 规划's items to
 * 对应上级规划条目 (parent item proposals).
 */
export function ImportedPlans({ plans }: { plans: ImportSummary["plans"] }) {
  return (
    <ul className="mb-4 list-disc pl-6">
      {plans.map((plan) => (
        <li key={plan.id}>
          <Link href={`/plans/${plan.id}`} className="text-brand-700 hover:underline">
            {plan.title}
          </Link>
          ({plan.created ? "新建" : "更新"},{plan.measures} 项举措)
          {plan.created && (
            <Link href={`/plans/${plan.id}/previous`} className="ml-2 text-sm text-brand-700 hover:underline">
              关联上一期规划举措
            </Link>
          )}
          {plan.draft && (
            <span className="ml-2 text-sm text-slate-700">
              草案:施行后开始收集进展报送,
              <Link href={`/plans/${plan.id}`} className="text-brand-700 hover:underline">
                到规划页施行
              </Link>
            </span>
          )}
          {plan.parentItems && (
            <Link href={`/plans/${plan.id}/parent-items`} className="ml-2 text-sm text-brand-700 hover:underline">
              对应上级规划条目
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
