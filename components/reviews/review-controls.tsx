"use client";

import { approveProgressReport, returnProgressReport } from "@/lib/progress/actions.ts";
import { approveProgressReportSchema, returnProgressReportSchema } from "@/lib/progress/schema.ts";
import { commentRule, DecisionControls } from "@/components/form/decision-controls.tsx";

/** The comment rule of the two actions' schemas, as the box's own error. */
const checkComment = commentRule({ approve: approveProgressReportSchema.shape.comment, reject: returnProgressReportSchema.shape.comment });

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
