-- Annual report drafts record who built them; sections nest one level (一、 then (一)).
ALTER TABLE "AnnualReport" ADD COLUMN     "createdById" INTEGER;
ALTER TABLE "AnnualReportSection" ADD COLUMN     "level" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "kind" VARCHAR(20);

-- A mid-term evaluation's snapshot keeps what reports group by, as it was that day.
ALTER TABLE "EvaluationItem" ADD COLUMN     "deadlineKind" VARCHAR(10) NOT NULL DEFAULT 'DATED',
ADD COLUMN     "chapterId" INTEGER,
ADD COLUMN     "leadUnitIds" INTEGER[],
ADD COLUMN     "unitIds" INTEGER[];
