import type { Role } from "@bangban/domain";

/** Who may record a conflict's resolution (cases.resolveConflict); others only read it. */
export const RESOLVERS: readonly Role[] = ["center_lead", "reviewer", "station_lead"];

export function mayResolve(role: Role | undefined): boolean {
  return role !== undefined && RESOLVERS.includes(role);
}
