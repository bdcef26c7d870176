import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../../api/queries";

/**
 * Site and staff names for the complaint screens (the id when unknown here). Staff names are
 * every name the node knows (complaints.names): at a district, what each street reported.
 */
export function useNames() {
  const sites = useQuery(trpcQuery("sites.list"));
  const staff = useQuery(trpcQuery("complaints.names"));
  const siteName = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
  const staffName = new Map((staff.data ?? []).map((u) => [u.id, u.name]));
  return {
    site: (id: string) => siteName.get(id) ?? id,
    staff: (id: string) => staffName.get(id) ?? id,
  };
}
