"use client";

import { useRef, useState, type FormEvent } from "react";
import { commitPlanImport, previewPlanImport, type PlanImportPreview } from "@/lib/plans/actions.ts";
import { importAnnualReport } from "@/lib/annual-reports/actions.ts";
import { commitPlanImportSchema, PLAN_KINDS, PLAN_KIND_LABELS, type Resolution } from "@/lib/plans/schema.ts";
import { proposedResolution } from "@/lib/plans/resolutions.ts";
import type { ImportSummary } from "@/lib/plans/import.ts";
import { splitUnitList } from "@/lib/import/unit-list.ts";
import type { Reconciliation } from "@/lib/import/reconcile.ts";
import { soleBestCandidate } from "@/lib/import/candidates.ts";
import { MAX_UPLOAD_BYTES } from "@/lib/import/limits.ts";
import { SelectField, StatusMessage, SubmitButton, TextareaField } from "@/components/form/fields.tsx";
import { useActionRunner } from "@/components/form/use-action-form.ts";
import type { FieldErrors } from "@/lib/validation.ts";
import { EmptyGroupReview, memberField } from "./empty-group-review.tsx";
import type { DocumentKind } from "@/lib/import/classify.ts";
import { UnrecognisedDocument, type Unrecognised } from "./unrecognised-document.tsx";
import { ImportedPlans } from "./imported-plans.tsx";

type Region = { id: number; name: string };

// Names that need the user come first.
const STATUS_ORDER: Reconciliation["status"][] = ["near", "nearGroup", "unknown", "newGroup", "group", "unit"];

const STATUS_LABELS: Record<Reconciliation["status"], string> = {
  unit: "已匹配",
  group: "已有分组",
  newGroup: "统称(新建分组)",
  near: "相近名称,请确认",
  nearGroup: "相近分组,请确认",
  unknown: "未知单位,请确认",
};

/** What a new unit or group is called: a name printed in traditional characters, in simplified ones. */
function newName(item: Reconciliation): string {
  return ("simplified" in item && item.simplified) || item.name;
}

function resolutionValue(resolution: Resolution | null): string {
  if (!resolution) return "";
  if (resolution.action === "unit") return `unit:${resolution.unitId}`;
  if (resolution.action === "group") return `group:${resolution.groupId}`;
  return resolution.action;
}

function parseResolution(value: string): Resolution | null {
  if (value.startsWith("unit:")) return { action: "unit", unitId: Number(value.slice(5)), remember: true };
  // A group chosen for a name is remembered as its alias, as a unit is: the next import resolves it by itself.
  if (value.startsWith("group:")) return { action: "group", groupId: Number(value.slice(6)), remember: true };
  if (value === "createUnit" || value === "createGroup" || value === "ignore") return { action: value };
  return null;
}

