"use client";

import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createAnnualReportDraft } from "@/lib/annual-reports/actions.ts";
import { createAnnualReportDraftSchema } from "@/lib/annual-reports/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

type Props = {
  regions: { id: number; name: string }[];
  /** The chosen region's units only (the page reloads with ?regionId= when another is chosen). */
  units: { id: number; name: string; regionId: number }[];
  /** The region chosen (from ?regionId=, the only one in scope, or the liaison's unit's). */
  regionId: number | null;
  /** A liaison drafts its own unit's report only. */
  unitOnly: boolean;
  defaultYear: number;
  maxYear: number;
};

/** 生成年度报告草稿: region (or the liaison's unit) and year; the draft is built from the data. */
export function DraftForm({ regions, units, regionId: chosenRegionId, unitOnly, defaultYear, maxYear }: Props) {
  const router = useRouter();
  const [regionId, setRegionId] = useState<string>(chosenRegionId === null ? "" : String(chosenRegionId));
  // The report that is already there, when the action names one.
  const [existing, setExisting] = useState<string | undefined>();
  const { onSubmit, errors, status, pending } = useActionForm(createAnnualReportDraftSchema, createAnnualReportDraft, {
    onSuccess: (data) => {
      setExisting(undefined);
      router.push(`/reports/${data.id}`);
    },
    onFailure: (failure) => setExisting(failure.link),
  });
  const unitChoices = units.filter((u) => String(u.regionId) === regionId);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="生成年度报告草稿" className="max-w-xl">
      <StatusMessage status={status} />
      {existing && (
        <p className="-mt-2 mb-4">
          <Link href={existing} className="text-brand-700 underline">
            打开已有的报告
          </Link>
        </p>
      )}
      {unitOnly ? (
        <>
          <input type="hidden" name="regionId" value={regionId} />
          <SelectField
            name="unitId"
            label="报告单位"
            required
            errors={errors}
            defaultValue={units[0]?.id}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </>
      ) : (
        <>
          <SelectField
            name="regionId"
            label="所属区域"
            required
            errors={errors}
            value={regionId}
            onChange={(e) => {
              setRegionId(e.target.value);
              // Load the units of the region chosen (the form keeps what was typed).
              router.replace(e.target.value ? `/reports/new?regionId=${e.target.value}` : "/reports/new", { scroll: false });
            }}
            placeholder="请选择"
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
          />
          <SelectField
            name="unitId"
            label="报告单位"
            errors={errors}
            defaultValue=""
            placeholder="本区域的年度报告(不限单位)"
            hint="部门单独报告时选择该部门:只统计该部门承担的任务"
            options={unitChoices.map((u) => ({ value: u.id, label: u.name }))}
          />
        </>
      )}
      <TextField
        name="year"
        label="报告年度"
        type="number"
        required
        min={2000}
        max={maxYear}
        defaultValue={defaultYear}
        errors={errors}
        hint="按该年度的审核通过的进展、完成情况和督察整改情况生成草稿"
      />
      <SubmitButton pending={pending}>生成年度报告草稿</SubmitButton>
    </form>
  );
}
