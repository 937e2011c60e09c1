"use client";

import { approveProgressReport, returnProgressReport } from "@/lib/progress/actions.ts";
import { DecisionControls } from "@/components/form/decision-controls.tsx";

export function ReviewControls({ reportId, version, unitName }: { reportId: number; version: number; unitName: string }) {
  return (
    <DecisionControls
      label={`审核${unitName}的报送`}
      commentLabel="退回意见"
      approveLabel="审核通过"
      rejectLabel="退回"
      missingComment="退回时请填写退回意见"
      approve={(comment) => approveProgressReport({ reportId, version, comment })}
      reject={(comment) => returnProgressReport({ reportId, version, comment })}
    />
  );
}