export function ImportWizard({ regions }: { regions: Region[] }) {
  const [preview, setPreview] = useState<PlanImportPreview | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  // The status line is the wizard's own (StatusMessage), not a toast: it stays above the step it is about.
  // Nothing is refreshed: the wizard holds the preview and the summary itself.
  const { run, pending, status, setStatus } = useActionRunner("status");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const reviewForm = useRef<HTMLFormElement>(null);
  const chooseForm = useRef<HTMLFormElement>(null);
  const [unrecognised, setUnrecognised] = useState<Unrecognised | null>(null);

  function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    previewFrom(event.currentTarget);
  }

  /** `kind`: the user chose how to read a text that was not recognised. */
  function previewFrom(element: HTMLFormElement, kind?: DocumentKind) {
    const form = new FormData(element);
    if (kind) form.set("kind", kind);
    const file = form.get("file");
    // No file chosen: the browser still sends an empty one; the pasted text is meant.
    if (file instanceof File && file.size === 0 && !file.name) form.delete("file");
    // Refused here so a large file is not sent at all; the server checks again.
    if (file instanceof File && file.size > MAX_UPLOAD_BYTES) {
      const message = `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB,请拆分后再导入或粘贴文本`;
      setErrors({ file: [message] });
      setStatus({ kind: "error", message });
      return;
    }
    run(() => previewPlanImport(form), {
      refresh: false,
      onSuccess: (data, message) => {
        setErrors({});
        if (data.document.kind === "unrecognised") {
          // Nothing to review: the text stays in the form, with the reason and the choice of kind.
          setUnrecognised(data.document);
          setStatus(null);
        } else {
          setUnrecognised(null);
          setPreview(data);
          setStatus({ kind: "ok", message: `${message},请核对后导入` });
        }
      },
      onFailure: (failure) => {
        // A kind chosen by hand that fails keeps the choice on screen.
        if (!kind) setUnrecognised(null);
        setErrors(failure.fieldErrors ?? {});
        if (failure.fieldErrors?.kind && !kind) {
          // Not recognised, with nothing to review: the reason and the choice of kind.
          setUnrecognised({ kind: "unrecognised", reason: failure.detail ?? "", line: null, structureless: true, warnings: [] });
          setStatus(null);
        }
      },
    });
  }

  function collect(form: HTMLFormElement) {
    const data = new FormData(form);
    const value = (name: string) => formText(data, name);
    if (!preview || preview.document.kind !== "plans") return null;
    const plans = preview.document.plans.map((plan, i) => ({
      title: value(`p${i}.title`),
      kind: value(`p${i}.kind`),
      periodStart: value(`p${i}.periodStart`) || null,
      periodEnd: value(`p${i}.periodEnd`) || null,
      issuer: plan.issuer ?? "",
      documentNumber: plan.documentNumber ?? "",
      issueDate: plan.issueDate,
      sections: plan.sections.map(({ key, parentKey, label, title }) => ({ key, parentKey, label, title })),
      measures: plan.measures.map((measure, j) => ({
        code: value(`p${i}.m${j}.code`),
        text: value(`p${i}.m${j}.text`),
        sectionKey: measure.sectionKey,
        leadUnits: splitUnitList(value(`p${i}.m${j}.lead`)),
        responsibleUnits: splitUnitList(value(`p${i}.m${j}.responsible`)),
        deadlineText: value(`p${i}.m${j}.deadline`),
      })),
    }));
    const resolutions: Record<string, Resolution> = {};
    for (const item of preview.reconciliation) {
      const resolution = parseResolution(value(`r:${item.name}`));
      if (resolution?.action === "group" || resolution?.action === "createGroup") {
        const memberIds = data.getAll(memberField(item.name)).map(Number);
        if (memberIds.length) resolution.memberIds = memberIds;
      }
      if (resolution) resolutions[item.name] = resolution;
    }
    return {
      regionId: preview.regionId,
      fileName: preview.fileName ?? "",
      sourceText: preview.sourceText,
      plans,
      resolutions,
    };
  }

  function onSaveReport(form: HTMLFormElement) {
    if (!preview || preview.document.kind !== "annualReport") return;
    const data = new FormData(form);
    const input = {
      regionId: formText(data, "report.regionId"),
      title: formText(data, "report.title"),
      year: formText(data, "report.year"),
      sourceText: preview.sourceText,
      sections: preview.document.report.sections.map(({ heading, body }) => ({ heading, body })),
    };
    run(() => importAnnualReport(input), {
      refresh: false,
      onSuccess: () => {
        setProblems([]);
        setPreview(null);
      },
      onFailure: (failure) => setProblems(Object.values(failure.fieldErrors ?? {}).flat()),
    });
  }

  function onCommit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (preview?.document.kind === "annualReport") return onSaveReport(event.currentTarget);
    const input = collect(event.currentTarget);
    if (!input) return;
    const parsed = commitPlanImportSchema.safeParse(input);
    const found: string[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [, planIndex, , measureIndex] = issue.path as (string | number)[];
        const plan = typeof planIndex === "number" ? `第 ${planIndex + 1} 个规划` : "";
        const measure = typeof measureIndex === "number" ? ` 第 ${measureIndex + 1} 项举措` : "";
        found.push(`${plan}${measure}:${issue.message}`);
      }
    }
    const used = new Set(input.plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])));
    const undecided = [...used].filter((name) => !input.resolutions[name]);
    if (undecided.length) found.push(`以下单位尚未确认如何处理(修改后的新名称请改回或先在单位管理中添加):${undecided.join("、")}`);
    setProblems(found);
    if (found.length) {
      setStatus({ kind: "error", message: "还有需要处理的问题,请见下方列表。您的修改都已保留。" });
      return;
    }
    run(() => commitPlanImport(input), {
      refresh: false,
      onSuccess: (data) => setSummary(data),
      onFailure: (failure) => setProblems(Object.values(failure.fieldErrors ?? {}).flat()),
    });
  }

  /** choose answers null to leave a name as it is (a tie only the user decides). */
  function bulkSet(status: Reconciliation["status"], choose: (item: Reconciliation) => string | null) {
    if (!preview || !reviewForm.current) return;
    for (const item of preview.reconciliation.filter((r) => r.status === status)) {
      const select = reviewForm.current.elements.namedItem(`r:${item.name}`) as HTMLSelectElement | null;
      const value = choose(item);
      if (value === null) continue;
      if (select) select.value = value;
      // Programmatic values fire no event; the empty-group review follows the choices by it.
      select?.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  if (summary) {
    return (
      <section aria-labelledby="import-done">
        <StatusMessage status={status} />
        <h2 id="import-done" className="mb-2 text-lg font-semibold">
          导入完成
        </h2>
        <ImportedPlans plans={summary.plans} />
        <p className="text-sm text-slate-600">
          新增分工 {summary.assignmentsCreated} 条{summary.unitsCreated.length > 0 && `;新建单位:${summary.unitsCreated.join("、")}`}
          {summary.groupsCreated.length > 0 && `;新建分组:${summary.groupsCreated.join("、")}`}
          {summary.emptyGroups.length > 0 && `;没有成员的分组:${summary.emptyGroups.join("、")}(请到“单位分组”补充成员)`}
          {summary.aliasesAdded.length > 0 && `;记住的别名:${summary.aliasesAdded.join(";")}`}
        </p>
      </section>
    );
  }

  if (!preview) {
    return (
      <form ref={chooseForm} onSubmit={onPreview} noValidate aria-label="选择文件" className="max-w-2xl">
        <StatusMessage status={status} />
        {unrecognised && (
          <UnrecognisedDocument
            document={unrecognised}
            pending={pending}
            onChoose={(kind) => chooseForm.current && previewFrom(chooseForm.current, kind)}
          />
        )}
        <SelectField
          name="regionId"
          label="导入到"
          required
          errors={errors}
          defaultValue={regions.length === 1 ? regions[0]!.id : ""}
          placeholder="请选择区县"
          options={regions.map((r) => ({ value: r.id, label: r.name }))}
        />
        <div className="mb-4">
          <label htmlFor="field-file" className="block text-sm font-medium text-slate-700">
            文件(.txt 或 .docx,不超过 10 MB)
          </label>
          <input
            id="field-file"
            name="file"
            type="file"
            accept=".txt,.text,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby={errors.file ? "error-file" : undefined}
            aria-invalid={errors.file ? true : undefined}
            className="mt-1 block w-full text-sm"
          />
          {errors.file && (
            <p id="error-file" className="mt-1 text-sm text-red-700">
              {errors.file.join(";")}
            </p>
          )}
        </div>
        <TextareaField name="text" label="或粘贴文本" rows={8} errors={errors} hint="没有选择文件时使用粘贴的文本" />
        <SubmitButton pending={pending}>识别</SubmitButton>
      </form>
    );
  }

  // Never set: an unrecognised text stays in the file form above.
  if (preview.document.kind === "unrecognised") return null;
  const document = preview.document;
  return (
    <form ref={reviewForm} onSubmit={onCommit} noValidate aria-label="核对导入内容">
      <StatusMessage status={status} />
      {problems.length > 0 && (
        <ul role="alert" className="mb-4 list-disc rounded border border-red-300 bg-red-50 py-2 pl-8 pr-3 text-sm text-red-800">
          {problems.slice(0, 30).map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {document.warnings.length > 0 && (
        <details className="mb-4 rounded border border-amber-300 bg-amber-50 p-3" open={document.warnings.length <= 10}>
          <summary className="cursor-pointer font-medium text-amber-900">识别提示 {document.warnings.length} 条(请逐条核对)</summary>
          <ul className="mt-2 max-h-64 overflow-y-auto text-sm text-amber-900">
            {document.warnings.map((warning, index) => (
              <li key={index}>
                第 {warning.line} 行:{warning.message}
              </li>
            ))}
          </ul>
        </details>
      )}

      {document.kind === "annualReport" ? (
        <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="report-title">
          <h2 id="report-title" className="mb-3 text-lg font-semibold">
            识别为年度报告
          </h2>
          <div className="grid gap-3 md:grid-cols-[3fr_1fr_1fr]">
            <label className="text-sm">
              报告标题
              <input
                name="report.title"
                defaultValue={document.report.title}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
              />
            </label>
            <label className="text-sm">
              区域
              <select
                name="report.regionId"
                defaultValue={preview.reportRegionId}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
              >
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              报告年度
              <input
                name="report.year"
                inputMode="numeric"
                defaultValue={document.report.year ?? ""}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
              />
            </label>
          </div>
          <ol className="mt-4 list-decimal space-y-1 pl-6 text-sm">
            {document.report.sections.map((section) => (
              <li key={section.line}>
                {section.heading}
                <span className="ml-2 text-slate-500">({section.body.length} 字)</span>
              </li>
            ))}
          </ol>
          <div className="mt-4 flex gap-3">
            <SubmitButton pending={pending}>保存为历史年度报告</SubmitButton>
            <button type="button" onClick={() => setPreview(null)} className="rounded border border-slate-300 bg-white px-4 py-2">
              重新选择文件
            </button>
          </div>
        </section>
      ) : (
        <>
          <section aria-labelledby="units-title" className="mb-6">
            <h2 id="units-title" className="mb-2 text-lg font-semibold">
              单位核对(
              {preview.reconciliation.filter((r) => r.status === "near" || r.status === "nearGroup" || r.status === "unknown").length}{" "}
              个待确认)
            </h2>
            <div className="no-print mb-2 flex gap-2">
              <button
                type="button"
                className="rounded border border-slate-300 bg-white px-3 py-1 text-sm"
                onClick={() => {
                  bulkSet("near", (item) => (item.status === "near" ? `unit:${item.candidates[0]!.unitId}` : ""));
                  bulkSet("nearGroup", (item) => {
                    const best = item.status === "nearGroup" ? soleBestCandidate(item.candidates) : null;
                    return best ? `group:${best.groupId}` : null;
                  });
                }}
              >
                接受全部推荐匹配
              </button>
              <button
                type="button"
                className="rounded border border-slate-300 bg-white px-3 py-1 text-sm"
                onClick={() => bulkSet("unknown", () => "createUnit")}
              >
                未知单位全部新建
              </button>
            </div>
            <div className="max-h-96 overflow-y-auto rounded border border-slate-200 bg-white">
              <table className="min-w-full text-sm">
                <caption className="sr-only">文件中出现的单位名称及其处理方式</caption>
                <thead className="sticky top-0 bg-slate-100">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-left">
                      文件中的名称
                    </th>
                    <th scope="col" className="px-3 py-2 text-left">
                      识别结果
                    </th>
                    <th scope="col" className="px-3 py-2 text-left">
                      处理方式
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {[...preview.reconciliation]
                    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
                    .map((item) => (
                      <tr key={item.name} data-status={item.status}>
                        <th scope="row" className="px-3 py-1.5 text-left font-normal">
                          {item.name}
                        </th>
                        <td
                          className={`px-3 py-1.5 ${item.status === "near" || item.status === "nearGroup" || item.status === "unknown" ? "text-amber-800" : "text-slate-600"}`}
                        >
                          {STATUS_LABELS[item.status]}
                        </td>
                        <td className="px-3 py-1.5">
                          <select
                            name={`r:${item.name}`}
                            aria-label={`“${item.name}”的处理方式`}
                            defaultValue={resolutionValue(proposedResolution(item))}
                            className="w-full rounded border border-slate-300 px-2 py-1"
                          >
                            <option value="">请选择……</option>
                            {item.status === "near" &&
                              item.candidates.map((c) => (
                                <option key={c.unitId} value={`unit:${c.unitId}`}>
                                  匹配为“{c.name}”(并记为别名)
                                </option>
                              ))}
                            {item.status === "nearGroup" &&
                              item.candidates.map((c) => (
                                <option key={c.groupId} value={`group:${c.groupId}`}>
                                  匹配为分组“{c.name}”
                                </option>
                              ))}
                            {(item.status === "newGroup" || item.status === "group" || item.status === "nearGroup") && (
                              <option value="createGroup">
                                新建分组“{newName(item)}”{newName(item) !== item.name && "(原文名称记为别名)"}
                              </option>
                            )}
                            <option value="createUnit">
                              新建单位“{newName(item)}”{newName(item) !== item.name && "(原文名称记为别名)"}
                            </option>
                            <option value="ignore">忽略(不分工)</option>
                            <optgroup label="已有分组">
                              {preview.groups.map((g) => (
                                <option key={g.id} value={`group:${g.id}`}>
                                  {g.name}
                                </option>
                              ))}
                            </optgroup>
                            <optgroup label="已有单位">
                              {preview.units.map((u) => (
                                <option key={u.id} value={`unit:${u.id}`}>
                                  {u.name}
                                </option>
                              ))}
                            </optgroup>
                          </select>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            <EmptyGroupReview
              form={reviewForm}
              reconciliation={preview.reconciliation}
              plans={document.plans}
              groups={preview.groups}
              units={preview.units}
              regionPath={preview.regionPath}
            />
          </section>

          {document.plans.map((plan, i) => (
            <section key={i} aria-labelledby={`plan-${i}`} className="mb-8">
              <h2 id={`plan-${i}`} className="mb-2 text-lg font-semibold">
                规划 {i + 1}:{plan.measures.length} 项举措
              </h2>
              <div className="mb-3 grid gap-3 md:grid-cols-[3fr_1fr_1fr_1fr]">
                <label className="text-sm">
                  标题
                  <input
                    name={`p${i}.title`}
                    defaultValue={plan.title}
                    className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
                  />
                </label>
                <label className="text-sm">
                  类型
                  <select
                    name={`p${i}.kind`}
                    defaultValue={plan.kind}
                    className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
                  >
                    {PLAN_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {PLAN_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="text-sm">
                  起始年
                  <input
                    name={`p${i}.periodStart`}
                    inputMode="numeric"
                    defaultValue={plan.periodStart ?? ""}
                    className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
                  />
                </label>
                <label className="text-sm">
                  结束年
                  <input
                    name={`p${i}.periodEnd`}
                    inputMode="numeric"
                    defaultValue={plan.periodEnd ?? ""}
                    className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
                  />
                </label>
              </div>
              <div className="max-h-[32rem] overflow-y-auto rounded border border-slate-200 bg-white">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">规划 {i + 1} 的举措,可直接修改</caption>
                  <thead className="sticky top-0 bg-slate-100">
                    <tr>
                      {["序号", "章节", "举措", "牵头单位", "责任单位", "完成时限"].map((h) => (
                        <th key={h} scope="col" className="px-2 py-2 text-left">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {plan.measures.map((measure, j) => {
                      const section = plan.sections.find((s) => s.key === measure.sectionKey);
                      const field = (name: string) => `p${i}.m${j}.${name}`;
                      return (
                        <tr key={j}>
                          <td className="px-2 py-1 align-top">
                            <input
                              name={field("code")}
                              aria-label={`举措 ${j + 1} 的序号`}
                              defaultValue={measure.code}
                              className="w-16 rounded border border-slate-300 px-1 py-1"
                            />
                          </td>
                          <td className="max-w-40 px-2 py-1 align-top text-xs text-slate-600">
                            {section ? `${section.label}${section.title}` : "—"}
                          </td>
                          <td className="px-2 py-1 align-top">
                            <textarea
                              name={field("text")}
                              aria-label={`举措 ${j + 1} 的内容`}
                              defaultValue={measure.text}
                              rows={2}
                              className="w-96 rounded border border-slate-300 px-1 py-1"
                            />
                          </td>
                          <td className="px-2 py-1 align-top">
                            <textarea
                              name={field("lead")}
                              aria-label={`举措 ${j + 1} 的牵头单位`}
                              defaultValue={measure.leadUnits.join("、")}
                              rows={2}
                              className="w-40 rounded border border-slate-300 px-1 py-1"
                            />
                          </td>
                          <td className="px-2 py-1 align-top">
                            <textarea
                              name={field("responsible")}
                              aria-label={`举措 ${j + 1} 的责任单位`}
                              defaultValue={measure.responsibleUnits.join("、")}
                              rows={2}
                              className="w-48 rounded border border-slate-300 px-1 py-1"
                            />
                          </td>
                          <td className="px-2 py-1 align-top">
                            <input
                              name={field("deadline")}
                              aria-label={`举措 ${j + 1} 的完成时限`}
                              defaultValue={measure.deadline?.text ?? ""}
                              className="w-28 rounded border border-slate-300 px-1 py-1"
                            />
                            {measure.deadline && (
                              <span className="block text-xs text-slate-500">
                                {measure.deadline.ongoing ? "长期" : (measure.deadline.date ?? "无法识别")}
                              </span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
          <div className="flex gap-3">
            <SubmitButton pending={pending}>确认导入</SubmitButton>
            <button type="button" onClick={() => setPreview(null)} className="rounded border border-slate-300 bg-white px-4 py-2">
              重新选择文件
            </button>
          </div>
        </>
      )}
    </form>
  );
}

/** A text field's value; "" when absent (these forms post no files). */
function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
