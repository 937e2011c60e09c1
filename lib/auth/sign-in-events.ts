import type { Db, Tx } from "@/lib/db/client.ts";
import type { SignInEventKind } from "@/lib/generated/prisma/enums.ts";

/** Where a sign-in attempt came from; see lib/auth/client-address.ts for how the address is read. */
export type SignInClient = { address?: string | null; userAgent?: string | null };

/** Writes one sign-in event (append-only: a trigger refuses UPDATE and DELETE). */
export async function recordSignInEvent(
  client: Db | Tx,
  event: { kind: SignInEventKind; login: string; userId: number | null; client: SignInClient; at?: Date },
): Promise<void> {
  await client.signInEvent.create({
    data: {
      kind: event.kind,
      login: event.login.slice(0, 50),
      userId: event.userId,
      address: event.client.address?.slice(0, 45) ?? null,
      userAgent: event.client.userAgent?.slice(0, 300) ?? null,
      createdAt: event.at ?? new Date(),
    },
  });
}
