import type { Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import type { AuditAction } from "@/lib/audit/events.ts";

type Snapshot = Record<string, unknown> | null;

/** Drops secrets and turns dates into strings so the snapshot is plain JSON. */
function toJson(snapshot: Snapshot): object | undefined {
  if (!snapshot) return undefined;
  const { passwordHash: _secret, ...rest } = snapshot;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as object;
}

/** Records a change; call it with the transaction that made the change. */
export async function recordAudit(
  tx: Tx,
  event: {
    actor: Actor | null;
    action: AuditAction;
    entityType: string;
    entityId: number | string;
    districtId: number | null;
    before?: Snapshot;
    after?: Snapshot;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actor?.id ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      districtId: event.districtId,
      before: toJson(event.before ?? null),
      after: toJson(event.after ?? null),
    },
  });
}
