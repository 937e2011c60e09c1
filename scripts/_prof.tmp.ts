import { db } from "@/lib/db/client.ts";
import { openBenchDatabase } from "@/scripts/bench-support.ts";
import { arrivalGroups, insertDigests, reminderGroups, resolveStaleDigests } from "@/lib/reminders/digests.ts";
const { today, embedded } = await openBenchDatabase(100);
await db().$executeRawUnsafe(`DELETE FROM "Notification" WHERE "digest" IS NOT NULL`);
const t = (label: string, t0: number) => console.log(label, ((performance.now() - t0) / 1000).toFixed(1), "s");
for (let run = 0; run < 2; run++) {
let t0 = performance.now();
const g = await reminderGroups(db(), today); t("reminderGroups", t0);
t0 = performance.now(); const a = await arrivalGroups(db(), today); t("arrivalGroups", t0);
t0 = performance.now(); await insertDigests(db(), [...g, ...a]); t("insert", t0);
t0 = performance.now(); await resolveStaleDigests(db(), today, g); t("resolve", t0);
}
await db().$disconnect(); await embedded?.stop();
