/**
 * @bangban/db — the node's storage on libSQL: drizzle schema, checked-in migrations,
 * the CaseStore implementation and the queries the station and hub servers need.
 * `@bangban/db/schema` imports the tables alone, without opening anything.
 */
export * from "./audit-chain";
export * from "./blob-gc";
export * from "./blobs";
export * from "./bulk-catch-up";
export * from "./bulk-store";
export * from "./case-store";
export * from "./checkpointer";
export * from "./client";
export * from "./complaint-store";
export * from "./db-key";
export * from "./db-server";
export * from "./demo-seed";
export * from "./hub-store";
export * from "./node-identity";
export { type ProjectionRow, projectionsStatements } from "./projection-row";
export * from "./queries/absences";
export * from "./queries/attachments";
export * from "./queries/audit";
export * from "./queries/audit-view";
export * from "./queries/authority";
export * from "./queries/calendar";
export * from "./queries/cases";
export * from "./queries/catalog";
export * from "./queries/catalog-versions";
export * from "./queries/complaints";
export * from "./queries/counters";
export * from "./queries/dashboard";
export * from "./queries/district";
export * from "./queries/inbox";
export * from "./queries/meta";
export * from "./queries/rating-channels";
export * from "./queries/rectifications";
export * from "./queries/reference";
export * from "./queries/reminders";
export * from "./queries/report-cases";
export * from "./queries/sessions";
export * from "./queries/sites";
export * from "./queries/sms-log";
export * from "./queries/staff-figures";
export * from "./queries/stations";
export * from "./queries/street-directory";
export * from "./queries/user-sessions";
export * from "./queries/users";
export * as schema from "./schema";
export * from "./set-aside-indexes";
export * from "./statement-cache";
export * from "./station-audit";
export * from "./station-blobs";
export * from "./uploads";
