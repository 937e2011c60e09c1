import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { chinaTime, dateColumn, isoDate, chinaDate } from "@/lib/dates.ts";
import type { RegionLevel, Role, UnitKind } from "@/lib/generated/prisma/enums.ts";
import type { Tx } from "@/lib/db/client.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { addDays, periodContaining } from "@/lib/reporting/periods.ts";

// Builders shared by the demo seed and the tests, so both make data the same
// way the app does (paths, tenant keys, hashed passwords).

type Client = PrismaClient | Tx;

export async function createRegion(client: Client, input: { code: string; name: string; level: RegionLevel; parentId?: number | null }) {
  const parent = input.parentId ? await client.region.findUniqueOrThrow({ where: { id: input.parentId } }) : null;
  const created = await client.region.create({
    data: { code: input.code, name: input.name, level: input.level, parentId: parent?.id ?? null, path: "" },
  });
  const districtId = input.level === "DISTRICT" ? created.id : input.level === "TOWN" ? (parent?.districtId ?? null) : null;
  return client.region.update({
    where: { id: created.id },
    data: { path: `${parent?.path ?? "/"}${created.id}/`, districtId },
  });
}

export async function createUnit(
  client: Client,
  input: { regionId: number; name: string; kind?: UnitKind; shortName?: string | null; aliases?: string[]; sortOrder?: number },
) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  if (!region.districtId) throw new Error(`region ${region.name} is above district level and cannot own units`);
  const districtId = region.districtId;
  return client.unit.create({
    data: {
      districtId,
      regionId: region.id,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind ?? "GOVERNMENT_DEPARTMENT",
      sortOrder: input.sortOrder ?? 0,
      aliases: { create: (input.aliases ?? []).map((alias) => ({ alias, regionId: region.id, districtId })) },
    },
  });
}

export async function createUnitGroup(client: Client, input: { regionId: number; name: string; memberIds: number[] }) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  const districtId = region.districtId!;
  return client.unitGroup.create({
    data: {
      regionId: region.id,
      districtId,
      name: input.name,
      members: { create: input.memberIds.map((unitId) => ({ unitId, districtId })) },
    },
  });
}

const hashes = new Map<string, Promise<string>>();
/** Hashing is slow on purpose; tests create many users with the same password. */
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

export async function createUser(
  client: Client,
  input: {
    login: string;
    name: string;
    role: Role;
    regionId?: number | null;
    unitId?: number | null;
    password?: string;
    active?: boolean;
  },
) {
  const region = input.regionId ? await client.region.findUniqueOrThrow({ where: { id: input.regionId } }) : null;
  return client.user.create({
    data: {
      login: input.login,
      name: input.name,
      role: input.role,
      regionId: region?.id ?? null,
      districtId: region?.districtId ?? null,
      unitId: input.unitId ?? null,
      active: input.active ?? true,
      passwordHash: await cachedHash(input.password ?? "password-123"),
    },
  });
}

export async function createPlan(
  client: Client,
  input: {
    regionId: number;
    title: string;
    reportCadence?: "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "YEARLY";
    reportDueDay?: number;
    periodStart?: number;
    periodEnd?: number;
  },
) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  return client.plan.create({
    data: {
      regionId: region.id,
      districtId: region.districtId!,
      title: input.title,
      kind: "PLAN",
      status: "IN_FORCE",
      // In force through 2030 unless a test says otherwise: a plan's window ends with its
      // period (lib/plans/life.ts), and a 2021–2025 plan owes nothing in 2026.
      periodStart: input.periodStart ?? 2021,
      periodEnd: input.periodEnd ?? 2030,
      reportCadence: input.reportCadence ?? "QUARTERLY",
      reportDueDay: input.reportDueDay ?? 10,
    },
  });
}

