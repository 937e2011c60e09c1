-- CreateIndex
CREATE INDEX "Measure_text_idx" ON "Measure" USING GIN ("text" gin_trgm_ops);
