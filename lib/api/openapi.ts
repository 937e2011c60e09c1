import { z } from "zod";
import { MAX_ID } from "@/lib/ids.ts";
import { MAX_PAGE_SIZE } from "@/lib/api/schema.ts";
import * as api from "@/lib/api/schema.ts";

// The OpenAPI 3.1 document of /api/v1, built from the zod schemas the routes
// parse their answers and parameters with (lib/api/schema.ts). zod 4 writes
// JSON Schema draft 2020-12, the dialect of OpenAPI 3.1, so the schemas go in
// as they are; each schema with an id becomes a component.

type Endpoint = {
  path: string;
  summary: string;
  description?: string;
  tag: string;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  response: z.ZodType;
  /** Ids in the query that answer 404 when outside the token's region. */
  queryIds?: boolean;
};

const ENDPOINTS: Endpoint[] = [
  { path: "/api/v1/plans", summary: "规划列表", tag: "规划", query: api.listPlansQuery, response: api.planPageSchema },
  { path: "/api/v1/plans/{planId}", summary: "一个规划", tag: "规划", pathParams: { planId: "规划编号" }, response: api.planSchema },
  {
    path: "/api/v1/plans/{planId}/measures",
    summary: "规划的举措列表",
    tag: "举措",
    pathParams: { planId: "规划编号" },
    query: api.listMeasuresQuery,
    response: api.measurePageSchema,
  },
  {
    path: "/api/v1/measures/{measureId}",
    summary: "一项举措及其分工",
    tag: "举措",
    pathParams: { measureId: "举措编号" },
    response: api.measureDetailSchema,
  },
  {
    path: "/api/v1/assignments",
    summary: "分工列表",
    description: "可按规划或单位筛选;所给编号不在令牌的区域内时答 404。",
    tag: "分工",
    query: api.listAssignmentsQuery,
    queryIds: true,
    response: api.assignmentPageSchema,
  },
  {
    path: "/api/v1/plans/{planId}/progress",
    summary: "一个报送周期的进展",
    description: "规划的每条分工在该周期的报送状态;周期须为规划的报送频次(季度规划如 2026-Q3)。草稿只显示状态,不显示内容。",
    tag: "进展",
    pathParams: { planId: "规划编号" },
    query: api.progressQuery,
    queryIds: true,
    response: api.periodProgressPageSchema,
  },
  {
    path: "/api/v1/dashboards/districts/{districtId}",
    summary: "区县统计看板的数字",
    description: "与统计看板页面相同的口径和数字。",
    tag: "统计",
    pathParams: { districtId: "区县(区域)编号" },
    query: api.dashboardQuery,
    response: api.districtDashboardSchema,
  },
  {
    path: "/api/v1/dashboards/regions/{regionId}",
    summary: "市内各区县、省内各市的统计数字",
    description: "与跨区县统计页面相同的口径和数字:市(及以下)区域按区县列出(districts),省按市列出(cities,数字定时统计,asOf 为统计时间)。",
    tag: "统计",
    pathParams: { regionId: "区域编号(市或省)" },
    query: api.dashboardQuery,
    response: api.regionDashboardSchema,
  },
];

const ref = (schema: z.ZodType) => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("an API answer schema needs an id (.meta({ id }))");
  return { $ref: `#/components/schemas/${id}` };
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref(api.errorSchema) } },
});

/** A parameter's schema as JSON Schema, without the dialect marker (the document sets it). */
function parameterSchema(schema: z.ZodType) {
  const {
    $schema: _dialect,
    description: _description,
    ...rest
  } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  return rest;
}

function operation(endpoint: Endpoint) {
  const parameters = [
    ...Object.entries(endpoint.pathParams ?? {}).map(([name, description]) => ({
      name,
      in: "path",
      required: true,
      description: `${description};不存在或不在令牌的区域内时答 404`,
      schema: { type: "integer", minimum: 1, maximum: MAX_ID },
    })),
    ...Object.entries(endpoint.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: !(schema as z.ZodType).safeParse(undefined).success,
      description: z.globalRegistry.get(schema as z.ZodType)?.description,
      schema: parameterSchema(schema as z.ZodType),
    })),
  ];
  const notFound = endpoint.pathParams || endpoint.queryIds;
  return {
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
    operationId: endpoint.path
      .replace(/^\/api\/v1\//, "")
      .replace(/[{}]/g, "")
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase()),
    ...(parameters.length ? { parameters } : {}),
    responses: {
      "200": { description: "成功", content: { "application/json": { schema: ref(endpoint.response) } } },
      ...(endpoint.query ? { "400": errorResponse("查询参数有误(说明见 error.message 与 error.fields)") } : {}),
      "401": errorResponse("缺少令牌,或令牌无效、已吊销"),
      ...(notFound ? { "404": errorResponse("不存在,或不在令牌的区域内(两者答复相同)") } : {}),
      "500": errorResponse("服务器内部错误"),
    },
  };
}

/** Component schemas reachable from the operations, by following $refs. */
function componentSchemas(roots: string[]) {
  const all = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, Record<string, unknown>>;
  const picked: Record<string, unknown> = {};
  const visit = (id: string) => {
    if (id in picked) return;
    const { $schema: _dialect, $id: _id, ...schema } = all[id]!;
    picked[id] = schema;
    for (const match of JSON.stringify(schema).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(match[1]!);
  };
  roots.forEach(visit);
  return Object.fromEntries(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b)));
}

export function openApiDocument() {
  const paths: Record<string, { get: ReturnType<typeof operation> }> = {};
  for (const endpoint of ENDPOINTS) paths[endpoint.path] = { get: operation(endpoint) };
  const roots = [api.errorSchema, ...ENDPOINTS.map((e) => e.response)].map((s) => z.globalRegistry.get(s)!.id!);
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "法治任务通 只读接口",
      version: api.API_VERSION,
      description: [
        "供市、省平台读取规划、举措、分工、报送进展和统计数字。",
        "每个对接系统使用管理员在「接口令牌」页面创建的令牌,放在请求头 Authorization: Bearer <令牌> 中;令牌限定于一个区域(市的令牌可读其下各区县)。",
        `列表按编号升序分页:limit 每页条数(最多 ${MAX_PAGE_SIZE}),cursor 取上一页返回的 nextCursor,直到 next 为 null。`,
        "不存在的编号与区域外的编号答复相同(404)。",
      ].join("\n\n"),
    },
    security: [{ bearerToken: [] }],
    tags: ["规划", "举措", "分工", "进展", "统计"].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "管理员创建的接口令牌(fzt_ 开头)" },
      },
      schemas: componentSchemas(roots),
    },
  };
}
