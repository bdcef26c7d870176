import type { Role } from "@bangban/domain";

/** Who may call which group of procedures (the state machine checks each event again). */
export const STATION_STAFF: readonly Role[] = ["helper", "station_lead"];
export const CASE_STAFF: readonly Role[] = [
  "helper",
  "station_lead",
  "front_desk",
  "reviewer",
  "approver",
  "center_lead",
];
export const READERS: readonly Role[] = [...CASE_STAFF, "district_admin"];
export const RECEIVERS: readonly Role[] = ["helper", "station_lead", "front_desk", "center_lead"];
export const LEADS: readonly Role[] = ["station_lead", "front_desk", "center_lead"];
export const BACK_OFFICE: readonly Role[] = ["reviewer", "approver", "center_lead", "station_lead"];
export const DECIDERS: readonly Role[] = ["approver", "center_lead", "station_lead"];
/** Hub administration: who manages sites, users, catalog, calendar and station credentials. */
export const ADMINS: readonly Role[] = ["center_lead", "district_admin"];
/** Who may read the hub's administration data and the dashboard. */
export const ADMIN_READERS: readonly Role[] = [...ADMINS, "reviewer"];
