-- The dashboards read one reporting period's reports of a whole district (or
-- city) in one range scan, instead of one index probe per assignment.
CREATE INDEX "ProgressReport_districtId_periodStart_idx" ON "ProgressReport"("districtId", "periodStart");
