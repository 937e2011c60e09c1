-- One 终期评估 per plan. lib/evaluations/write.ts checks before it inserts, yet
-- two bureau users clicking 生成终期评估 at once both pass the check; this
-- index lets exactly one insert win. Partial (kind = 'FINAL'): a plan keeps
-- any number of 中期评估. Prisma's schema cannot express a partial index, so
-- it lives here only and lib/db/drift.ts lists it in RAW_SQL_INDEXES.
-- districtId is in the key as in every unique of a district table
-- (docs/scale-out.md); a plan has one district, so it is one FINAL per plan.
CREATE UNIQUE INDEX "Evaluation_planId_final_key" ON "Evaluation"("planId", "districtId") WHERE "kind" = 'FINAL';
