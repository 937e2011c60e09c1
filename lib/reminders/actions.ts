"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { todayInChina, isoDate } from "@/lib/dates.ts";
import { lateReportsOfUnit, notifyLiaisons, unitsWithoutLiaison } from "@/lib/notifications/reminder-queries.ts";
import { listUrgeTargets, measureUrgeKey, unitUrgeKey, urgeRefusal } from "@/lib/reminders/targets.ts";
import { lateReportsUrgedMessage, measureUrgedMessage } from "@/lib/notifications/messages.ts";
import { remindLateUnitSchema, sendReminderSchema } from "@/lib/reminders/schema.ts";

// 催办 by the bureau (司法局): a MANUAL reminder to units, which lands in the
// inbox of each unit's active liaisons. The policy has no reminder action of
// its own yet: sending one is part of supervising progress, so it is allowed
// to whoever may review reports ("report.review": BUREAU and ADMIN), within
// their regions. Each 催办 is one audit event, however many units it reaches.

/** Lists in a message stop after this many lines. */
const LISTED = 20;

/** "区公安分局、区财政局 今天已催办过,未重复发送" */
const alreadyUrged = (names: readonly string[]) => `${names.join("、")} 今天已催办过,未重复发送`;

/**
 * 催办 about one measure to the units the bureau chose. Each chosen unit must be
 * on the measure (else NOT_FOUND, as for a measure out of scope); a unit already
 * reminded about this measure today is skipped, which the unique dedupeKey
 * enforces (INSERT … ON CONFLICT DO NOTHING), so two concurrent clicks send once.
 * One reminder per unit, one message per liaison, one audit event naming the units.
 */
export async function sendReminder(input: unknown) {
  return runAction("sendReminder", sendReminderSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    // What each unit owes, read as the measure page shows it, to name the periods in its message.
    const targets = await listUrgeTargets(actor, data.measureId);
    if (!targets) throw notFound();
    const refused = urgeRefusal(targets);
    if (refused) throw new AppError("CONFLICT", refused);
    const today = todayInChina();
    const outcome = await db().$transaction(async (tx) => {
      const chosenIds = [...new Set(data.unitIds)];
      const measure = await tx.measure.findFirst({
        where: { id: data.measureId, ...scope.measures(actor) },
        include: {
          plan: { select: { regionId: true } },
          assignments: {
            where: { unitId: { in: chosenIds } },
            // LEAD first, so a unit that both leads and shares is reminded as lead.
            orderBy: [{ role: "asc" }, { id: "asc" }],
            include: { unit: { select: { name: true } } },
          },
        },
      });
      if (!measure || !can(actor, "report.review", { regionId: measure.plan.regionId })) throw notFound();
      // A unit not on this measure (or outside the actor's region) is not there to remind.
      const perUnit = measure.assignments.filter((a, i) => measure.assignments.findIndex((b) => b.unitId === a.unitId) === i);
      if (perUnit.length !== chosenIds.length) throw notFound();
      const byUnit = new Map(targets.units.map((t) => [t.unitId, t]));
      const done = perUnit.filter((a) => byUnit.get(a.unitId)?.completed ?? a.status === "COMPLETED");
      if (done.length > 0) throw new AppError("CONFLICT", `${done.map((a) => a.unit.name).join("、")}已完成此举措,无需催办。`);

      const deadline = measure.ongoing ? null : isoDate(measure.deadline);
      const notices = new Map(
        perUnit.map((a) => {
          const owed = byUnit.get(a.unitId)?.owedPeriods ?? [];
          const period = owed.length > 0 ? owed.join("、") : targets.collecting;
          return [a.unitId, measureUrgedMessage({ measure, period, deadline, message: data.message })];
        }),
      );
      const inserted = await tx.reminder.createManyAndReturn({
        data: perUnit.map((a) => ({
          districtId: measure.districtId,
          kind: "MANUAL" as const,
          unitId: a.unitId,
          measureId: measure.id,
          assignmentId: a.id,
          message: notices.get(a.unitId)!.body,
          dedupeKey: measureUrgeKey(measure.id, a.unitId, today),
          sentById: actor.id,
        })),
        skipDuplicates: true,
        select: { id: true, unitId: true, districtId: true },
      });
      const sentTo = new Set(inserted.map((r) => r.unitId));
      const reached = perUnit.filter((a) => sentTo.has(a.unitId));
      const skipped = perUnit.filter((a) => !sentTo.has(a.unitId)).map((a) => a.unit.name);
      if (reached.length === 0) throw new AppError("CONFLICT", alreadyUrged(skipped));

      const names = reached.map((a) => a.unit.name);
      await recordAudit(tx, {
        actor,
        action: "reminder.send",
        // On the measure, so its 办理记录 shows one line listing the units.
        entityType: "Measure",
        entityId: measure.id,
        districtId: measure.districtId,
        after: {
          unitIds: reached.map((a) => a.unitId),
          units: names,
          reminderIds: inserted.map((r) => r.id),
          message: data.message ?? null,
          skipped,
        },
      });
      const notificationIds = await notifyLiaisons(
        tx,
        inserted.map((r) => ({ ...notices.get(r.unitId)!, reminderId: r.id, districtId: r.districtId, unitId: r.unitId })),
      );
      const unreached = await unitsWithoutLiaison(tx, [...sentTo]);
      return {
        reminderIds: inserted.map((r) => r.id),
        notifications: notificationIds.length,
        units: names,
        skipped,
        unreached: reached.filter((a) => unreached.includes(a.unitId)).map((a) => a.unit.name),
      };
    });
    const parts = [`已催办 ${outcome.units.length} 个单位:${outcome.units.join("、")}`];
    if (outcome.skipped.length) parts.push(alreadyUrged(outcome.skipped));
    if (outcome.unreached.length) parts.push(`${outcome.unreached.join("、")}尚无联络员账号,请另行电话催办`);
    return { message: parts.join(";"), data: outcome };
  });
}

