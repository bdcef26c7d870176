import { type Role, rolesFor } from "@bangban/domain";

/** Who may record a conflict's resolution (cases.resolveConflict); others only read it. */
export const RESOLVERS: readonly Role[] = rolesFor("resolve_conflict");

export function mayResolve(role: Role | undefined): boolean {
  return role !== undefined && RESOLVERS.includes(role);
}