/** A measure with its lead and responsible units assigned directly. */
export async function createMeasure(
  client: Client,
  input: {
    planId: number;
    code: string;
    text?: string;
    deadline?: string | null;
    ongoing?: boolean;
    leadUnitIds?: number[];
    responsibleUnitIds?: number[];
  },
) {
  const plan = await client.plan.findUniqueOrThrow({ where: { id: input.planId } });
  const measure = await client.measure.create({
    data: {
      planId: plan.id,
      districtId: plan.districtId,
      code: input.code,
      text: input.text ?? `举措 ${input.code}`,
      deadline: input.deadline ? dateColumn(input.deadline) : null,
      deadlineText: input.deadline ?? (input.ongoing ? "长期坚持" : null),
      ongoing: input.ongoing ?? false,
      sortOrder: Number.parseInt(input.code, 10) || 0,
    },
  });
  const assignments = [
    ...(input.leadUnitIds ?? []).map((unitId) => ({ unitId, role: "LEAD" as const })),
    ...(input.responsibleUnitIds ?? []).map((unitId) => ({ unitId, role: "RESPONSIBLE" as const })),
  ];
  await client.assignment.createMany({
    data: assignments.map((a) => ({ ...a, measureId: measure.id, districtId: plan.districtId })),
  });
  return measure;
}

const DAY_MS = 86_400_000;

export type ProgressReportInput = {
  assignmentId: number;
  /** "YYYY-MM-DD"; must be a real period of the plan's cadence. */
  period: { start: string; end: string };
  state: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  /** Default IN_PROGRESS. */
  claimedStatus?: "IN_PROGRESS" | "COMPLETED" | "NO_CHANGE";
  percent?: number;
  text?: string;
  authorId: number;
  /** Required for APPROVED and RETURNED. */
  reviewerId?: number | null;
  /** Default for non-drafts: 5 days after the period's end, 10:00 Beijing time. */
  submittedAt?: Date;
  /** Default for APPROVED and RETURNED: submittedAt + 2 days. */
  reviewedAt?: Date;
  reviewComment?: string;
};

/**
 * A progress report in its final review state, with the Assignment's derived
 * columns (status, percent, completedAt, lastReportAt) moved as the actions in
 * lib/progress/actions.ts move them for the same steps: submitting marks the
 * assignment reported and started; approving a COMPLETED claim completes it
 * (completedAt = reviewedAt); approving any other claim sets IN_PROGRESS (and
 * the percent of an IN_PROGRESS claim) unless a later period's report is
 * already approved or the assignment is completed; a return changes nothing
 * more than the submission did. The report's own facts follow the actions too:
 * a submitted report's firstSubmittedAt is its submittedAt (writeReport), and a
 * returned one has its ReportReturn row (returnProgressReport). Unlike the
 * actions it takes any period and any times, so history can be written after
 * the fact; lastReportAt therefore never moves backwards. Writes no audit
 * events: callers that show a timeline write their own (lib/demo/seed.ts does).
 */
export async function createProgressReport(client: Client, input: ProgressReportInput): Promise<{ id: number }> {
  const [created] = await createProgressReports(client, [input]);
  return created!;
}

type AssignmentColumns = {
  status: "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED";
  percent: number;
  completedAt: Date | null;
  lastReportAt: Date | null;
};

/**
 * createProgressReport for many reports in a few statements (the demo seed
 * writes thousands): the same result as calling it once per input, in order.
 */
