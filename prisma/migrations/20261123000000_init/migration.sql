-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'BUREAU', 'LIAISON', 'LEADER');

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'CITY', 'DISTRICT', 'TOWN');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PARTY_BODY', 'GOVERNMENT_DEPARTMENT', 'JUDICIAL_BODY', 'PEOPLES_ORGANISATION', 'TOWN_STREET', 'STATE_ENTERPRISE', 'OTHER');

-- CreateEnum
CREATE TYPE "PlanKind" AS ENUM ('PLAN', 'ACTION_PLAN', 'IMPLEMENTATION_PLAN', 'WORK_POINTS', 'DIVISION_OF_LABOUR');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'IN_FORCE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReportCadence" AS ENUM ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('LEAD', 'RESPONSIBLE');

-- CreateEnum
CREATE TYPE "AssignmentSource" AS ENUM ('DIRECT', 'GROUP');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED');

-- CreateEnum
CREATE TYPE "ClaimedStatus" AS ENUM ('IN_PROGRESS', 'COMPLETED', 'NO_CHANGE');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ExtensionState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('MANUAL', 'DUE_SOON', 'REPORT_LATE', 'OVERDUE');

-- CreateEnum
CREATE TYPE "AnnualReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('OPEN', 'SUBMITTED', 'CLOSED');

-- CreateTable
CREATE TABLE "Region" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(12) NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parentId" INTEGER,
    "path" VARCHAR(200) NOT NULL,
    "districtId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "shortName" VARCHAR(50),
    "kind" "UnitKind" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitAlias" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "alias" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitGroup" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitGroupMember" (
    "groupId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "districtId" INTEGER NOT NULL,

    CONSTRAINT "UnitGroupMember_pkey" PRIMARY KEY ("groupId","unitId")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "login" VARCHAR(50) NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "passwordHash" VARCHAR(100) NOT NULL,
    "role" "Role" NOT NULL,
    "regionId" INTEGER,
    "districtId" INTEGER,
    "unitId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "largeText" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "login" VARCHAR(50) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("login")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "kind" "PlanKind" NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "periodStart" INTEGER,
    "periodEnd" INTEGER,
    "issuer" VARCHAR(200),
    "documentNumber" VARCHAR(100),
    "issueDate" DATE,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "reportCadence" "ReportCadence" NOT NULL DEFAULT 'QUARTERLY',
    "reportDueDay" INTEGER NOT NULL DEFAULT 10,
    "sourceText" TEXT,
    "sourceFileName" VARCHAR(200),
    "parentId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Section" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "planId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "label" VARCHAR(20) NOT NULL,
    "title" VARCHAR(500) NOT NULL,
    "outlineArea" VARCHAR(50),
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "planId" INTEGER NOT NULL,
    "sectionId" INTEGER,
    "code" VARCHAR(20) NOT NULL,
    "text" TEXT NOT NULL,
    "deadline" DATE,
    "deadlineText" VARCHAR(100),
    "originalDeadline" DATE,
    "ongoing" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "measureId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "source" "AssignmentSource" NOT NULL DEFAULT 'DIRECT',
    "viaGroupId" INTEGER,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "percent" INTEGER NOT NULL DEFAULT 0,
    "completedAt" TIMESTAMP(3),
    "lastReportAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualTarget" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "measureId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "measureId" INTEGER NOT NULL,
    "annualTargetId" INTEGER,
    "title" VARCHAR(500) NOT NULL,
    "dueDate" DATE NOT NULL,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "measureId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "unitOfMeasure" VARCHAR(20),
    "targetValue" DECIMAL(14,2),
    "actualValue" DECIMAL(14,2),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "assignmentId" INTEGER,
    "rectificationId" INTEGER,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "text" TEXT NOT NULL,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "claimedStatus" "ClaimedStatus" NOT NULL,
    "state" "ReviewState" NOT NULL DEFAULT 'DRAFT',
    "authorId" INTEGER NOT NULL,
    "onBehalfOfUnitId" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "reviewerId" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "reportId" INTEGER,
    "fileName" VARCHAR(200) NOT NULL,
    "contentHash" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "mimeType" VARCHAR(100) NOT NULL,
    "uploadedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineExtension" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "measureId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "oldDeadline" DATE,
    "newDeadline" DATE NOT NULL,
    "state" "ExtensionState" NOT NULL DEFAULT 'PENDING',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "unitId" INTEGER NOT NULL,
    "measureId" INTEGER,
    "assignmentId" INTEGER,
    "message" TEXT NOT NULL,
    "dedupeKey" VARCHAR(200),
    "sentById" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER,
    "userId" INTEGER NOT NULL,
    "reminderId" INTEGER,
    "title" VARCHAR(200) NOT NULL,
    "body" TEXT,
    "link" VARCHAR(500),
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualReport" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "year" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "status" "AnnualReportStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "previousVersionId" INTEGER,
    "imported" BOOLEAN NOT NULL DEFAULT false,
    "sourceText" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedById" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "publishedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualReportSection" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "reportId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "heading" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "measureIds" INTEGER[],

    CONSTRAINT "AnnualReportSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "inspector" VARCHAR(200),
    "inspectedOn" DATE NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "measureId" INTEGER,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingUnit" (
    "findingId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "districtId" INTEGER NOT NULL,

    CONSTRAINT "FindingUnit_pkey" PRIMARY KEY ("findingId","unitId")
);

