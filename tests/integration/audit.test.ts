import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import type { AuditAction } from "@/lib/audit/events.ts";

// Actions no code writes, so only these tests' rows carry them.
const TEST = "test" as AuditAction;
const LOST = "lost" as AuditAction;

describe("audit events", () => {
  beforeEach(async () => {
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: TEST, entityType: "Unit", entityId: 1, districtId: null, after: { a: 1 } }),
    );
  });

  it("cannot be edited or deleted, even with raw SQL", async () => {
    await expect(db().$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findMany()).toMatchObject([{ action: "test" }]);
  });

  it("roll back with the change they describe", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, { actor: null, action: LOST, entityType: "Unit", entityId: 2, districtId: null });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await db().auditEvent.count({ where: { action: "lost" } })).toBe(0);
  });
});
