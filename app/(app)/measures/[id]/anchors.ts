/**
 * Where a submitted report is shown on the measure page: the page renders it, the
 * report form moves focus there after 报送. Not in the client form's module, so the
 * server page can call it.
 */
export function submittedReportId(assignmentId: number, periodKey: string) {
  return `submitted-${assignmentId}-${periodKey}`;
}
