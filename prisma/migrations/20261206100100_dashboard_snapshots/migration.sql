-- The province view's figures, counted every five minutes by one server (the
-- dashboard-snapshots job) and read by all of them.
CREATE TABLE "DashboardSnapshot" (
    "id" SERIAL NOT NULL,
    "regionId" INTEGER NOT NULL,
    "view" VARCHAR(100) NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "figures" JSONB NOT NULL,

    CONSTRAINT "DashboardSnapshot_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "DashboardSnapshot_regionId_view_key" ON "DashboardSnapshot"("regionId", "view");
