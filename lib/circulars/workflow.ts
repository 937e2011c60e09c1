import type { AuditAction } from "@/lib/audit/events.ts";
import type { Tx } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { CircularStatus } from "@/lib/generated/prisma/enums.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { dateColumn, isoDate, todayInChina } from "@/lib/dates.ts";
import { defaultBody, defaultTitle, spanLabel, type CircularFigures } from "@/lib/circulars/figures.ts";
import { circularSpan, computeCircularFigures } from "@/lib/circulars/queries.ts";
import { circularPeriod, type CircularStepInput, type CreateCircularInput, type UpdateCircularInput } from "@/lib/circulars/schema.ts";
import { circularIssuedMessage } from "@/lib/notifications/messages.ts";

// 通报's life: 起草 (DRAFT) → 审核 (APPROVED) → 印发 (ISSUED). Each step runs
// inside the caller's transaction with its audit event, so the server actions
// (lib/circulars/actions.ts) and the demo seed share them.
//
// The figures are counted afresh while a circular is a draft and frozen at
// 审核: the approver approves the figures stored with the row, 印发 issues
// exactly those, and any change of text after 审核 returns it to draft and
// drops them. The text is worded from the figures at creation; before
// approving, the bureau may regenerate it from the current figures, so the
// rates and the lagging units it names are those that get frozen.

const countNow = (tx: Tx, row: { districtId: number; periodStart: Date; periodEnd: Date }, today: string) =>
  computeCircularFigures(tx, row.districtId, isoDate(row.periodStart), isoDate(row.periodEnd), today);

export const ISSUED_IS_FINAL = "通报已印发,不能再修改、审核或重新印发。";

const WRONG_STATE: Record<"approve" | "issue", Record<CircularStatus, string | null>> = {
  approve: { DRAFT: null, APPROVED: "该通报已审核,无需重复审核。", ISSUED: ISSUED_IS_FINAL },
  issue: { DRAFT: "通报尚未审核,审核后才能印发。", APPROVED: null, ISSUED: ISSUED_IS_FINAL },
};

/** The circular in the manager's scope, locked for the step; NOT_FOUND otherwise. */
async function managed(tx: Tx, actor: Actor, id: number) {
  if (!can(actor, "circular.manage")) throw forbidden();
  const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Circular" WHERE "id" = ${id}::int FOR UPDATE`;
  const circular = locked ? await tx.circular.findFirst({ where: { AND: [{ id }, scope.circulars(actor)] } }) : null;
  if (!circular || !can(actor, "circular.manage", { regionId: circular.regionId })) throw notFound();
  return circular;
}

const auditRow = (row: Prisma.CircularGetPayload<object>) => ({
  ...row,
  periodStart: isoDate(row.periodStart),
  periodEnd: isoDate(row.periodEnd),
  figures: row.figures ? "(frozen)" : null,
});

/** 新建通报: a draft with the default title and text worded from the figures counted now. */
export async function createCircularDraft(tx: Tx, actor: Actor, data: CreateCircularInput, today = todayInChina()) {
  if (!can(actor, "circular.manage")) throw forbidden();
  const region = await tx.region.findFirst({
    where: { AND: [{ id: data.regionId, level: "DISTRICT" }, scope.regions(actor)] },
    select: { id: true, name: true },
  });
  if (!region || !can(actor, "circular.manage", { regionId: region.id })) throw notFound();
  const period = circularPeriod(data);
  if (period.start > today)
    throw new AppError("VALIDATION", undefined, { [data.kind === "QUARTERLY" ? "periodKey" : "from"]: ["通报的期间尚未开始"] });
  const figures = await computeCircularFigures(tx, region.id, period.start, period.end, today);
  const span = spanLabel(period);
  const created = await tx.circular.create({
    data: {
      districtId: region.id,
      regionId: region.id,
      kind: data.kind,
      title: data.title ?? defaultTitle(span),
      periodStart: dateColumn(period.start),
      periodEnd: dateColumn(period.end),
      body: defaultBody(span, figures),
      createdById: actor.id,
    },
  });
  await recordAudit(tx, {
    actor,
    action: "circular.create",
    entityType: "Circular",
    entityId: created.id,
    districtId: created.districtId,
    after: auditRow(created),
  });
  return created;
}

/** Edits title, 文号 and text; an approved circular goes back to draft (审核 again). */
export async function updateCircularText(tx: Tx, actor: Actor, data: UpdateCircularInput) {
  const before = await managed(tx, actor, data.id);
  if (before.status === "ISSUED") throw new AppError("CONFLICT", ISSUED_IS_FINAL);
  if (before.version !== data.version) throw new AppError("CONFLICT");
  const after = await tx.circular.update({
    where: { id: before.id },
    data: {
      title: data.title,
      documentNumber: data.documentNumber ?? null,
      body: data.body,
      status: "DRAFT",
      approvedById: null,
      approvedAt: null,
      figures: Prisma.DbNull,
      version: { increment: 1 },
    },
  });
  await recordAudit(tx, {
    actor,
    action: "circular.update",
    entityType: "Circular",
    entityId: after.id,
    districtId: after.districtId,
    before: auditRow(before),
    after: auditRow(after),
  });
  return { circular: after, reopened: before.status === "APPROVED" };
}

