-- Domain facts that were read back out of the audit log get columns and rows
-- of their own, filled here from the AuditEvent rows the old code wrote. The
-- audit events stay as they are (the log is append-only); the code keeps
-- writing them, and now writes these in the same transaction.

-- An annual report's last return (annualReport.return): when, by whom, the comment.
ALTER TABLE "AnnualReport" ADD COLUMN "returnedAt" TIMESTAMP(3),
    ADD COLUMN "returnedById" INTEGER,
    ADD COLUMN "returnComment" TEXT;

UPDATE "AnnualReport" a
SET "returnedAt" = e."createdAt", "returnedById" = e."actorId", "returnComment" = e."after"->>'returnComment'
FROM (
    SELECT DISTINCT ON ("entityId") "entityId", "createdAt", "actorId", "after"
    FROM "AuditEvent"
    WHERE "entityType" = 'AnnualReport' AND "action" = 'annualReport.return'
    ORDER BY "entityId", "id" DESC
) e
WHERE e."entityId" = a."id"::text;

-- As ProgressReport.reviewerId: a deleted user leaves the fact, without its name.
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION;

-- A chapter whose outline area the bureau set by hand (section.updateOutlineArea), "none" included.
ALTER TABLE "Section" ADD COLUMN "outlineAreaSetByHand" BOOLEAN NOT NULL DEFAULT false;

UPDATE "Section" s
SET "outlineAreaSetByHand" = true
WHERE EXISTS (
    SELECT 1 FROM "AuditEvent" e
    WHERE e."entityType" = 'Section' AND e."entityId" = s."id"::text AND e."action" = 'section.updateOutlineArea'
);

-- A progress report's first submission (report.submit or report.carryForward; a resubmission is not one).
ALTER TABLE "ProgressReport" ADD COLUMN "firstSubmittedAt" TIMESTAMP(3);

UPDATE "ProgressReport" r
SET "firstSubmittedAt" = f."at"
FROM (
    SELECT "entityId", min("createdAt") AS "at"
    FROM "AuditEvent"
    WHERE "entityType" = 'ProgressReport' AND "action" IN ('report.submit', 'report.carryForward')
    GROUP BY "entityId"
) f
WHERE f."entityId" = r."id"::text;

-- Each closing (销号) of a rectification item, and its reopening if one followed.
CREATE TABLE "RectificationClosure" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "rectificationId" INTEGER NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "closedById" INTEGER,
    "reopenedAt" TIMESTAMP(3),

    CONSTRAINT "RectificationClosure_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RectificationClosure_rectificationId_closedAt_idx" ON "RectificationClosure"("rectificationId", "closedAt");

ALTER TABLE "RectificationClosure" ADD CONSTRAINT "RectificationClosure_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "Rectification"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- A verify closes the item until the first reopen recorded after it.
INSERT INTO "RectificationClosure" ("districtId", "rectificationId", "closedAt", "closedById", "reopenedAt")
SELECT r."districtId", r."id", v."createdAt", v."actorId",
    (SELECT o."createdAt" FROM "AuditEvent" o
     WHERE o."entityType" = 'Rectification' AND o."entityId" = v."entityId" AND o."action" = 'rectification.reopen' AND o."id" > v."id"
     ORDER BY o."id" LIMIT 1)
FROM "AuditEvent" v
JOIN "Rectification" r ON r."id"::text = v."entityId"
WHERE v."entityType" = 'Rectification' AND v."action" = 'rectification.verify'
ORDER BY v."id";

-- A reopen with no verify since the item's previous reopen closed an item closed
-- without an audit event (older data): its snapshot still says when and by whom,
-- as reopenRectification reads them from the row.
INSERT INTO "RectificationClosure" ("districtId", "rectificationId", "closedAt", "closedById", "reopenedAt")
SELECT r."districtId", r."id", (o."before"->>'verifiedAt')::timestamptz AT TIME ZONE 'UTC',
    (SELECT u."id" FROM "User" u WHERE u."id"::text = o."before"->>'verifiedById'),
    o."createdAt"
FROM "AuditEvent" o
JOIN "Rectification" r ON r."id"::text = o."entityId"
WHERE o."entityType" = 'Rectification' AND o."action" = 'rectification.reopen'
    AND o."before"->>'verifiedAt' IS NOT NULL
    AND NOT EXISTS (
        SELECT 1 FROM "AuditEvent" v
        WHERE v."entityType" = 'Rectification' AND v."entityId" = o."entityId" AND v."action" = 'rectification.verify' AND v."id" < o."id"
            AND v."id" > COALESCE((
                SELECT max(p."id") FROM "AuditEvent" p
                WHERE p."entityType" = 'Rectification' AND p."entityId" = o."entityId" AND p."action" = 'rectification.reopen' AND p."id" < o."id"
            ), 0)
    )
ORDER BY o."id";

ALTER TABLE "RectificationClosure" ADD CONSTRAINT "RectificationClosure_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION;

-- Each return of a progress report (report.return), with the reviewer's comment.
CREATE TABLE "ReportReturn" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "reportId" INTEGER NOT NULL,
    "reviewerId" INTEGER,
    "comment" TEXT,
    "returnedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportReturn_pkey" PRIMARY KEY ("id")
);

-- The 考核 reads a district's year of returns.
CREATE INDEX "ReportReturn_districtId_returnedAt_idx" ON "ReportReturn"("districtId", "returnedAt");
CREATE INDEX "ReportReturn_reportId_idx" ON "ReportReturn"("reportId");

ALTER TABLE "ReportReturn" ADD CONSTRAINT "ReportReturn_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

INSERT INTO "ReportReturn" ("districtId", "reportId", "reviewerId", "comment", "returnedAt")
SELECT r."districtId", r."id", e."actorId", e."after"->>'reviewComment', e."createdAt"
FROM "AuditEvent" e
JOIN "ProgressReport" r ON r."id"::text = e."entityId"
WHERE e."entityType" = 'ProgressReport' AND e."action" = 'report.return'
ORDER BY e."id";

ALTER TABLE "ReportReturn" ADD CONSTRAINT "ReportReturn_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION;
