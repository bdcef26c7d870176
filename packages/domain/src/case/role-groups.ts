import type { Role } from "./types";

/**
 * The role groups, written once. The state machine's rules (machine.ts) are built from them,
 * the API guards its procedures with them, the web shows its menus and buttons by them. A
 * group names who may do a kind of work; the machine still checks each event on its own.
 */

/** Every staff post that works on cases (not residents, administrators or the system). */
export const STAFF: readonly Role[] = [
  "helper",
  "station_lead",
  "front_desk",
  "reviewer",
  "approver",
  "center_lead",
];
/** Who takes cases in and works them at the window: station helpers, front desk, leads. */
export const RECEIVERS: readonly Role[] = ["helper", "station_lead", "front_desk", "center_lead"];
/** Who may refuse a case at intake (不予受理). */
export const LEADS: readonly Role[] = ["station_lead", "front_desk", "center_lead"];
/** Who reviews (审查) and runs special procedures; a station lead for station-level items. */
export const BACK_OFFICE: readonly Role[] = ["reviewer", "approver", "center_lead", "station_lead"];
/** Who decides (准予 / 不予许可); a station lead for station-level items. */
export const DECIDERS: readonly Role[] = ["approver", "center_lead", "station_lead"];
/** Who writes the review opinion and submits it for approval (审查意见 / 提交审批). */
export const OPINION_WRITERS: readonly Role[] = ["reviewer", "center_lead", "station_lead"];

/** The station's own staff: the station screens (今日, 收件, 本站办件). */
export const STATION_STAFF: readonly Role[] = ["helper", "station_lead"];
/** The street center's case posts: its queue, and the posts a case can be handed to (AB岗). */
export const CENTER_STAFF: readonly Role[] = ["front_desk", "reviewer", "approver", "center_lead"];
/** Who may read cases: all staff, and the district's administrators. */
export const READERS: readonly Role[] = [...STAFF, "district_admin"];
/** Hub administration: who manages sites, users, catalog, calendar and station credentials. */
export const ADMINS: readonly Role[] = ["center_lead", "district_admin"];
/** Who may read the hub's administration data and the dashboard. */
export const ADMIN_READERS: readonly Role[] = [...ADMINS, "reviewer"];
/**
 * Who reads a node's SMS log (短信通知记录), which holds every resident notice of the node:
 * its leads — the station lead at a station; the center lead and the district's
 * administrators at the hub (a station lead there would see other stations' residents).
 */
export const SMS_LOG_READERS = {
  station: ["station_lead"],
  hub: ["center_lead", "district_admin"],
} as const satisfies Record<"station" | "hub", readonly Role[]>;

/**
 * Who reads the audit log (审计日志): at a station its lead, the station's own log; at the hub
 * the center lead and the district's administrators, the hub's log and every station's as it
 * synced up. Each node checks its own list (a station lead at the hub reads nothing).
 */
export const AUDIT_LOG_READERS = {
  station: ["station_lead"],
  hub: ["center_lead", "district_admin"],
} as const satisfies Record<"station" | "hub", readonly Role[]>;

/**
 * The posts a staff account can hold and the kind of site each works at: the hub refuses an
 * account whose site is of another kind, and the users screen offers only those sites.
 */
export const SITE_KIND_OF_ROLE = {
  helper: "station",
  station_lead: "station",
  front_desk: "center",
  reviewer: "center",
  approver: "center",
  center_lead: "center",
  district_admin: "district",
} as const satisfies Partial<Record<Role, "station" | "center" | "district">>;
/** A post a staff account can hold (not resident or system). */
export type StaffRole = keyof typeof SITE_KIND_OF_ROLE;
/** The posts, in the order the screens list them. */
export const STAFF_ROLES = Object.keys(SITE_KIND_OF_ROLE) as [StaffRole, ...StaffRole[]];

/**
 * Who reads the per-staff figures and the monthly report (月报), and exports them: the leads.
 * A station lead, at the station, only the station's own staff and cases.
 */
export const REPORT_READERS: readonly Role[] = ["station_lead", "center_lead", "district_admin"];