-- CreateTable
CREATE TABLE "Rectification" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "findingId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "deadline" DATE NOT NULL,
    "status" "RectificationStatus" NOT NULL DEFAULT 'OPEN',
    "verifiedById" INTEGER,
    "verifiedAt" TIMESTAMP(3),
    "reopenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rectification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "planId" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "snapshotDate" DATE NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationItem" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "evaluationId" INTEGER NOT NULL,
    "measureId" INTEGER NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "light" VARCHAR(10) NOT NULL,
    "percent" INTEGER NOT NULL,
    "deadline" DATE,

    CONSTRAINT "EvaluationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "districtId" INTEGER,
    "actorId" INTEGER,
    "action" VARCHAR(50) NOT NULL,
    "entityType" VARCHAR(50) NOT NULL,
    "entityId" VARCHAR(50) NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");

-- CreateIndex
CREATE INDEX "Region_districtId_idx" ON "Region"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "Region_parentId_name_key" ON "Region"("parentId", "name");

-- CreateIndex
CREATE INDEX "Unit_districtId_idx" ON "Unit"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_regionId_name_key" ON "Unit"("regionId", "name");

-- CreateIndex
CREATE INDEX "UnitAlias_unitId_idx" ON "UnitAlias"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitAlias_regionId_alias_key" ON "UnitAlias"("regionId", "alias");

-- CreateIndex
CREATE INDEX "UnitGroup_districtId_idx" ON "UnitGroup"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitGroup_regionId_name_key" ON "UnitGroup"("regionId", "name");

-- CreateIndex
CREATE INDEX "UnitGroupMember_unitId_idx" ON "UnitGroupMember"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");

-- CreateIndex
CREATE INDEX "User_regionId_idx" ON "User"("regionId");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE INDEX "Plan_districtId_idx" ON "Plan"("districtId");

-- CreateIndex
CREATE INDEX "Plan_regionId_idx" ON "Plan"("regionId");

-- CreateIndex
CREATE INDEX "Section_planId_sortOrder_idx" ON "Section"("planId", "sortOrder");

-- CreateIndex
CREATE INDEX "Measure_planId_code_idx" ON "Measure"("planId", "code");

-- CreateIndex
CREATE INDEX "Measure_districtId_deadline_idx" ON "Measure"("districtId", "deadline");

-- CreateIndex
CREATE INDEX "Measure_sectionId_idx" ON "Measure"("sectionId");

-- CreateIndex
CREATE INDEX "Assignment_unitId_idx" ON "Assignment"("unitId");

