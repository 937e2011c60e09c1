// Where every table of the database goes when the installation moves onto
// Citus (docs/scale-out.md). tests/integration/table-classes.test.ts reads the
// catalogue against this: a table that is not listed here fails it, so a new
// table must be placed before it ships, and the document must name it.
//
// - district:  create_distributed_table by "districtId", all colocated; every
//              row belongs to one district, "districtId" is NOT NULL.
// - reference: create_reference_table; small, read by district queries and
//              joined to them, so every node holds a copy.
// - content:   create_distributed_table by its content hash in its own
//              colocation group; shared by all districts, never joined to them.
// - local:     stays on the coordinator (a Citus local table); per-installation
//              bookkeeping that no district query joins.
export type TableClass = "district" | "reference" | "content" | "local";

export const TABLE_CLASSES: Record<string, { class: TableClass; why: string }> = {
  // The plans and everything hanging off them: one district each.
  Unit: { class: "district", why: "a department of one district (or one of its towns)" },
  UnitAlias: { class: "district", why: "another name of a unit, so of the unit's district" },
  UnitGroup: { class: "district", why: "a collective designation used in one district's plans" },
  UnitGroupAlias: { class: "district", why: "another wording of a group, so of the group's district" },
  UnitGroupMember: { class: "district", why: "a unit in a group, both of one district" },
  Plan: { class: "district", why: "a district's plan" },
  Section: { class: "district", why: "a chapter of a plan" },
  Measure: { class: "district", why: "a measure of a plan" },
  Assignment: { class: "district", why: "a measure given to a unit of the same district" },
  AnnualTarget: { class: "district", why: "a measure's target for a year" },
  Milestone: { class: "district", why: "a step of a measure" },
  Indicator: { class: "district", why: "a figure of a measure" },
  ProgressReport: { class: "district", why: "a unit's report on an assignment or a rectification" },
  Attachment: { class: "district", why: "a report's evidence file (its bytes are content, shared)" },
  DeadlineExtension: { class: "district", why: "a unit's request to move a measure's deadline" },
  Reminder: { class: "district", why: "a reminder to a unit about its measures" },
  Notification: { class: "district", why: "an inbox message about one district's work, to one of its people" },
  AnnualReport: { class: "district", why: "a district's (or its department's) annual report" },
  AnnualReportSection: { class: "district", why: "a section of an annual report" },
  Inspection: { class: "district", why: "an inspection of one district" },
  Finding: { class: "district", why: "a finding of an inspection" },
  FindingUnit: { class: "district", why: "a unit a finding names" },
  Rectification: { class: "district", why: "a unit's rectification of a finding" },
  RectificationClosure: { class: "district", why: "a closing (销号) of a rectification item and its reopening" },
  ReportReturn: { class: "district", why: "a return (退回) of a progress report" },
  Evaluation: { class: "district", why: "a snapshot evaluation of a plan" },
  EvaluationItem: { class: "district", why: "a measure's row in an evaluation" },
  IndicatorValue: { class: "district", why: "an indicator's value stated in a progress report" },
  Circular: { class: "district", why: "a 通报 the bureau issues to its district's units" },
  Assessment: { class: "district", why: "a district's 考核 scheme for a year" },
  AssessmentAdjustment: { class: "district", why: "a manual adjustment of a unit's 考核 score" },
  AssessmentItem: { class: "district", why: "a point of a unit's published 考核 score and its fact" },

  Region: {
    class: "reference",
    why: "the region tree (province, cities, districts, towns): every scope check and every cross-district figure joins it",
  },
  OutlineArea: { class: "reference", why: "the national outline's areas, fixed reference data grouped on by cross-district views" },
  User: {
    class: "reference",
    why: "accounts of every level (city leaders and ADMIN have no district); district tables point at authors, reviewers and uploaders",
  },

  AttachmentBlob: {
    class: "content",
    why: "evidence bytes stored once per sha256 hash, shared by every district that uploads the same file",
  },
  AttachmentChunk: { class: "content", why: "the chunks of a blob, colocated with it by hash" },

  UserSession: {
    class: "local",
    why: "sign-in sessions, checked and touched on every request by the app server, never joined to district data",
  },
  LoginThrottle: { class: "local", why: "failed sign-ins per login string, which need not be an account" },
  SignInAddressThrottle: { class: "local", why: "failed sign-ins per client address" },
  SignInEvent: { class: "local", why: "the sign-in log, per installation" },
  DashboardSnapshot: {
    class: "local",
    why: "figures counted in advance for a view above district level (a province's cities), which span many districts and belong to none",
  },
  JobRun: { class: "local", why: "runs of the installation's scheduled jobs, which span all districts" },
  AuditEvent: {
    class: "local",
    why: "changes above district level (regions, city accounts, the reminder job) have no district, and Citus refuses NULL in a distribution column",
  },
  ApiToken: { class: "local", why: "an integration's token, scoped to a region (often a city or the province), managed by ADMIN" },
  _prisma_migrations: { class: "local", why: "the migration runner's own record" },
};

