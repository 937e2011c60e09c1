-- Issue 15: a plan's life (施行 → 期满/终止), successor plans and 结转, the
-- decomposition of a 规划's items, indicator values in reports, 终期评估,
-- 通报 and 考核.

-- CreateEnum
CREATE TYPE "PlanEndKind" AS ENUM ('EXPIRED', 'TERMINATED');
CREATE TYPE "MeasureSuccession" AS ENUM ('CARRIED', 'CONTINUED');
CREATE TYPE "EvaluationKind" AS ENUM ('MIDTERM', 'FINAL');
CREATE TYPE "CircularKind" AS ENUM ('QUARTERLY', 'AD_HOC');
CREATE TYPE "CircularStatus" AS ENUM ('DRAFT', 'APPROVED', 'ISSUED');
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- AlterEnum (not used in this transaction, so allowed inside it)
ALTER TYPE "NotificationKind" ADD VALUE 'CIRCULAR';

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN "effectiveFrom" DATE,
ADD COLUMN "endKind" "PlanEndKind",
ADD COLUMN "endedOn" DATE,
ADD COLUMN "endReason" TEXT,
ADD COLUMN "milestoneGraceDays" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN "predecessorId" INTEGER;

ALTER TABLE "Measure" ADD COLUMN "previousId" INTEGER,
ADD COLUMN "succession" "MeasureSuccession",
ADD COLUMN "parentItemId" INTEGER;

ALTER TABLE "Evaluation" ADD COLUMN "kind" "EvaluationKind" NOT NULL DEFAULT 'MIDTERM';

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "reportId" INTEGER NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "value" DECIMAL(14,2) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Circular" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "kind" "CircularKind" NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "documentNumber" VARCHAR(100),
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "figures" JSONB,
    "status" "CircularStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER NOT NULL,
    "approvedById" INTEGER,
    "approvedAt" TIMESTAMP(3),
    "issuedById" INTEGER,
    "issuedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Circular_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Assessment" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "rules" JSONB NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER NOT NULL,
    "publishedById" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AssessmentAdjustment" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "assessmentId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "points" DECIMAL(6,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentAdjustment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AssessmentItem" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "assessmentId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "ruleCode" VARCHAR(30) NOT NULL,
    "points" DECIMAL(6,2) NOT NULL,
    "fact" TEXT NOT NULL,
    "link" VARCHAR(500),
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "AssessmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Plan_predecessorId_idx" ON "Plan"("predecessorId");
CREATE INDEX "Measure_previousId_idx" ON "Measure"("previousId");
CREATE INDEX "Measure_parentItemId_idx" ON "Measure"("parentItemId");
CREATE UNIQUE INDEX "IndicatorValue_reportId_indicatorId_districtId_key" ON "IndicatorValue"("reportId", "indicatorId", "districtId");
CREATE INDEX "IndicatorValue_indicatorId_idx" ON "IndicatorValue"("indicatorId");
CREATE INDEX "Circular_districtId_periodStart_idx" ON "Circular"("districtId", "periodStart");
CREATE INDEX "Circular_regionId_idx" ON "Circular"("regionId");
CREATE UNIQUE INDEX "Assessment_regionId_year_districtId_key" ON "Assessment"("regionId", "year", "districtId");
CREATE INDEX "AssessmentAdjustment_assessmentId_idx" ON "AssessmentAdjustment"("assessmentId");
CREATE INDEX "AssessmentItem_assessmentId_unitId_idx" ON "AssessmentItem"("assessmentId", "unitId");

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_previousId_fkey" FOREIGN KEY ("previousId") REFERENCES "Measure"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_parentItemId_fkey" FOREIGN KEY ("parentItemId") REFERENCES "Measure"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "Circular" ADD CONSTRAINT "Circular_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
ALTER TABLE "AssessmentAdjustment" ADD CONSTRAINT "AssessmentAdjustment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "AssessmentAdjustment" ADD CONSTRAINT "AssessmentAdjustment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
