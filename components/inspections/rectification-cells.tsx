import Link from "next/link";
import { isoDate } from "@/lib/dates.ts";
import { cell } from "@/components/ui/table.tsx";
import { RectificationBadge } from "@/components/inspections/status-badge.tsx";
import type { RectificationState } from "@/lib/inspections/status.ts";

type Item = {
  id: number;
  deadline: Date;
  state: RectificationState;
  finding: { text: string; inspection: { title: string } };
};

/** The cells every list of rectification items shares: the finding (linking to the item), the inspection, the deadline, the state. */
export function RectificationCells({ item }: { item: Item }) {
  const text = item.finding.text;
  return (
    <>
      <td className={`${cell} max-w-xl`}>
        <Link href={`/inspections/rectifications/${item.id}`} className="text-brand-700 underline">
          {text.length > 60 ? `${text.slice(0, 60)}…` : text}
        </Link>
      </td>
      <td className={cell}>{item.finding.inspection.title}</td>
      <td className={`${cell} whitespace-nowrap`}>{isoDate(item.deadline)}</td>
      <td className={cell}>
        <RectificationBadge state={item.state} />
      </td>
    </>
  );
}
