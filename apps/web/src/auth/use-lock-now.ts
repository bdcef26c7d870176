import { useQueryClient } from "@tanstack/react-query";
import { pathFilter } from "../api/keys";
import { api } from "../api/trpc";

/** 锁定屏幕: leaving the counter for a moment; the server refuses the session until resumed. */
export function useLockNow() {
  const client = useQueryClient();
  return () =>
    void api.auth.lock.mutate().finally(() => void client.invalidateQueries(pathFilter("auth.me")));
}
