/**
 * The audit actions that record access to a person's data (DOMAIN.md §8: every plain-access
 * request is logged with its purpose): searches by full ID number, reveals of a full number,
 * and 带入 of an earlier applicant — refused attempts included. The audit viewer's 查阅记录
 * lists exactly these.
 */
export const PERSON_ACCESS_ACTIONS = [
  "archive.lookup",
  "person.reveal",
  "person.reveal_refused",
  "person.prefill",
  "person.prefill_refused",
] as const;
export type PersonAccessAction = (typeof PERSON_ACCESS_ACTIONS)[number];
