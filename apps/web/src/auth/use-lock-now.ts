import { useQueryClient } from "@tanstack/react-query";
import { api } from "../api/trpc";
import { ME_KEY } from "./use-me";

/** 锁定屏幕: leaving the counter for a moment; the server refuses the session until resumed. */
export function useLockNow() {
  const client = useQueryClient();
  return () =>
    void api.auth.lock.mutate().finally(() => void client.invalidateQueries({ queryKey: ME_KEY }));
}
