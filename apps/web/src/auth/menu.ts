import type { Role } from "@bangban/domain";
import type { MessageKey } from "../i18n/zh";

/** One entry of the side menu. Screens that come with the hub are listed already. */
export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: "today" | "intake" | "cases" | "review" | "dashboard" | "catalog";
  roles: readonly Role[];
  /** Which node serves the screen: helpers' screens run on the station, the rest on the hub. */
  node: "station" | "hub" | "any";
}

const STATION_STAFF: readonly Role[] = ["helper", "station_lead"];
const BACK_OFFICE: readonly Role[] = ["front_desk", "reviewer", "approver", "center_lead"];

export const MENU: readonly MenuEntry[] = [
  { path: "/today", label: "menu.today", icon: "today", roles: STATION_STAFF, node: "station" },
  { path: "/intake", label: "menu.intake", icon: "intake", roles: STATION_STAFF, node: "station" },
  { path: "/cases", label: "menu.cases", icon: "cases", roles: STATION_STAFF, node: "station" },
  { path: "/review", label: "menu.review", icon: "review", roles: BACK_OFFICE, node: "hub" },
  {
    path: "/dashboard",
    label: "menu.dashboard",
    icon: "dashboard",
    roles: ["center_lead", "district_admin"],
    node: "hub",
  },
  {
    path: "/catalog",
    label: "menu.catalog",
    icon: "catalog",
    roles: ["district_admin", "center_lead"],
    node: "hub",
  },
];

/** The menu a role sees on this node; the role decides, the server checks again. */
export function menuFor(role: Role, node: "station" | "hub"): MenuEntry[] {
  return MENU.filter((m) => m.roles.includes(role) && (m.node === "any" || m.node === node));
}

/** Where a user lands after signing in: the first screen of their menu. */
export function homeFor(role: Role, node: "station" | "hub"): string {
  return menuFor(role, node)[0]?.path ?? "/no-access";
}