export async function createProgressReports(client: Client, inputs: ProgressReportInput[]): Promise<{ id: number }[]> {
  if (inputs.length === 0) return [];
  const assignmentIds = [...new Set(inputs.map((i) => i.assignmentId))];
  const assignments = new Map(
    (
      await client.assignment.findMany({
        where: { id: { in: assignmentIds } },
        select: {
          id: true,
          districtId: true,
          unitId: true,
          status: true,
          percent: true,
          completedAt: true,
          lastReportAt: true,
          measure: { select: { plan: { select: { reportCadence: true, reportDueDay: true } } } },
        },
      })
    ).map((a) => [a.id, a]),
  );
  const authors = new Map(
    (
      await client.user.findMany({
        where: { id: { in: [...new Set(inputs.map((i) => i.authorId))] } },
        select: { id: true, role: true, unitId: true },
      })
    ).map((u) => [u.id, u]),
  );
  // Periods already approved per assignment: approving an earlier one must not undo them.
  const approved = new Map<number, number[]>();
  for (const r of await client.progressReport.findMany({
    where: { assignmentId: { in: assignmentIds }, state: "APPROVED" },
    select: { assignmentId: true, periodStart: true },
  })) {
    approved.set(r.assignmentId!, [...(approved.get(r.assignmentId!) ?? []), r.periodStart.getTime()]);
  }

  const columns = new Map<number, AssignmentColumns>();
  const rows = inputs.map((input) => {
    const assignment = assignments.get(input.assignmentId);
    if (!assignment) throw new Error(`no assignment ${input.assignmentId}`);
    const author = authors.get(input.authorId);
    if (!author) throw new Error(`no user ${input.authorId}`);
    const { reportCadence, reportDueDay } = assignment.measure.plan;
    const period = periodContaining(input.period.start, reportCadence, reportDueDay);
    if (period.start !== input.period.start || period.end !== input.period.end) {
      throw new Error(`${input.period.start}…${input.period.end} is not a ${reportCadence} period (nearest: ${period.key})`);
    }
    const submitted = input.state !== "DRAFT";
    const reviewed = input.state === "APPROVED" || input.state === "RETURNED";
    if (reviewed && input.reviewerId == null) throw new Error(`a ${input.state} report needs a reviewerId`);
    const submittedAt = submitted ? (input.submittedAt ?? chinaTime(addDays(period.end, 5))) : null;
    const reviewedAt = reviewed ? (input.reviewedAt ?? new Date(submittedAt!.getTime() + 2 * DAY_MS)) : null;
    const claimedStatus = input.claimedStatus ?? "IN_PROGRESS";
    const percent = claimedStatus === "COMPLETED" ? 100 : (input.percent ?? 0);
    const periodStart = dateColumn(period.start);
    const writtenAt = submittedAt ?? new Date(Math.min(Date.now(), chinaTime(addDays(period.end, 5)).getTime()));

    if (submitted) {
      const before = columns.get(assignment.id) ?? assignment;
      const after: AssignmentColumns = { ...before, status: before.status === "NOT_STARTED" ? "IN_PROGRESS" : before.status };
      if (!after.lastReportAt || after.lastReportAt < submittedAt!) after.lastReportAt = submittedAt;
      if (input.state === "APPROVED") {
        const approvedStarts = approved.get(assignment.id) ?? [];
        if (claimedStatus === "COMPLETED") {
          Object.assign(after, { status: "COMPLETED", percent: 100, completedAt: reviewedAt });
        } else if (after.status !== "COMPLETED" && !approvedStarts.some((start) => start > periodStart.getTime())) {
          after.status = "IN_PROGRESS";
          if (claimedStatus === "IN_PROGRESS") after.percent = percent;
        }
        approved.set(assignment.id, [...approvedStarts, periodStart.getTime()]);
      }
      columns.set(assignment.id, after);
    }

    return {
      districtId: assignment.districtId,
      assignmentId: assignment.id,
      periodStart,
      periodEnd: dateColumn(period.end),
      text: input.text ?? (claimedStatus === "COMPLETED" ? "该项任务已全面完成。" : "按计划推进,本期完成阶段性工作。"),
      percent,
      claimedStatus,
      state: input.state,
      authorId: author.id,
      // Anyone but the unit's own liaison logs the report on the unit's behalf (代报).
      onBehalfOfUnitId: author.role === "LIAISON" && author.unitId === assignment.unitId ? null : assignment.unitId,
      submittedAt,
      // Written at once, never returned and sent again: the first submission is this one.
      firstSubmittedAt: submittedAt,
      reviewerId: reviewed ? input.reviewerId! : null,
      reviewedAt,
      reviewComment:
        input.state === "RETURNED" ? (input.reviewComment ?? "请补充具体进展和佐证材料后重新报送。") : (input.reviewComment ?? null),
      // Created at version 1; a review is one more write.
      version: reviewed ? 2 : 1,
      createdAt: writtenAt,
      updatedAt: reviewedAt ?? writtenAt,
    };
  });

  // Inserted with one statement per thousand rows: the demo seed writes thousands.
  const ids: { id: number }[] = [];
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const column = <T>(f: (row: (typeof rows)[number]) => T) => chunk.map(f);
    const created = await client.$queryRaw<{ id: number; assignmentId: number; periodStart: Date }[]>`
      INSERT INTO "ProgressReport" ("districtId", "assignmentId", "periodStart", "periodEnd", "text", "percent", "claimedStatus",
        "state", "authorId", "onBehalfOfUnitId", "submittedAt", "firstSubmittedAt", "reviewerId", "reviewedAt", "reviewComment", "version",
        "createdAt", "updatedAt")
      SELECT * FROM unnest(
        ${column((r) => r.districtId)}::int[], ${column((r) => r.assignmentId)}::int[],
        ${column((r) => isoDate(r.periodStart))}::date[], ${column((r) => isoDate(r.periodEnd))}::date[],
        ${column((r) => r.text)}::text[], ${column((r) => r.percent)}::int[],
        ${column((r) => r.claimedStatus)}::text[]::"ClaimedStatus"[], ${column((r) => r.state)}::text[]::"ReviewState"[],
        ${column((r) => r.authorId)}::int[], ${column((r) => r.onBehalfOfUnitId)}::int[],
        ${column((r) => iso(r.submittedAt))}::timestamp(3)[], ${column((r) => iso(r.firstSubmittedAt))}::timestamp(3)[],
        ${column((r) => r.reviewerId)}::int[],
        ${column((r) => iso(r.reviewedAt))}::timestamp(3)[], ${column((r) => r.reviewComment)}::text[],
        ${column((r) => r.version)}::int[], ${column((r) => iso(r.createdAt))}::timestamp(3)[], ${column((r) => iso(r.updatedAt))}::timestamp(3)[]
      )
      RETURNING "id", "assignmentId", "periodStart"`;
    const idOf = new Map(created.map((r) => [`${r.assignmentId}/${r.periodStart.getTime()}`, r.id]));
    const chunkIds = chunk.map((row) => idOf.get(`${row.assignmentId}/${row.periodStart.getTime()}`)!);
    ids.push(...chunkIds.map((id) => ({ id })));
    // Each return's row, as returnProgressReport writes it beside the report, in the inputs' order.
    const returned = chunk.flatMap((row, i) => (row.state === "RETURNED" ? [{ ...row, id: chunkIds[i]! }] : []));
    if (returned.length) {
      await client.$executeRaw`
        INSERT INTO "ReportReturn" ("districtId", "reportId", "reviewerId", "comment", "returnedAt")
        SELECT * FROM unnest(
          ${returned.map((r) => r.districtId)}::int[], ${returned.map((r) => r.id)}::int[], ${returned.map((r) => r.reviewerId)}::int[],
          ${returned.map((r) => r.reviewComment)}::text[], ${returned.map((r) => iso(r.reviewedAt))}::timestamp(3)[]
        )`;
    }
  }

  // One statement for all the assignments touched. Timestamps travel as UTC
  // ISO strings (Prisma stores UTC); a timestamp without time zone ignores the Z.
  const changed = [...columns.entries()];
  if (changed.length) {
    await client.$executeRaw`
      UPDATE "Assignment" AS a
      SET "status" = v.status::"AssignmentStatus", "percent" = v.percent,
          "completedAt" = v.completed_at::timestamp(3), "lastReportAt" = v.last_report_at::timestamp(3),
          "updatedAt" = ${new Date().toISOString()}::timestamp(3)
      FROM unnest(
        ${changed.map(([id]) => id)}::int[], ${changed.map(([, c]) => c.status)}::text[], ${changed.map(([, c]) => c.percent)}::int[],
        ${changed.map(([, c]) => iso(c.completedAt))}::text[], ${changed.map(([, c]) => iso(c.lastReportAt))}::text[]
      ) AS v(id, status, percent, completed_at, last_report_at)
      WHERE a.id = v.id`;
  }
  return ids;
}

