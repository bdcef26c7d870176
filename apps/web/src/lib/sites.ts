import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../api/queries";

/** The street's sites, for names on screens and for transfer choices. */
export function useSites() {
  return useQuery({
    ...trpcQuery("sites.list"),
    staleTime: 10 * 60_000,
  });
}

/** A site's name when known, else its code (the list syncs down from the hub). */
export function useSiteName(): (id: string | null | undefined) => string {
  const sites = useSites();
  return (id) => {
    if (!id) return "—";
    return sites.data?.find((s) => s.id === id)?.name ?? id;
  };
}
