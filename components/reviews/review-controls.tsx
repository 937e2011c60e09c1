"use client";

import { approveProgressReport, returnProgressReport } from "@/lib/progress/actions.ts";
import { reviewDecisionSchema } from "@/lib/progress/schema.ts";
import { DecisionControls } from "@/components/form/decision-controls.tsx";

/** The comment rule of the schema, as the box's own error. */
function checkComment(kind: "approve" | "reject", comment: string): string | null {
  const parsed = reviewDecisionSchema.safeParse({ decision: kind === "approve" ? "approve" : "return", comment });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
}

export function ReviewControls({
  reportId,
  version,
  unitName,
  focusAfter,
  onDecided,
}: {
  reportId: number;
  version: number;
  unitName: string;
  focusAfter?: () => HTMLElement | null | undefined;
  onDecided?: (kind: "approve" | "reject") => void;
}) {
  return (
    <DecisionControls
      label={`审核${unitName}的报送`}
      commentLabel="审核意见(退回时必填)"
      approveLabel="审核通过"
      rejectLabel="退回"
      validate={checkComment}
      focusAfter={focusAfter}
      onDecided={onDecided}
      approve={(comment) => approveProgressReport({ reportId, version, comment })}
      reject={(comment) => returnProgressReport({ reportId, version, comment })}
    />
  );
}
