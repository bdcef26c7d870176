/**
 * @bangban/domain — the rules of the trade, pure: no I/O, no clock, no randomness.
 * Time and ids are passed in by the caller.
 */
export * from "./attachments";
export * from "./auth/password-rule";
export * from "./calendar/local-date";
export * from "./calendar/workdays";
export * from "./case/deadline-of";
export * from "./case/fold";
export * from "./case/guards";
export * from "./case/journal-builder";
export * from "./case/machine";
export * from "./case/material-checks";
export * from "./case/rectification";
export * from "./case/role-groups";
export * from "./case/stage";
export * from "./case/state";
export * from "./case/types";
export * from "./catalog/local-items";
export * from "./catalog/schema";
export * from "./catalog/seed-catalog";
export * from "./complaint/complainant";
export * from "./complaint/complaint";
export * from "./complaint/journal";
export * from "./config";
export * from "./deadline/deadline";
export * from "./deadline/extension";
export * from "./deferred/closure";
export * from "./deferred/rongque";
export * from "./eligibility/eligibility";
export * from "./errors";
export * from "./privacy/audit-actions";
export * from "./privacy/mask";
export * from "./privacy/purpose";
export * from "./privacy/reveal";
export * from "./rating/rating";
export * from "./schedule/ab-posts";
export * from "./schedule/time-rules";
export * from "./validation/division-code";
export * from "./validation/id-number";
export * from "./validation/person";
export * from "./validation/phone";
