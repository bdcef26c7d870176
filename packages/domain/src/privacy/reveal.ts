import type { CaseStatus, Role } from "../case/types";
import { TERMINAL_STATUSES } from "../case/types";
import { DomainError } from "../errors";

/** The facts of a case the reveal rule reads (a projection or the web's case detail). */
export interface RevealTarget {
  status: CaseStatus;
  originSiteId: string;
  handlingSiteId: string;
  pickupSiteId: string | null;
}

const STATION_ROLES: ReadonlySet<Role> = new Set(["helper", "station_lead"]);
const HUB_ROLES: ReadonlySet<Role> = new Set(["front_desk", "reviewer", "approver", "center_lead"]);

const refuse = (zh: string, en: string) =>
  new DomainError({ code: "NOT_ALLOWED", field: "caseId", zh, en });

/**
 * Why this user may not see a case's full ID numbers (查看完整证件号), or null when they may.
 * Least privilege (GB/T 35273 §7.1, DOMAIN.md §8): station staff only for open cases their own
 * station started, handles or hands over; the back office only at the hub, which holds its
 * street's cases. The API enforces it; the web reads it to offer the link or not.
 */
export function revealRefusal(
  user: { role: Role; siteId: string },
  nodeRole: "station" | "hub",
  c: RevealTarget,
): DomainError | null {
  if (STATION_ROLES.has(user.role)) {
    const ours = [c.originSiteId, c.handlingSiteId, c.pickupSiteId].includes(user.siteId);
    if (!ours) return refuse("只能查看本站点办件的证件号", "Only cases of your own station");
    if (TERMINAL_STATUSES.has(c.status)) {
      return refuse("办件已办结，站点不能再查看完整证件号", "The case is closed");
    }
    return null;
  }
  if (HUB_ROLES.has(user.role) && nodeRole === "hub") return null;
  return refuse("您的岗位不能查看完整证件号", "Your role may not reveal full ID numbers");
}
