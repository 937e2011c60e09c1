-- Other wordings of a collective name, so an accepted near match resolves by
-- itself on the next import. Unique per region, like "UnitAlias".
-- CreateTable
CREATE TABLE "UnitGroupAlias" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "alias" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitGroupAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitGroupAlias_groupId_idx" ON "UnitGroupAlias"("groupId");

-- CreateIndex
CREATE INDEX "UnitGroupAlias_districtId_idx" ON "UnitGroupAlias"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitGroupAlias_regionId_alias_key" ON "UnitGroupAlias"("regionId", "alias");

-- AddForeignKey
ALTER TABLE "UnitGroupAlias" ADD CONSTRAINT "UnitGroupAlias_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "UnitGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;