// ---------------------------------------------------------------------------
// Inspections (督察) and rectification items (整改)

export async function createInspection(
  client: Client,
  input: { regionId: number; title: string; inspector?: string | null; inspectedOn: string; description?: string | null },
) {
  const region = await client.region.findUniqueOrThrow({ where: { id: input.regionId } });
  if (!region.districtId) throw new Error(`region ${region.name} is above district level`);
  return client.inspection.create({
    data: {
      districtId: region.districtId,
      regionId: region.id,
      title: input.title,
      inspector: input.inspector ?? null,
      inspectedOn: dateColumn(input.inspectedOn),
      description: input.description ?? null,
    },
  });
}

/** A finding with its units and one OPEN rectification item per unit, as addFinding writes them. */
export async function createFinding(
  client: Client,
  input: { inspectionId: number; text: string; unitIds: number[]; measureId?: number | null; deadline: string },
) {
  const inspection = await client.inspection.findUniqueOrThrow({ where: { id: input.inspectionId } });
  const districtId = inspection.districtId;
  const finding = await client.finding.create({
    data: {
      districtId,
      inspectionId: inspection.id,
      measureId: input.measureId ?? null,
      text: input.text,
      units: { create: input.unitIds.map((unitId) => ({ unitId, districtId })) },
    },
  });
  const rectifications = [];
  for (const unitId of input.unitIds) {
    rectifications.push(
      await client.rectification.create({
        data: { districtId, findingId: finding.id, unitId, deadline: dateColumn(input.deadline), status: "OPEN" },
      }),
    );
  }
  return { finding, rectifications };
}