/**
 * 催办 of one unit, from the dashboards, about everything it owes for the period
 * the dashboards judge (its late and returned reports), in one message listing
 * the measures with links. Once a unit and day (unique dedupeKey), like a 催办
 * about a measure; one reminder, one message per liaison, one audit event.
 */
export async function remindLateUnit(input: unknown) {
  return runAction("remindLateUnit", remindLateUnitSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    const today = todayInChina();
    const outcome = await db().$transaction(async (tx) => {
      const unit = await tx.unit.findFirst({ where: { id: data.unitId, ...scope.units(actor) } });
      if (!unit || !can(actor, "report.review", { regionId: unit.regionId })) throw notFound();
      const late = await lateReportsOfUnit(tx, today, unit.id);
      if (late.length === 0) throw new AppError("CONFLICT", "该单位目前没有逾期未报的进展报送,无需催办。");
      const notice = lateReportsUrgedMessage({
        items: late.map((item) => ({
          measure: { id: item.measureId, code: item.measureCode, text: item.measureText },
          period: item.period.label,
          dueDate: item.period.dueDate,
          returned: item.reportState === "RETURNED",
        })),
        message: data.message,
        listed: LISTED,
      });
      const [reminder] = await tx.reminder.createManyAndReturn({
        data: [
          {
            districtId: unit.districtId,
            kind: "MANUAL",
            unitId: unit.id,
            message: notice.body,
            dedupeKey: unitUrgeKey(unit.id, today),
            sentById: actor.id,
          },
        ],
        skipDuplicates: true,
      });
      if (!reminder) throw new AppError("CONFLICT", alreadyUrged([unit.name]));
      await recordAudit(tx, {
        actor,
        action: "reminder.sendLateReports",
        entityType: "Reminder",
        entityId: reminder.id,
        districtId: reminder.districtId,
        after: { ...reminder, unit: unit.name, assignmentIds: late.map((item) => item.assignmentId) },
      });
      const notificationIds = await notifyLiaisons(tx, [
        { ...notice, reminderId: reminder.id, districtId: reminder.districtId, unitId: unit.id },
      ]);
      return { reminderId: reminder.id, lateReports: late.length, notifications: notificationIds.length, unitName: unit.name };
    });
    const warning = outcome.notifications === 0 ? `;${outcome.unitName}尚无联络员账号,请另行电话催办` : "";
    return { message: `已催办${outcome.unitName}的 ${outcome.lateReports} 项逾期报送${warning}`, data: outcome };
  });
}
