/**
 * @bangban/db — the node's storage on libSQL: drizzle schema, checked-in migrations,
 * the CaseStore implementation and the queries the station and hub servers need.
 * `@bangban/db/schema` imports the tables alone, without opening anything.
 */
export * from "./case-store";
export * from "./client";
export * from "./queries/attachments";
export * from "./queries/audit";
export * from "./queries/cases";
export * from "./queries/catalog";
export * from "./queries/counters";
export * from "./queries/meta";
export * from "./queries/sessions";
export * from "./queries/sites";
export * from "./queries/users";
export * as schema from "./schema";
