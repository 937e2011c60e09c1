-- The reminder job writes one digest per unit, period and kind instead of one
-- message per assignment; the key says what the digest stands for, and the
-- unique index makes a second run add nothing.
ALTER TABLE "Notification" ADD COLUMN "digest" VARCHAR(120);

CREATE UNIQUE INDEX "Notification_userId_digest_key" ON "Notification"("userId", "digest");

-- The job's former one-per-assignment reminders are superseded by the digests
-- the next run writes (which list the same measures, live): they stop
-- counting as unread.
UPDATE "Notification" SET "readAt" = now() WHERE "kind" = 'REMINDER' AND "readAt" IS NULL;
