-- CreateTable
CREATE TABLE "OutlineArea" (
    "code" VARCHAR(30) NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "OutlineArea_pkey" PRIMARY KEY ("code")
);

-- Reference data: the areas of 法治政府建设实施纲要(2021－2025年) in its order,
-- then the two that 法治社会 and 法治建设 plans add (lib/outline/areas.ts).
INSERT INTO "OutlineArea" ("code", "name", "sortOrder") VALUES
    ('GUIDING', '总体要求', 1),
    ('FUNCTIONS', '政府机构职能', 2),
    ('RULES', '依法行政制度', 3),
    ('DECISIONS', '行政决策', 4),
    ('ENFORCEMENT', '行政执法', 5),
    ('EMERGENCIES', '突发事件应对', 6),
    ('DISPUTES', '矛盾纠纷化解', 7),
    ('OVERSIGHT', '权力制约监督', 8),
    ('TECHNOLOGY', '科技保障', 9),
    ('LEADERSHIP', '党的领导', 10),
    ('SOCIETY', '法治社会', 11),
    ('JUSTICE', '司法公正', 12);

-- The column predates the table, so nothing held its values to a list: an
-- area's name becomes its code, anything else unknown is cleared (and then
-- classified below like any unmapped section).
UPDATE "Section" AS s SET "outlineArea" = a."code" FROM "OutlineArea" AS a WHERE s."outlineArea" = a."name";
UPDATE "Section" SET "outlineArea" = NULL
WHERE "outlineArea" IS NOT NULL AND "outlineArea" NOT IN (SELECT "code" FROM "OutlineArea");

-- Backfill the plans already imported, as lib/outline/classify.ts does for new
-- ones: a section takes the area its own heading (the words before the first
-- 。) names, first rule wins, else its nearest ancestor's. Sections that
-- already carry a valid code keep it.
WITH RECURSIVE "own" AS (
    SELECT "id", "parentId",
        CASE
            WHEN "heading" ~ '习近平法治思想|指导思想|总体要求|主要原则|基本原则|总体目标|主要目标|工作目标' THEN 'GUIDING'
            WHEN "heading" ~ '突发事件|应急' THEN 'EMERGENCIES'
            WHEN "heading" ~ '矛盾|纠纷|化解|调解|复议|应诉|信访|裁决|行政争议' THEN 'DISPUTES'
            WHEN "heading" ~ '依法行政制度|立法|规范性文件|规章' THEN 'RULES'
            WHEN "heading" ~ '决策' THEN 'DECISIONS'
            WHEN "heading" ~ '监督|制约|政务公开|政务诚信|督查|问责' THEN 'OVERSIGHT'
            WHEN "heading" ~ '科技|数字|信息化|互联网|大数据|数据共享' THEN 'TECHNOLOGY'
            WHEN "heading" ~ '执法' THEN 'ENFORCEMENT'
            WHEN "heading" ~ '政府机构职能|政府职能|机构职责|职能体系|放管服|营商环境|优化环境|审批|政务服务|监管' THEN 'FUNCTIONS'
            WHEN "heading" ~ '党的领导|党对|组织保障|组织实施|组织领导|推进机制|法治思维|依法行政能力|队伍建设|督察|考核|述法' THEN 'LEADERSHIP'
            WHEN "heading" ~ '法治社会|全民守法|法治观念|普法|法治宣传|法治文化|法律服务|法律援助|权利保护|权益保护|宪法|社会治理|社会领域|网络空间|法治乡村|依法治理' THEN 'SOCIETY'
            WHEN "heading" ~ '司法|审判|检察' THEN 'JUSTICE'
        END AS "area"
    FROM (SELECT "id", "parentId", split_part("title", '。', 1) AS "heading" FROM "Section") AS "titled"
),
"resolved" AS (
    SELECT "id", "area" FROM "own" WHERE "parentId" IS NULL
    UNION ALL
    SELECT "own"."id", COALESCE("own"."area", "resolved"."area")
    FROM "own" JOIN "resolved" ON "own"."parentId" = "resolved"."id"
)
UPDATE "Section" AS s SET "outlineArea" = r."area"
FROM "resolved" AS r
WHERE s."id" = r."id" AND r."area" IS NOT NULL AND s."outlineArea" IS NULL;

-- CreateIndex
CREATE INDEX "Section_outlineArea_idx" ON "Section"("outlineArea");

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_outlineArea_fkey" FOREIGN KEY ("outlineArea") REFERENCES "OutlineArea"("code") ON DELETE SET NULL ON UPDATE CASCADE;
