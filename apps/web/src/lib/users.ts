import { ADMIN_READERS, type Role } from "@bangban/domain";
import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../api/queries";

/** Who may read the hub's accounts (admin.users.list). */
export const USER_READERS: readonly Role[] = ADMIN_READERS;

/** A site's accounts at the hub (for the B岗 choice on the users screen). */
export function useSiteUsers(siteId: string | undefined, enabled = true) {
  return useQuery({
    ...trpcQuery("admin.users.list", siteId ? { siteId } : {}),
    enabled,
    staleTime: 5 * 60_000,
  });
}
