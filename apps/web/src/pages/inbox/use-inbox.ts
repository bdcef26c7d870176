import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../../api/queries";

/** 待本站处理, refreshed as cases arrive by sync. */
export function useInbox(enabled = true) {
  return useQuery({ ...trpcQuery("inbox.list"), refetchInterval: 30_000, enabled });
}
