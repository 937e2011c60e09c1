-- Where an inbox message comes from, so the inbox can put messages from people
-- above the scheduled job's reminders and filter by kind.
CREATE TYPE "NotificationKind" AS ENUM ('RETURNED', 'APPROVED', 'URGED', 'EXTENSION_REQUESTED', 'EXTENSION_DECIDED', 'RECTIFICATION', 'REMINDER');

ALTER TABLE "Notification" ADD COLUMN "kind" "NotificationKind";

-- Existing rows. A reminder's notification takes the reminder's origin: a
-- MANUAL reminder (or one with a sender) is 催办, the others the job's.
UPDATE "Notification" n
SET "kind" = CASE WHEN r."kind" = 'MANUAL' OR r."sentById" IS NOT NULL THEN 'URGED'::"NotificationKind" ELSE 'REMINDER'::"NotificationKind" END
FROM "Reminder" r
WHERE n."reminderId" = r."id";

-- Rows without a reminder were written by people's actions, each with one
-- fixed title or link (no code column existed before this migration).
UPDATE "Notification" SET "kind" = CASE
    WHEN "link" LIKE '/inspections/%' THEN 'RECTIFICATION'::"NotificationKind"
    WHEN "title" = '有新的延期申请待审批' THEN 'EXTENSION_REQUESTED'::"NotificationKind"
    WHEN "title" LIKE '延期申请%' THEN 'EXTENSION_DECIDED'::"NotificationKind"
    WHEN "title" LIKE '催办%' THEN 'URGED'::"NotificationKind"
    WHEN "title" LIKE '进展报送被退回%' THEN 'RETURNED'::"NotificationKind"
    ELSE 'REMINDER'::"NotificationKind"
  END
WHERE "kind" IS NULL;

ALTER TABLE "Notification" ALTER COLUMN "kind" SET NOT NULL;

CREATE INDEX "Notification_userId_kind_idx" ON "Notification"("userId", "kind");
