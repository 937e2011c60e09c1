-- DropIndex
DROP INDEX "ProgressReport_assignmentId_periodStart_idx";

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_assignmentId_periodStart_periodEnd_key" ON "ProgressReport"("assignmentId", "periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "Reminder_measureId_idx" ON "Reminder"("measureId");

-- CreateIndex
CREATE INDEX "Notification_reminderId_idx" ON "Notification"("reminderId");