/**
 * Primary keys and unique indexes of district tables that do not include
 * "districtId" today, each explained in docs/scale-out.md under its name
 * (the test checks the name is there): Citus needs the distribution column in
 * every one of them, so these change at distribution time.
 */
export const DISTRICT_KEY_EXCEPTIONS: Record<string, string> = Object.fromEntries<string>([
  ...[
    "Unit",
    "UnitAlias",
    "UnitGroup",
    "UnitGroupAlias",
    "Plan",
    "Section",
    "Measure",
    "Assignment",
    "AnnualTarget",
    "Milestone",
    "Indicator",
    "ProgressReport",
    "Attachment",
    "DeadlineExtension",
    "Reminder",
    "Notification",
    "AnnualReport",
    "AnnualReportSection",
    "Inspection",
    "Finding",
    "Rectification",
    "Evaluation",
    "EvaluationItem",
    "IndicatorValue",
    "Circular",
    "Assessment",
    "AssessmentAdjustment",
    "AssessmentItem",
    "RectificationClosure",
    "ReportReturn",
  ].map((table): [string, string] => [`${table}_pkey`, "serial id: becomes (districtId, id) at distribution time"]),
  ["AnnualReport_previousVersionId_key", "Prisma's one-to-one relation needs the foreign key alone to be unique"],
]);

/**
 * Foreign keys from a reference or local table to a district table. Citus
 * allows none (a copy on every node cannot point into one shard); each is
 * dropped at distribution time, as docs/scale-out.md says under its name.
 */
export const CROSS_CLASS_FOREIGN_KEYS: Record<string, string> = {
  User_unitId_fkey: "a liaison's unit: the application checks it instead",
};

/**
 * Foreign keys among distributed tables that still say ON DELETE SET NULL.
 * Citus refuses SET NULL and SET DEFAULT on a foreign key that includes the
 * distribution column (they would null "districtId" too), and after the keys
 * migration every foreign key between district tables does. Each becomes
 * ON DELETE NO ACTION at distribution time, as docs/scale-out.md says under
 * its name; where a parent row is deleted today, the application clears the
 * child column first, in the same transaction.
 */
export const DELETE_SET_NULL_EXCEPTIONS: Record<string, string> = {
  Plan_parentId_fkey: "plans are never deleted",
  Section_parentId_fkey: "chapters are never deleted (nor their plans)",
  Measure_sectionId_fkey: "chapters are never deleted",
  Assignment_viaGroupId_fkey: "a group is deleted only while no assignment names it",
  Milestone_annualTargetId_fkey: "annual targets are never deleted (nor their measures)",
  ProgressReport_onBehalfOfUnitId_fkey: "units are deactivated, never deleted",
  Notification_reminderId_fkey: "a plan import's removed assignment takes its reminders: clear the link first",
  AnnualReport_unitId_fkey: "units are deactivated, never deleted",
  AnnualReport_previousVersionId_fkey: "annual reports are never deleted",
  Finding_measureId_fkey: "measures are never deleted",
};
