import { Badge } from "@/components/ui/badge.tsx";
import type { DeadlineState } from "@/lib/annual-reports/deadlines.ts";

const STATUS: Record<string, { tone: "grey" | "blue" | "green"; label: string }> = {
  DRAFT: { tone: "grey", label: "草稿" },
  SUBMITTED: { tone: "blue", label: "已报送" },
  PUBLISHED: { tone: "green", label: "已发布" },
};

/** The report's state in words (colour is only a second signal). */
export function ReportStatusBadge({ status, imported, superseded }: { status: string; imported?: boolean; superseded?: boolean }) {
  if (superseded) return <Badge tone="grey">已更正(历史版本)</Badge>;
  const s = STATUS[status] ?? STATUS.DRAFT!;
  return <Badge tone={s.tone}>{imported ? "已发布(导入)" : s.label}</Badge>;
}

/** A deadline's state: red words for late, plain for done on time. */
export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const tone =
    state.status === "OVERDUE" || state.status === "DONE_LATE"
      ? "red"
      : state.status === "DUE_SOON"
        ? "blue"
        : state.status === "DONE_ON_TIME"
          ? "green"
          : "grey";
  return (
    <Badge tone={tone}>
      {state.status === "OVERDUE" || state.status === "DONE_LATE" ? "逾期·" : state.status === "DUE_SOON" ? "临期·" : ""}
      {state.label}
    </Badge>
  );
}
