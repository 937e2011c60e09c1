import type { Tx } from "@/lib/db/client.ts";
import { chinaTime } from "@/lib/dates.ts";
import type { AuditAction } from "@/lib/audit/events.ts";
import { addDays } from "@/lib/reporting/periods.ts";
import { createFinding, createInspection, createRectificationReport } from "@/lib/demo/factories.ts";

// Demo data for 督察整改 (the lead calls it from lib/demo/seed.ts): for one
// district, one inspection with three findings, each for one unit —
//   closed: reported as rectified and verified (销号) on time (区发改局);
//   submitted: reported, waiting for the bureau's 核验 and due soon (区政府办公室);
//   open and overdue, after a returned report (区司法局, xialu.liaison's unit).
// Dates are counted back from `today`, so the demo always shows all three states.

const FINDINGS = [
  {
    unit: "区发改局",
    text: "重大行政决策事项目录未按要求向社会公布,部分决策未履行公众参与程序。",
    deadlineIn: -30,
    linkMeasure: true,
  },
  {
    unit: "区政府办公室",
    text: "行政规范性文件备案审查不及时,2 件文件超过规定时限报备。",
    deadlineIn: 20,
    linkMeasure: false,
  },
  {
    unit: "区司法局",
    text: "行政执法“三项制度”落实不到位,执法全过程记录设备配备不足,法制审核人员配备未达要求。",
    deadlineIn: -10,
    linkMeasure: false,
  },
] as const;

export async function seedDemoInspections(tx: Tx, input: { districtId: number; today: string }) {
  const { districtId, today } = input;
  const bureau = await tx.user.findFirst({ where: { role: "BUREAU", districtId, active: true }, orderBy: { id: "asc" } });
  if (!bureau) throw new Error(`district ${districtId} has no bureau account for the demo inspections`);
  const units = await tx.unit.findMany({ where: { districtId, active: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
  const measure = await tx.measure.findFirst({ where: { districtId }, orderBy: { id: "asc" }, select: { id: true } });
  const inspectedOn = addDays(today, -120);
  const inspection = await createInspection(tx, {
    regionId: districtId,
    title: `${inspectedOn.slice(0, 4)}年度法治政府建设督察`,
    inspector: "市委依法治市办督察组",
    inspectedOn,
    description: "督察组通过听取汇报、查阅资料、个别谈话等方式,对本区法治政府建设情况开展实地督察,反馈问题 3 项。",
  });
  const audit = (data: { actorId: number; action: AuditAction; entityType: string; entityId: number; at: Date; after?: object }) =>
    tx.auditEvent.create({
      data: {
        actorId: data.actorId,
        action: data.action,
        entityType: data.entityType,
        entityId: String(data.entityId),
        districtId,
        after: data.after ? (JSON.parse(JSON.stringify(data.after)) as object) : undefined,
        createdAt: data.at,
      },
    });
  await audit({
    actorId: bureau.id,
    action: "inspection.create",
    entityType: "Inspection",
    entityId: inspection.id,
    at: chinaTime(addDays(inspectedOn, 2)),
    after: inspection,
  });

  const used = new Set<number>();
  const ids: number[] = [];
  for (const [index, spec] of FINDINGS.entries()) {
    // Falls back to another unit when a district lacks the named one.
    const unit = units.find((u) => u.name === spec.unit && !used.has(u.id)) ?? units.find((u) => !used.has(u.id));
    if (!unit) break;
    used.add(unit.id);
    const { finding, rectifications } = await createFinding(tx, {
      inspectionId: inspection.id,
      text: spec.text,
      unitIds: [unit.id],
      measureId: spec.linkMeasure ? (measure?.id ?? null) : null,
      deadline: addDays(today, spec.deadlineIn),
    });
    const item = rectifications[0]!;
    ids.push(item.id);
    const recorded = chinaTime(addDays(inspectedOn, 2), 11);
    await audit({
      actorId: bureau.id,
      action: "finding.create",
      entityType: "Finding",
      entityId: finding.id,
      at: recorded,
      after: finding,
    });
    await audit({
      actorId: bureau.id,
      action: "rectification.create",
      entityType: "Rectification",
      entityId: item.id,
      at: recorded,
      after: item,
    });
    const liaison = await tx.user.findFirst({ where: { role: "LIAISON", unitId: unit.id, active: true }, orderBy: { id: "asc" } });
    const author = liaison ?? bureau;
    const report = async (
      state: "SUBMITTED" | "APPROVED" | "RETURNED",
      submittedOn: string,
      reviewedOn: string | null,
      text: string,
      comment?: string,
    ) => {
      const submittedAt = chinaTime(submittedOn, 9);
      const reviewedAt = reviewedOn ? chinaTime(reviewedOn, 15) : undefined;
      const { report: saved } = await createRectificationReport(tx, {
        rectificationId: item.id,
        authorId: author.id,
        state,
        text,
        // Every demo report was sent for 销号: only a completion claim is verified or returned.
        claimedStatus: "COMPLETED",
        submittedAt,
        reviewerId: state === "SUBMITTED" ? null : bureau.id,
        reviewedAt,
        reviewComment: comment ?? null,
      });
      await audit({
        actorId: author.id,
        action: "rectification.report",
        entityType: "Rectification",
        entityId: item.id,
        at: submittedAt,
        after: { reportId: saved.id },
      });
      if (reviewedAt) {
        const action = state === "APPROVED" ? "rectification.verify" : "rectification.return";
        await audit({
          actorId: bureau.id,
          action,
          entityType: "Rectification",
          entityId: item.id,
          at: reviewedAt,
          after: { reportId: saved.id },
        });
      }
    };
    if (index === 0) {
      await report(
        "APPROVED",
        addDays(today, -50),
        addDays(today, -45),
        "已制定并公布本区重大行政决策事项目录,建立公众参与、专家论证、风险评估工作规程,已整改到位。",
      );
    } else if (index === 1) {
      await report("SUBMITTED", addDays(today, -3), null, "已完成超期文件补报备,修订规范性文件备案审查办法,明确报备时限和责任人。");
    } else {
      await report(
        "RETURNED",
        addDays(today, -25),
        addDays(today, -22),
        "已制定整改方案,为一线执法人员配备执法记录仪,申请销号。",
        "整改措施不够具体,请补充设备配备数量和法制审核人员到位情况后重新报送。",
      );
    }
  }
  return { inspectionId: inspection.id, rectificationIds: ids };
}
