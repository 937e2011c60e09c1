import type { Tx } from "@/lib/db/client.ts";
import { periodLabel, type Message } from "@/lib/notifications/messages.ts";

// Writing people's messages (inside the action's transaction): what the
// message names is loaded here, its text comes from messages.ts.

/** The measure and the period label a report's review message names. */
export async function reportSubject(tx: Tx, measureId: number, periodStart: Date) {
  const measure = await tx.measure.findUniqueOrThrow({
    where: { id: measureId },
    select: { id: true, code: true, text: true, plan: { select: { reportCadence: true, reportDueDay: true } } },
  });
  return { measure, period: periodLabel(periodStart, measure.plan.reportCadence, measure.plan.reportDueDay) };
}

/** One message to every active liaison of a unit. */
export async function notifyUnitLiaisons(tx: Tx, target: { unitId: number; districtId: number }, message: Message) {
  const liaisons = await tx.user.findMany({ where: { unitId: target.unitId, role: "LIAISON", active: true }, select: { id: true } });
  await tx.notification.createMany({ data: liaisons.map((user) => ({ userId: user.id, districtId: target.districtId, ...message })) });
}
