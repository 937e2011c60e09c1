-- The bureau's arrivals digest reads one district's reports and extension
-- requests of one day: by district and time, not through all of its rows.
CREATE INDEX "ProgressReport_districtId_submittedAt_idx" ON "ProgressReport"("districtId", "submittedAt");
CREATE INDEX "DeadlineExtension_districtId_createdAt_idx" ON "DeadlineExtension"("districtId", "createdAt");
