"use client";

import { useId, useRef, useState } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/run.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";

type Decision = "approve" | "reject";

/**
 * The comment rule of the two actions' schemas, as the box's own error: the
 * first message of the schema's comment field (e.g. a reject's required
 * 驳回意见), so the box never says other than the action would.
 */
export function commentRule(schemas: Record<Decision, z.ZodType>) {
  return (kind: Decision, comment: string): string | null => {
    const parsed = schemas[kind].safeParse(comment);
    return parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
  };
}

/**
 * Approve, or reject with a comment (required to reject, by the actions' schemas): reviews,
 * extension requests and rectification reports.
 * The outcome is a toast (useActionRunner); focus then goes to the heading of the
 * section the decided item sits in, since the controls themselves disappear.
 */
export function DecisionControls(props: {
  label: string;
  commentLabel: string;
  approveLabel: string;
  rejectLabel: string;
  approve: (comment: string) => Promise<ActionResult<unknown>>;
  reject: (comment: string) => Promise<ActionResult<unknown>>;
  /** The comment rule as the actions' schemas state it (commentRule). */
  validate: (kind: Decision, comment: string) => string | null;
  /** Where focus goes once decided (the review desk: the next item's heading). */
  focusAfter?: () => HTMLElement | null | undefined;
  onDecided?: (kind: Decision) => void;
}) {
  const { run, pending } = useActionRunner();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const group = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();

  function decide(kind: Decision) {
    const problem = props.validate(kind, comment);
    if (problem) {
      setCommentError(problem);
      textarea.current?.focus();
      return;
    }
    setCommentError(null);
    // Found before the call: once decided, these controls leave the page.
    const section = group.current?.closest("section");
    const heading = props.focusAfter?.() ?? section?.querySelector<HTMLElement>("h2") ?? document.querySelector<HTMLElement>("main h1");
    run(() => (kind === "approve" ? props.approve : props.reject)(comment), {
      onSuccess: () => props.onDecided?.(kind),
      onFailure: (failure) => setCommentError(failure.fieldErrors?.comment?.[0] ?? null),
      focus: () => heading,
    });
  }

  return (
    <div ref={group} className="no-print mt-2 rounded border border-brand-100 bg-brand-50 p-3" role="group" aria-label={props.label}>
      <label className="block text-sm">
        {props.commentLabel}
        <textarea
          ref={textarea}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          maxLength={1000}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? errorId : undefined}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
        />
      </label>
      {commentError && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {commentError}
        </p>
      )}
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() => decide("approve")}
          className="rounded bg-green-700 px-3 py-1.5 text-white disabled:opacity-60"
        >
          {props.approveLabel}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => decide("reject")}
          className="rounded border border-red-300 bg-white px-3 py-1.5 text-red-700 disabled:opacity-60"
        >
          {props.rejectLabel}
        </button>
      </div>
    </div>
  );
}
