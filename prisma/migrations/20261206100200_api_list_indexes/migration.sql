-- The read API's assignment lists page by id within the token's districts
-- (lib/api/queries.ts): this index walks one district's assignments in id order.
-- CreateIndex
CREATE INDEX "Assignment_districtId_id_idx" ON "Assignment"("districtId", "id");