/**
 * A rectification report in its final state, moving the item as the actions
 * in lib/inspections/actions.ts do: SUBMITTED → item SUBMITTED; APPROVED →
 * item CLOSED (verified by the reviewer at reviewedAt) with its closing's
 * RectificationClosure row (verifyRectification); RETURNED → item OPEN, with
 * the return's ReportReturn row (returnRectification). The report is first
 * submitted when it is submitted (reportRectification) and covers that Beijing
 * day. Writes no audit events.
 */
export async function createRectificationReport(
  client: Client,
  input: {
    rectificationId: number;
    authorId: number;
    state: "SUBMITTED" | "APPROVED" | "RETURNED";
    text?: string;
    percent?: number;
    claimedStatus?: "IN_PROGRESS" | "COMPLETED";
    /** Default now. */
    submittedAt?: Date;
    /** Required for APPROVED and RETURNED. */
    reviewerId?: number | null;
    /** Default submittedAt + 2 days. */
    reviewedAt?: Date;
    reviewComment?: string | null;
  },
) {
  const item = await client.rectification.findUniqueOrThrow({ where: { id: input.rectificationId } });
  const author = await client.user.findUniqueOrThrow({ where: { id: input.authorId }, select: { id: true, role: true, unitId: true } });
  const reviewed = input.state !== "SUBMITTED";
  if (reviewed && input.reviewerId == null) throw new Error(`a ${input.state} report needs a reviewerId`);
  const submittedAt = input.submittedAt ?? new Date();
  const reviewedAt = reviewed ? (input.reviewedAt ?? new Date(submittedAt.getTime() + 2 * DAY_MS)) : null;
  const day = dateColumn(chinaDate(submittedAt));
  const claimedStatus = input.claimedStatus ?? (input.state === "APPROVED" ? "COMPLETED" : "IN_PROGRESS");
  const report = await client.progressReport.create({
    data: {
      districtId: item.districtId,
      rectificationId: item.id,
      assignmentId: null,
      periodStart: day,
      periodEnd: day,
      text: input.text ?? (claimedStatus === "COMPLETED" ? "已按督察意见整改到位,相关制度已印发。" : "正在按督察意见推进整改。"),
      percent: claimedStatus === "COMPLETED" ? 100 : (input.percent ?? 50),
      claimedStatus,
      state: input.state,
      authorId: author.id,
      onBehalfOfUnitId: author.role === "LIAISON" && author.unitId === item.unitId ? null : item.unitId,
      submittedAt,
      firstSubmittedAt: submittedAt,
      reviewerId: reviewed ? input.reviewerId! : null,
      reviewedAt,
      reviewComment:
        input.state === "RETURNED" ? (input.reviewComment ?? "整改措施不够具体,请补充后重新报送。") : (input.reviewComment ?? null),
      version: reviewed ? 2 : 1,
      createdAt: submittedAt,
    },
  });
  // As the actions do: only a completion claim waits for 销号; an interim report leaves the item open.
  const status =
    input.state === "SUBMITTED" ? (claimedStatus === "COMPLETED" ? "SUBMITTED" : "OPEN") : input.state === "APPROVED" ? "CLOSED" : "OPEN";
  const rectification = await client.rectification.update({
    where: { id: item.id },
    data: {
      status,
      ...(input.state === "APPROVED" ? { verifiedById: input.reviewerId!, verifiedAt: reviewedAt } : {}),
    },
  });
  if (input.state === "APPROVED") {
    await client.rectificationClosure.create({
      data: { districtId: item.districtId, rectificationId: item.id, closedAt: reviewedAt!, closedById: input.reviewerId! },
    });
  }
  if (input.state === "RETURNED") {
    await client.reportReturn.create({
      data: {
        districtId: report.districtId,
        reportId: report.id,
        reviewerId: input.reviewerId!,
        comment: report.reviewComment,
        returnedAt: reviewedAt!,
      },
    });
  }
  return { report, rectification };
}