/** A step that counts the figures: its audit event carries their totals and the units named as lagging. */
function auditStep(
  tx: Tx,
  actor: Actor,
  action: AuditAction,
  before: Parameters<typeof auditRow>[0],
  after: Parameters<typeof auditRow>[0] & { id: number; districtId: number },
  figures: CircularFigures,
  extra: Record<string, unknown> = {},
) {
  return recordAudit(tx, {
    actor,
    action,
    entityType: "Circular",
    entityId: after.id,
    districtId: after.districtId,
    before: auditRow(before),
    after: { ...auditRow(after), totals: figures.totals, lagging: figures.lagging, ...extra },
  });
}

export const REGENERATE_DRAFT_ONLY = "只有草稿可以按最新数据重新生成正文;已审核的通报请先修改正文退回草稿。";

/**
 * 按最新数据重新生成正文: a draft's text worded again from the figures
 * counted now (the title and 文号 stay). `version` must be the one the bureau read.
 */
export async function regenerateCircularBody(tx: Tx, actor: Actor, data: CircularStepInput, today = todayInChina()) {
  const before = await managed(tx, actor, data.id);
  if (before.status === "ISSUED") throw new AppError("CONFLICT", ISSUED_IS_FINAL);
  if (before.status !== "DRAFT") throw new AppError("CONFLICT", REGENERATE_DRAFT_ONLY);
  if (before.version !== data.version) throw new AppError("CONFLICT");
  const figures = await countNow(tx, before, today);
  const span = circularSpan(before.kind, isoDate(before.periodStart), isoDate(before.periodEnd));
  const after = await tx.circular.update({
    where: { id: before.id },
    data: { body: defaultBody(span, figures), version: { increment: 1 } },
  });
  await auditStep(tx, actor, "circular.regenerate", before, after, figures);
  return after;
}

/**
 * 审核: DRAFT → APPROVED, the figures counted now frozen into the row (印发
 * issues these). `version` (when given) must be the one the approver read.
 */
export async function approveCircular(tx: Tx, actor: Actor, id: number, version?: number, today = todayInChina()) {
  const before = await managed(tx, actor, id);
  const wrong = WRONG_STATE.approve[before.status];
  if (wrong) throw new AppError("CONFLICT", wrong);
  if (version !== undefined && before.version !== version) throw new AppError("CONFLICT");
  const figures = await countNow(tx, before, today);
  const after = await tx.circular.update({
    where: { id: before.id },
    data: { status: "APPROVED", figures: figures, approvedById: actor.id, approvedAt: new Date(), version: { increment: 1 } },
  });
  await auditStep(tx, actor, "circular.approve", before, after, figures);
  return after;
}

/**
 * 印发: APPROVED → ISSUED with the figures frozen at 审核 (counted now only
 * for a row approved before figures were frozen there), and one inbox message (CIRCULAR) to every active liaison of the units the
 * figures list.
 */
export async function issueCircular(tx: Tx, actor: Actor, id: number, version?: number, today = todayInChina()) {
  const before = await managed(tx, actor, id);
  const wrong = WRONG_STATE.issue[before.status];
  if (wrong) throw new AppError("CONFLICT", wrong);
  if (version !== undefined && before.version !== version) throw new AppError("CONFLICT");
  const figures = before.figures ? (before.figures as unknown as CircularFigures) : await countNow(tx, before, today);
  const after = await tx.circular.update({
    where: { id: before.id },
    data: {
      status: "ISSUED",
      figures: figures,
      issuedById: actor.id,
      issuedAt: new Date(),
      version: { increment: 1 },
    },
  });
  const region = await tx.region.findUniqueOrThrow({ where: { id: after.regionId }, select: { name: true } });
  const message = circularIssuedMessage({
    id: after.id,
    title: after.title,
    issuer: `${region.name}司法局`,
    documentNumber: after.documentNumber,
  });
  const liaisons = await tx.user.findMany({
    where: { role: "LIAISON", active: true, unitId: { in: figures.units.map((u) => u.unitId) } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  await tx.notification.createMany({ data: liaisons.map((user) => ({ userId: user.id, districtId: after.districtId, ...message })) });
  await auditStep(tx, actor, "circular.issue", before, after, figures, { notified: liaisons.length });
  return { circular: after, notified: liaisons.length };
}
