import type { z } from "zod";
import { AppError, ERROR_MESSAGES, GENERIC_ERROR, type ErrorCode } from "@/lib/errors.ts";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation.ts";
import { requireActor } from "@/lib/auth/session.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { logError } from "@/lib/log.ts";
import { observeActionDuration } from "@/lib/ops/metrics.ts";

export type ActionResult<T = null> =
  | { ok: true; message: string; data: T }
  | { ok: false; code: ErrorCode | "UNEXPECTED"; message: string; fieldErrors?: FieldErrors; detail?: string; link?: string };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * The frame of every server action: who is asking, is the input valid, and
 * turning failures into messages. The use case itself authorizes (through the
 * policy module) and writes its change with its audit event in one transaction.
 */
export async function runAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  input: unknown,
  perform: (actor: Actor, data: z.output<S>) => Promise<{ message: string; data: T }>,
  options: { pendingPasswordChange?: boolean } = {},
): Promise<ActionResult<T>> {
  const started = performance.now();
  // A throw (the redirect to the sign-in page) leaves "redirect".
  let outcome = "redirect";
  try {
    const result = await runUseCase(name, schema, input, perform, options);
    outcome = result.ok ? "ok" : result.code;
    return result;
  } finally {
    observeActionDuration(name, outcome, (performance.now() - started) / 1000);
  }
}

async function runUseCase<S extends z.ZodType, T>(
  name: string,
  schema: S,
  input: unknown,
  perform: (actor: Actor, data: z.output<S>) => Promise<{ message: string; data: T }>,
  options: { pendingPasswordChange?: boolean },
): Promise<ActionResult<T>> {
  const actor = await requireActor(options);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: "VALIDATION", message: ERROR_MESSAGES.VALIDATION, fieldErrors: fieldErrorsOf(parsed.error) };
  }
  try {
    const { message, data } = await perform(actor, parsed.data);
    return { ok: true, message, data };
  } catch (error) {
    if (error instanceof AppError) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
        ...(error.link === undefined ? {} : { link: error.link }),
      };
    }
    if (isUniqueViolation(error)) {
      return { ok: false, code: "DUPLICATE", message: ERROR_MESSAGES.DUPLICATE };
    }
    logError("server action failed", { action: name, actorId: actor.id }, error);
    return { ok: false, code: "UNEXPECTED", message: GENERIC_ERROR };
  }
}
