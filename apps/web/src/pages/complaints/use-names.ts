import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../../api/queries";

/** Site and staff names for the complaint screens (the id when unknown here). */
export function useNames() {
  const sites = useQuery(trpcQuery("sites.list"));
  const staff = useQuery(trpcQuery("complaints.staff"));
  const siteName = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
  const staffName = new Map((staff.data ?? []).map((u) => [u.id, u.name]));
  return {
    site: (id: string) => siteName.get(id) ?? id,
    staff: (id: string) => staffName.get(id) ?? id,
  };
}
