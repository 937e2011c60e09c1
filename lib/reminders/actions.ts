"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { todayInChina } from "@/lib/dates.ts";
import { lateReportsOfUnit, measureName, notifyLiaisons, unitsWithoutLiaison } from "@/lib/reminders/queries.ts";
import { lateReportsUrgedMessage, measureUrgedMessage } from "@/lib/notifications/messages.ts";
import { reportingPeriod, type ReportCadence } from "@/lib/progress/periods.ts";
import { remindLateUnitSchema, sendReminderSchema } from "@/lib/reminders/schema.ts";

// 催办 by the bureau (司法局): a MANUAL reminder to units, which lands in the
// inbox of each unit's active liaisons. The policy has no reminder action of
// its own yet: sending one is part of supervising progress, so it is allowed
// to whoever may review reports ("report.review": BUREAU and ADMIN), within
// their regions. Each reminder is an audit event.

/** The period a 催办 about a measure asks for: the one being reported now. */
const currentPeriod = (plan: { reportCadence: ReportCadence; reportDueDay: number }) =>
  reportingPeriod(todayInChina(), plan.reportCadence, plan.reportDueDay).label;

/** Lists in a message stop after this many lines. */
const LISTED = 20;

/** 催办 about one measure: every unit that has not completed it, or just `unitId`. */
export async function sendReminder(input: unknown) {
  return runAction("sendReminder", sendReminderSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    const outcome = await db().$transaction(async (tx) => {
      const measure = await tx.measure.findFirst({
        where: { id: data.measureId, ...scope.measures(actor) },
        include: {
          plan: { select: { regionId: true, reportCadence: true, reportDueDay: true } },
          // LEAD first, so a unit that both leads and shares is reminded as lead.
          assignments: { orderBy: [{ role: "asc" }, { id: "asc" }], include: { unit: { select: { name: true } } } },
        },
      });
      if (!measure || !can(actor, "report.review", { regionId: measure.plan.regionId })) throw notFound();
      const chosen = data.unitId === undefined ? measure.assignments : measure.assignments.filter((a) => a.unitId === data.unitId);
      if (chosen.length === 0) throw new AppError("VALIDATION", undefined, { unitId: ["该单位不承担此举措"] });
      const open = chosen.filter((a) => a.status !== "COMPLETED");
      if (open.length === 0) {
        throw new AppError("CONFLICT", data.unitId === undefined ? "此举措的承担单位均已完成,无需催办。" : "该单位已完成此举措,无需催办。");
      }
      // One reminder per unit (the first of its assignments: the lead one).
      const perUnit = open.filter((a, i) => open.findIndex((b) => b.unitId === a.unitId) === i);
      const deadline = !measure.ongoing && measure.deadline ? `(完成时限 ${measure.deadline.toISOString().slice(0, 10)})` : "";
      const message = data.message ?? `请抓紧推进举措「${measureName(measure.code, measure.text, 60)}」${deadline},并按时报送进展。`;
      const reminders = [];
      for (const assignment of perUnit) {
        const reminder = await tx.reminder.create({
          data: {
            districtId: measure.districtId,
            kind: "MANUAL",
            unitId: assignment.unitId,
            measureId: measure.id,
            assignmentId: assignment.id,
            message,
            sentById: actor.id,
          },
        });
        await recordAudit(tx, {
          actor,
          action: "reminder.send",
          entityType: "Reminder",
          entityId: reminder.id,
          districtId: reminder.districtId,
          after: reminder,
        });
        reminders.push(reminder);
      }
      const notice = measureUrgedMessage({ measure, period: currentPeriod(measure.plan), message });
      const notificationIds = await notifyLiaisons(
        tx,
        reminders.map((r) => ({ ...notice, reminderId: r.id, districtId: r.districtId, unitId: r.unitId })),
      );
      const unreached = await unitsWithoutLiaison(tx, perUnit.map((a) => a.unitId));
      return {
        reminderIds: reminders.map((r) => r.id),
        notifications: notificationIds.length,
        unreached: perUnit.filter((a) => unreached.includes(a.unitId)).map((a) => a.unit.name),
      };
    });
    const warning = outcome.unreached.length ? `;${outcome.unreached.join("、")}尚无联络员账号,请另行电话催办` : "";
    return { message: `已向 ${outcome.reminderIds.length} 个单位发出催办${warning}`, data: outcome };
  });
}

/** 催办 of one unit for all its late progress reports, in one reminder. */
export async function remindLateUnit(input: unknown) {
  return runAction("remindLateUnit", remindLateUnitSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    const outcome = await db().$transaction(async (tx) => {
      const unit = await tx.unit.findFirst({ where: { id: data.unitId, ...scope.units(actor) } });
      if (!unit || !can(actor, "report.review", { regionId: unit.regionId })) throw notFound();
      const late = await lateReportsOfUnit(tx, todayInChina(), unit.id);
      if (late.length === 0) throw new AppError("CONFLICT", "该单位目前没有逾期未报的进展报送,无需催办。");
      const lines = late.slice(0, LISTED).map((item, i) => {
        const returned = item.reportState === "RETURNED" ? ",已被退回待重新报送" : "";
        return `${i + 1}. ${measureName(item.measureCode, item.measureText, 40)}(${item.period.label},应于 ${item.period.dueDate} 前报送${returned})`;
      });
      if (late.length > LISTED) lines.push(`……共 ${late.length} 项`);
      const intro = data.message ?? `贵单位有 ${late.length} 项任务的进展报送已逾期,请尽快报送:`;
      const reminder = await tx.reminder.create({
        data: {
          districtId: unit.districtId,
          kind: "MANUAL",
          unitId: unit.id,
          message: [intro, ...lines].join("\n"),
          sentById: actor.id,
        },
      });
      await recordAudit(tx, {
        actor,
        action: "reminder.sendLateReports",
        entityType: "Reminder",
        entityId: reminder.id,
        districtId: reminder.districtId,
        after: { ...reminder, assignmentIds: late.map((item) => item.assignmentId) },
      });
      const notice = lateReportsUrgedMessage({
        items: late.map((item) => ({
          measure: { code: item.measureCode, text: item.measureText },
          period: item.period.label,
          dueDate: item.period.dueDate,
          returned: item.reportState === "RETURNED",
        })),
        message: data.message,
        listed: LISTED,
      });
      const notificationIds = await notifyLiaisons(tx, [
        { ...notice, body: reminder.message, reminderId: reminder.id, districtId: reminder.districtId, unitId: unit.id },
      ]);
      return { reminderId: reminder.id, lateReports: late.length, notifications: notificationIds.length, unitName: unit.name };
    });
    const warning = outcome.notifications === 0 ? `;${outcome.unitName}尚无联络员账号,请另行电话催办` : "";
    return { message: `已催办${outcome.unitName}的 ${outcome.lateReports} 项逾期报送${warning}`, data: outcome };
  });
}
