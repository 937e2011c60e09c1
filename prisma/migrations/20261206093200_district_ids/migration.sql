-- Ready to distribute by district (docs/scale-out.md): every district table's
-- "districtId" is NOT NULL and part of each of its unique keys, as Citus needs
-- of a distributed table. The serial primary keys stay as they are until the
-- move; the document lists what changes then.

-- Notification: every writer sets "districtId" (a message is about one
-- district's work). An older row without one takes its reminder's, else the
-- measure its link opens, else its recipient's district.
UPDATE "Notification" n SET "districtId" = r."districtId"
FROM "Reminder" r WHERE n."districtId" IS NULL AND r."id" = n."reminderId";

UPDATE "Notification" n SET "districtId" = m."districtId"
FROM "Measure" m
WHERE n."districtId" IS NULL AND m."id" = substring(n."link" FROM '^/measures/([0-9]{1,9})(?:[/?#]|$)')::int;

UPDATE "Notification" n SET "districtId" = COALESCE(u."districtId", un."districtId", rg."districtId")
FROM "User" u
LEFT JOIN "Unit" un ON un."id" = u."unitId"
LEFT JOIN "Region" rg ON rg."id" = u."regionId"
WHERE n."districtId" IS NULL AND u."id" = n."userId";

-- Left: a message about no district to someone above district level, which
-- no writer has ever made; it could not be placed on any shard.
DELETE FROM "Notification" WHERE "districtId" IS NULL;

ALTER TABLE "Notification" ALTER COLUMN "districtId" SET NOT NULL;

-- Unique keys gain "districtId" as their last column: the other columns
-- already name rows of one district (a region, a measure, an assignment, a
-- report), so what is unique does not change, and lookups by the leading
-- columns keep their index.
CREATE UNIQUE INDEX "Unit_regionId_name_districtId_key" ON "Unit"("regionId", "name", "districtId");
DROP INDEX "Unit_regionId_name_key";

CREATE UNIQUE INDEX "UnitAlias_regionId_alias_districtId_key" ON "UnitAlias"("regionId", "alias", "districtId");
DROP INDEX "UnitAlias_regionId_alias_key";

CREATE UNIQUE INDEX "UnitGroup_regionId_name_districtId_key" ON "UnitGroup"("regionId", "name", "districtId");
DROP INDEX "UnitGroup_regionId_name_key";

CREATE UNIQUE INDEX "UnitGroupAlias_regionId_alias_districtId_key" ON "UnitGroupAlias"("regionId", "alias", "districtId");
DROP INDEX "UnitGroupAlias_regionId_alias_key";

ALTER TABLE "UnitGroupMember" DROP CONSTRAINT "UnitGroupMember_pkey";
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_pkey" PRIMARY KEY ("groupId", "unitId", "districtId");

CREATE UNIQUE INDEX "Assignment_measureId_unitId_role_districtId_key" ON "Assignment"("measureId", "unitId", "role", "districtId");
DROP INDEX "Assignment_measureId_unitId_role_key";

CREATE UNIQUE INDEX "AnnualTarget_measureId_unitId_year_districtId_key" ON "AnnualTarget"("measureId", "unitId", "year", "districtId");
DROP INDEX "AnnualTarget_measureId_unitId_year_key";

CREATE UNIQUE INDEX "ProgressReport_assignment_period_district_key" ON "ProgressReport"("assignmentId", "periodStart", "periodEnd", "districtId");
DROP INDEX "ProgressReport_assignmentId_periodStart_periodEnd_key";

CREATE UNIQUE INDEX "Reminder_dedupeKey_districtId_key" ON "Reminder"("dedupeKey", "districtId");
DROP INDEX "Reminder_dedupeKey_key";

CREATE UNIQUE INDEX "Notification_userId_digest_districtId_key" ON "Notification"("userId", "digest", "districtId");
DROP INDEX "Notification_userId_digest_key";

CREATE UNIQUE INDEX "AnnualReportSection_reportId_sortOrder_districtId_key" ON "AnnualReportSection"("reportId", "sortOrder", "districtId");
DROP INDEX "AnnualReportSection_reportId_sortOrder_key";

ALTER TABLE "FindingUnit" DROP CONSTRAINT "FindingUnit_pkey";
ALTER TABLE "FindingUnit" ADD CONSTRAINT "FindingUnit_pkey" PRIMARY KEY ("findingId", "unitId", "districtId");

CREATE UNIQUE INDEX "EvaluationItem_evaluationId_measureId_districtId_key" ON "EvaluationItem"("evaluationId", "measureId", "districtId");
DROP INDEX "EvaluationItem_evaluationId_measureId_key";
