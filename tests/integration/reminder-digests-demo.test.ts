import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import type { Mailer } from "@/lib/notifications/mailer.ts";
import { listNotifications } from "@/lib/notifications/queries.ts";

// Acceptance: on a fresh demo, after the reminder job (npm start runs it at
// start), 区司法局's liaison has at most 10 unread messages, each naming its
// measures or period; a second run of the job adds none.

const silentMailer: Mailer = { configured: false, send: async () => {} };

describe("the fresh demo's inbox", () => {
  it("gives xialu.liaison at most 10 unread messages, each naming its measures or period, and a rerun adds none", async () => {
    const today = "2026-12-06";
    await seedDemoData(db(), { today });
    await runReminderJob(today, { mailer: silentMailer });
    const liaison = await db().user.findUniqueOrThrow({ where: { login: "xialu.liaison" } });
    const unread = await db().notification.findMany({ where: { userId: liaison.id, readAt: null }, orderBy: { id: "asc" } });
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.length).toBeLessThanOrEqual(10);
    const period = /\d{4}年(第.季度|\d{1,2}月|上半年|下半年|度)/;
    for (const n of unread) {
      // Every message names a period ("2026年第三季度", "2026年12月").
      expect(n.title, n.title).toMatch(period);
      if (n.digest) continue; // a digest lists its measures (below)
      if (n.kind === "CIRCULAR") {
        // The 通报 the bureau issued on the last quarter links to itself.
        expect(n.link, n.title).toMatch(/^\/circulars\/\d+$/);
        continue;
      }
      // A message from a person names its measure: the code and the start of its text, and links to it.
      const id = Number(/^\/measures\/(\d+)$/.exec(n.link ?? "")?.[1]);
      expect(id, n.title).toBeGreaterThan(0);
      const measure = await db().measure.findUniqueOrThrow({ where: { id } });
      expect(n.title, n.title).toContain(`${measure.code} ${measure.text.slice(0, 8)}`);
    }
    // The inbox lists the report digest's measures, each a link to its page.
    const actor = {
      id: liaison.id,
      role: liaison.role,
      name: liaison.name,
      regionId: liaison.regionId,
      scopeRegionIds: [liaison.regionId!],
      unitId: liaison.unitId,
    };
    const digest = (await listNotifications(actor)).find((n) => /^\d{4}年第.季度尚有 \d+ 项进展未报送$/.test(n.title));
    expect(digest?.digest?.items.length).toBeGreaterThan(0);
    for (const item of digest!.digest!.items) expect(item.href).toMatch(/^\/measures\/\d+$/);
    const total = await db().notification.count();
    await runReminderJob(today, { mailer: silentMailer });
    expect(await db().notification.count()).toBe(total);
  }, 180_000);
});
