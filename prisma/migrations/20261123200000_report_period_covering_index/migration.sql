-- The dashboards' read of one period's reports for a district becomes an
-- index-only scan: the heap pages of a period's reports are scattered among
-- five years of reports, and visiting them cost more than the rest of the query.
DROP INDEX "ProgressReport_districtId_periodStart_idx";
CREATE INDEX "ProgressReport_district_period_idx" ON "ProgressReport"("districtId", "periodStart", "assignmentId", "periodEnd", "state");
