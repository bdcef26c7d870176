import { ADMIN_READERS, CENTER_STAFF, type Role } from "@bangban/domain";
import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../api/queries";

/** Who may read the hub's accounts (admin.users.list). */
export const USER_READERS: readonly Role[] = ADMIN_READERS;

/** A site's accounts at the hub (for AB岗 choices and names on screens). */
export function useSiteUsers(siteId: string | undefined, enabled = true) {
  return useQuery({
    ...trpcQuery("admin.users.list", siteId ? { siteId } : {}),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The back-office posts a case can be handed to (AB岗: the B post takes over). */
export const CASE_POSTS: readonly Role[] = CENTER_STAFF;
