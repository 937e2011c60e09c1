"use server";

import { db } from "@/lib/db/client.ts";
import { runAction } from "@/lib/actions/run.ts";
import {
  approveCircular as approve,
  createCircularDraft,
  issueCircular as issue,
  regenerateCircularBody as regenerate,
  updateCircularText,
} from "@/lib/circulars/workflow.ts";
import { circularStepSchema, createCircularSchema, updateCircularSchema } from "@/lib/circulars/schema.ts";

// 通报's server actions: zod, then the workflow step (policy, scope, change and
// audit) in one transaction. Counting a district's figures takes a moment, hence the timeouts.

const TX = { timeout: 60_000 };

export async function createCircular(input: unknown) {
  return runAction("createCircular", createCircularSchema, input, async (actor, data) => {
    const created = await db().$transaction((tx) => createCircularDraft(tx, actor, data), TX);
    return { message: "已新建通报草稿", data: { id: created.id } };
  });
}

export async function updateCircular(input: unknown) {
  return runAction("updateCircular", updateCircularSchema, input, async (actor, data) => {
    const { circular, reopened } = await db().$transaction((tx) => updateCircularText(tx, actor, data), TX);
    return { message: reopened ? "已保存,通报退回草稿,需重新审核" : "已保存", data: { id: circular.id, version: circular.version } };
  });
}

export async function regenerateCircularBody(input: unknown) {
  return runAction("regenerateCircularBody", circularStepSchema, input, async (actor, data) => {
    const circular = await db().$transaction((tx) => regenerate(tx, actor, data), TX);
    return { message: "已按最新数据重新生成正文", data: { id: circular.id, version: circular.version } };
  });
}

export async function approveCircular(input: unknown) {
  return runAction("approveCircular", circularStepSchema, input, async (actor, data) => {
    const circular = await db().$transaction((tx) => approve(tx, actor, data.id, data.version), TX);
    return { message: "通报已审核", data: { id: circular.id, version: circular.version } };
  });
}

export async function issueCircular(input: unknown) {
  return runAction("issueCircular", circularStepSchema, input, async (actor, data) => {
    const { circular, notified } = await db().$transaction((tx) => issue(tx, actor, data.id, data.version), TX);
    return { message: `通报已印发,已发送给 ${notified} 名联络员`, data: { id: circular.id, version: circular.version } };
  });
}