-- CreateIndex
CREATE INDEX "Assignment_districtId_status_idx" ON "Assignment"("districtId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_measureId_unitId_role_key" ON "Assignment"("measureId", "unitId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualTarget_measureId_unitId_year_key" ON "AnnualTarget"("measureId", "unitId", "year");

-- CreateIndex
CREATE INDEX "Milestone_measureId_idx" ON "Milestone"("measureId");

-- CreateIndex
CREATE INDEX "Indicator_measureId_year_idx" ON "Indicator"("measureId", "year");

-- CreateIndex
CREATE INDEX "ProgressReport_assignmentId_periodStart_idx" ON "ProgressReport"("assignmentId", "periodStart");

-- CreateIndex
CREATE INDEX "ProgressReport_rectificationId_idx" ON "ProgressReport"("rectificationId");

-- CreateIndex
CREATE INDEX "ProgressReport_districtId_state_idx" ON "ProgressReport"("districtId", "state");

-- CreateIndex
CREATE INDEX "Attachment_reportId_idx" ON "Attachment"("reportId");

-- CreateIndex
CREATE INDEX "DeadlineExtension_measureId_idx" ON "DeadlineExtension"("measureId");

-- CreateIndex
CREATE INDEX "DeadlineExtension_districtId_state_idx" ON "DeadlineExtension"("districtId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_dedupeKey_key" ON "Reminder"("dedupeKey");

-- CreateIndex
CREATE INDEX "Reminder_districtId_createdAt_idx" ON "Reminder"("districtId", "createdAt");

-- CreateIndex
CREATE INDEX "Reminder_unitId_idx" ON "Reminder"("unitId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReport_previousVersionId_key" ON "AnnualReport"("previousVersionId");

-- CreateIndex
CREATE INDEX "AnnualReport_districtId_year_idx" ON "AnnualReport"("districtId", "year");

-- CreateIndex
CREATE INDEX "AnnualReport_regionId_year_idx" ON "AnnualReport"("regionId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReportSection_reportId_sortOrder_key" ON "AnnualReportSection"("reportId", "sortOrder");

-- CreateIndex
CREATE INDEX "Inspection_districtId_idx" ON "Inspection"("districtId");

-- CreateIndex
CREATE INDEX "Finding_inspectionId_idx" ON "Finding"("inspectionId");

-- CreateIndex
CREATE INDEX "Rectification_districtId_status_idx" ON "Rectification"("districtId", "status");

-- CreateIndex
CREATE INDEX "Rectification_unitId_idx" ON "Rectification"("unitId");

-- CreateIndex
CREATE INDEX "Evaluation_districtId_idx" ON "Evaluation"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationItem_evaluationId_measureId_key" ON "EvaluationItem"("evaluationId", "measureId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_districtId_createdAt_idx" ON "AuditEvent"("districtId", "createdAt");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAlias" ADD CONSTRAINT "UnitAlias_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitGroup" ADD CONSTRAINT "UnitGroup_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "UnitGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_viaGroupId_fkey" FOREIGN KEY ("viaGroupId") REFERENCES "UnitGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualTarget" ADD CONSTRAINT "AnnualTarget_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualTarget" ADD CONSTRAINT "AnnualTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_annualTargetId_fkey" FOREIGN KEY ("annualTargetId") REFERENCES "AnnualTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "Rectification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_onBehalfOfUnitId_fkey" FOREIGN KEY ("onBehalfOfUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "AnnualReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReportSection" ADD CONSTRAINT "AnnualReportSection_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "AnnualReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingUnit" ADD CONSTRAINT "FindingUnit_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingUnit" ADD CONSTRAINT "FindingUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationItem" ADD CONSTRAINT "EvaluationItem_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationItem" ADD CONSTRAINT "EvaluationItem_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written additions below: Prisma does not generate these and, without
-- the postgresqlExtensions preview feature, `prisma migrate diff` ignores
-- extensions, functions and triggers, so they cause no drift.
-- ---------------------------------------------------------------------------

-- pg_trgm: trigram indexes for substring search over Chinese text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AuditEvent is append-only: any UPDATE or DELETE of a row is refused.
-- TRUNCATE fires no row-level trigger, so tests can still empty the table.
-- Note that deleting a User who has audit events fails too: the foreign key's
-- ON DELETE SET NULL is an UPDATE of "AuditEvent" (deactivate users instead).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
    BEFORE UPDATE OR DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
