-- Ids never change, so ON UPDATE CASCADE did nothing; Citus refuses it on a
-- foreign key that includes the distribution column (docs/scale-out.md).
-- Every foreign key of a district or content table: ON UPDATE NO ACTION, the
-- ON DELETE action unchanged. Added NOT VALID, so this transaction holds its
-- exclusive locks only for the catalogue change, not for a scan of millions of
-- rows; the next migration validates them under a lock that lets reads and
-- writes go on.

-- DropForeignKey
ALTER TABLE "AnnualReport" DROP CONSTRAINT "AnnualReport_previousVersionId_fkey";
ALTER TABLE "AnnualReport" DROP CONSTRAINT "AnnualReport_regionId_fkey";
ALTER TABLE "AnnualReport" DROP CONSTRAINT "AnnualReport_unitId_fkey";
ALTER TABLE "AnnualReportSection" DROP CONSTRAINT "AnnualReportSection_reportId_fkey";
ALTER TABLE "AnnualTarget" DROP CONSTRAINT "AnnualTarget_measureId_fkey";
ALTER TABLE "AnnualTarget" DROP CONSTRAINT "AnnualTarget_unitId_fkey";
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_measureId_fkey";
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_unitId_fkey";
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_viaGroupId_fkey";
ALTER TABLE "Attachment" DROP CONSTRAINT "Attachment_reportId_fkey";
ALTER TABLE "Attachment" DROP CONSTRAINT "Attachment_uploadedById_fkey";
ALTER TABLE "AttachmentChunk" DROP CONSTRAINT "AttachmentChunk_hash_fkey";
ALTER TABLE "DeadlineExtension" DROP CONSTRAINT "DeadlineExtension_decidedById_fkey";
ALTER TABLE "DeadlineExtension" DROP CONSTRAINT "DeadlineExtension_measureId_fkey";
ALTER TABLE "DeadlineExtension" DROP CONSTRAINT "DeadlineExtension_requestedById_fkey";
ALTER TABLE "DeadlineExtension" DROP CONSTRAINT "DeadlineExtension_unitId_fkey";
ALTER TABLE "Evaluation" DROP CONSTRAINT "Evaluation_planId_fkey";
ALTER TABLE "EvaluationItem" DROP CONSTRAINT "EvaluationItem_evaluationId_fkey";
ALTER TABLE "EvaluationItem" DROP CONSTRAINT "EvaluationItem_measureId_fkey";
ALTER TABLE "Finding" DROP CONSTRAINT "Finding_inspectionId_fkey";
ALTER TABLE "Finding" DROP CONSTRAINT "Finding_measureId_fkey";
ALTER TABLE "FindingUnit" DROP CONSTRAINT "FindingUnit_findingId_fkey";
ALTER TABLE "FindingUnit" DROP CONSTRAINT "FindingUnit_unitId_fkey";
ALTER TABLE "Indicator" DROP CONSTRAINT "Indicator_measureId_fkey";
ALTER TABLE "Inspection" DROP CONSTRAINT "Inspection_regionId_fkey";
ALTER TABLE "Measure" DROP CONSTRAINT "Measure_planId_fkey";
ALTER TABLE "Measure" DROP CONSTRAINT "Measure_sectionId_fkey";
ALTER TABLE "Milestone" DROP CONSTRAINT "Milestone_annualTargetId_fkey";
ALTER TABLE "Milestone" DROP CONSTRAINT "Milestone_measureId_fkey";
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_reminderId_fkey";
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_userId_fkey";
ALTER TABLE "Plan" DROP CONSTRAINT "Plan_parentId_fkey";
ALTER TABLE "Plan" DROP CONSTRAINT "Plan_regionId_fkey";
ALTER TABLE "ProgressReport" DROP CONSTRAINT "ProgressReport_assignmentId_fkey";
ALTER TABLE "ProgressReport" DROP CONSTRAINT "ProgressReport_authorId_fkey";
ALTER TABLE "ProgressReport" DROP CONSTRAINT "ProgressReport_onBehalfOfUnitId_fkey";
ALTER TABLE "ProgressReport" DROP CONSTRAINT "ProgressReport_rectificationId_fkey";
ALTER TABLE "ProgressReport" DROP CONSTRAINT "ProgressReport_reviewerId_fkey";
ALTER TABLE "Rectification" DROP CONSTRAINT "Rectification_findingId_fkey";
ALTER TABLE "Rectification" DROP CONSTRAINT "Rectification_unitId_fkey";
ALTER TABLE "Reminder" DROP CONSTRAINT "Reminder_assignmentId_fkey";
ALTER TABLE "Reminder" DROP CONSTRAINT "Reminder_measureId_fkey";
ALTER TABLE "Reminder" DROP CONSTRAINT "Reminder_sentById_fkey";
ALTER TABLE "Reminder" DROP CONSTRAINT "Reminder_unitId_fkey";
ALTER TABLE "Section" DROP CONSTRAINT "Section_outlineArea_fkey";
ALTER TABLE "Section" DROP CONSTRAINT "Section_parentId_fkey";
ALTER TABLE "Section" DROP CONSTRAINT "Section_planId_fkey";
ALTER TABLE "Unit" DROP CONSTRAINT "Unit_regionId_fkey";
ALTER TABLE "UnitAlias" DROP CONSTRAINT "UnitAlias_unitId_fkey";
ALTER TABLE "UnitGroup" DROP CONSTRAINT "UnitGroup_regionId_fkey";
ALTER TABLE "UnitGroupAlias" DROP CONSTRAINT "UnitGroupAlias_groupId_fkey";
ALTER TABLE "UnitGroupMember" DROP CONSTRAINT "UnitGroupMember_groupId_fkey";
ALTER TABLE "UnitGroupMember" DROP CONSTRAINT "UnitGroupMember_unitId_fkey";

-- AddForeignKey
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "AnnualReport"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "AnnualReportSection" ADD CONSTRAINT "AnnualReportSection_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "AnnualReport"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "AnnualTarget" ADD CONSTRAINT "AnnualTarget_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "AnnualTarget" ADD CONSTRAINT "AnnualTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_viaGroupId_fkey" FOREIGN KEY ("viaGroupId") REFERENCES "UnitGroup"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_hash_fkey" FOREIGN KEY ("hash") REFERENCES "AttachmentBlob"("hash") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "EvaluationItem" ADD CONSTRAINT "EvaluationItem_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "EvaluationItem" ADD CONSTRAINT "EvaluationItem_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "FindingUnit" ADD CONSTRAINT "FindingUnit_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "FindingUnit" ADD CONSTRAINT "FindingUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_annualTargetId_fkey" FOREIGN KEY ("annualTargetId") REFERENCES "AnnualTarget"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_onBehalfOfUnitId_fkey" FOREIGN KEY ("onBehalfOfUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "Rectification"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Section" ADD CONSTRAINT "Section_outlineArea_fkey" FOREIGN KEY ("outlineArea") REFERENCES "OutlineArea"("code") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Section" ADD CONSTRAINT "Section_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Section" ADD CONSTRAINT "Section_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "UnitAlias" ADD CONSTRAINT "UnitAlias_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "UnitGroup" ADD CONSTRAINT "UnitGroup_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "UnitGroupAlias" ADD CONSTRAINT "UnitGroupAlias_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "UnitGroup"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "UnitGroup"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;
