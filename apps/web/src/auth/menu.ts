import {
  ADMIN_READERS,
  ADMINS,
  AUDIT_LOG_READERS,
  CENTER_STAFF,
  READERS,
  REPORT_READERS,
  type Role,
  type SiteKind,
  SMS_LOG_READERS,
  STATION_STAFF,
} from "@bangban/domain";
import type { MessageKey } from "../i18n/zh";

/** One entry of the side menu. */
export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon:
    | "today"
    | "inbox"
    | "intake"
    | "cases"
    | "review"
    | "conflicts"
    | "dashboard"
    | "catalog"
    | "sites"
    | "users"
    | "enrolment"
    | "absences"
    | "smsLog"
    | "calendar"
    | "report"
    | "rectify"
    | "audit"
    | "complaints"
    | "desk"
    | "district";
  roles: readonly Role[];
  /** Which node serves the screen: helpers' screens run on the station, the rest on the hub. */
  node: "station" | "hub" | "any";
  /** A count shown beside the entry (the inbox's cases waiting). */
  badge?: "inbox";
  /** Only on a node of this kind (区级汇总: a hub run as the district node). */
  siteKind?: SiteKind;
}

export { STATION_STAFF };
/** The back office's queue: the front desk issues results, reviewers and approvers decide. */
export const QUEUE_ROLES: readonly Role[] = CENTER_STAFF;
/** Who looks at conflicted cases (reviewers and center leads resolve them): not the front desk. */
export const CONFLICT_ROLES: readonly Role[] = CENTER_STAFF.filter((r) => r !== "front_desk");
/** 请假与AB岗: the lead of a site records its people's absences, at the site's own node. */
export const ABSENCE_ROLES: readonly Role[] = ["station_lead", "center_lead"];
/** 投诉台账: staff see their site's complaints (the center and district: all). */
export const COMPLAINT_ROLES: readonly Role[] = READERS;
/** The 办不成事 board and the removal flags: the center lead and the district. */
export const DESK_ROLES: readonly Role[] = ["center_lead", "district_admin"];
/** Administration at the hub: the dashboard, the catalog, sites, users and enrolment. */
export const ADMIN_ROLES: readonly Role[] = ADMINS;
/** 工作月报 and the per-staff figures: the leads. */
export const REPORT_ROLES: readonly Role[] = REPORT_READERS;
/** 区级汇总: who reads the district's figures (the server allows the same roles, at a district). */
export const DISTRICT_ROLES: readonly Role[] = ADMIN_READERS;
/** 差评台账: a station lead (their site's, at the station), the center lead and the district (all). */
export const RECTIFY_LEDGER_ROLES: readonly Role[] = [
  "station_lead",
  "center_lead",
  "district_admin",
];

export const MENU: readonly MenuEntry[] = [
  // 区级汇总 (#16): first, so the district's administrators land on it at the district node.
  {
    path: "/district",
    label: "district.menu",
    icon: "district",
    roles: DISTRICT_ROLES,
    node: "hub",
    siteKind: "district",
  },
  { path: "/today", label: "menu.today", icon: "today", roles: STATION_STAFF, node: "station" },
  {
    path: "/inbox",
    label: "menu.inbox",
    icon: "inbox",
    roles: STATION_STAFF,
    node: "station",
    badge: "inbox",
  },
  { path: "/intake", label: "menu.intake", icon: "intake", roles: STATION_STAFF, node: "station" },
  { path: "/cases", label: "menu.cases", icon: "cases", roles: STATION_STAFF, node: "station" },
  { path: "/review", label: "menu.review", icon: "review", roles: QUEUE_ROLES, node: "hub" },
  {
    path: "/conflicts",
    label: "menu.conflicts",
    icon: "conflicts",
    roles: CONFLICT_ROLES,
    node: "hub",
  },
  {
    path: "/absences",
    label: "menu.absences",
    icon: "absences",
    roles: ABSENCE_ROLES,
    node: "any",
  },
  {
    path: "/dashboard",
    label: "menu.dashboard",
    icon: "dashboard",
    roles: ADMIN_ROLES,
    node: "hub",
  },
  { path: "/catalog", label: "menu.catalog", icon: "catalog", roles: ADMIN_ROLES, node: "hub" },
  { path: "/sites", label: "menu.sites", icon: "sites", roles: ADMIN_ROLES, node: "hub" },
  { path: "/users", label: "menu.users", icon: "users", roles: ADMIN_ROLES, node: "hub" },
  {
    path: "/enrolment",
    label: "menu.enrolment",
    icon: "enrolment",
    roles: ADMIN_ROLES,
    node: "hub",
  },
  // 短信通知记录: each node's own leads (the log holds the node's residents' notices).
  {
    path: "/sms-log",
    label: "menu.smsLog",
    icon: "smsLog",
    roles: SMS_LOG_READERS.station,
    node: "station",
  },
  {
    path: "/sms-log",
    label: "menu.smsLog",
    icon: "smsLog",
    roles: SMS_LOG_READERS.hub,
    node: "hub",
  },
  { path: "/calendar", label: "menu.calendar", icon: "calendar", roles: ADMIN_ROLES, node: "hub" },
  {
    path: "/rectify",
    label: "menu.rectify",
    icon: "rectify",
    roles: RECTIFY_LEDGER_ROLES,
    node: "any",
  },
  // 工作月报 (#15): the leads, each at their own node (a station lead: the station's own).
  {
    path: "/report/monthly",
    label: "menu.monthlyReport",
    icon: "report",
    roles: REPORT_ROLES,
    node: "any",
  },
  // 审计日志: each node's own readers (a station lead reads the station's, the hub's leads all).
  {
    path: "/audit",
    label: "menu.audit",
    icon: "audit",
    roles: AUDIT_LOG_READERS.station,
    node: "station",
  },
  { path: "/audit", label: "menu.audit", icon: "audit", roles: AUDIT_LOG_READERS.hub, node: "hub" },
  // Complaints (issue #15).
  {
    path: "/complaints",
    label: "menu.complaints",
    icon: "complaints",
    roles: STATION_STAFF,
    node: "station",
  },
  {
    path: "/complaints",
    label: "menu.complaints",
    icon: "complaints",
    roles: COMPLAINT_ROLES,
    node: "hub",
  },
  { path: "/desk", label: "menu.desk", icon: "desk", roles: DESK_ROLES, node: "hub" },
];

/** Who opens the audit log screen, on one node or the other (the server checks the node). */
export const AUDIT_ROLES: readonly Role[] = [
  ...AUDIT_LOG_READERS.station,
  ...AUDIT_LOG_READERS.hub,
];

/** Who opens the SMS log screen, on one node or the other (the server checks the node). */
export const SMS_LOG_ROLES: readonly Role[] = [...SMS_LOG_READERS.station, ...SMS_LOG_READERS.hub];

/**
 * The menu a role sees on this node (and this kind of site: a hub may be a street's or the
 * district's); the role decides, the server checks again.
 */
export function menuFor(role: Role, node: "station" | "hub", siteKind?: SiteKind): MenuEntry[] {
  return MENU.filter(
    (m) =>
      m.roles.includes(role) &&
      (m.node === "any" || m.node === node) &&
      (m.siteKind === undefined || m.siteKind === siteKind),
  );
}

/** Where a user lands after signing in: the first screen of their menu. */
export function homeFor(role: Role, node: "station" | "hub", siteKind?: SiteKind): string {
  return menuFor(role, node, siteKind)[0]?.path ?? "/no-access";
}
