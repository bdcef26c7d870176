import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api } from "../api/trpc";
import { clearDrafts } from "../lib/draft-storage";

/** Signs out, forgets every cached answer and any unfinished form on this browser. */
export function useLogout() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.auth.logout.mutate(),
    onSettled: () => {
      clearDrafts();
      client.clear();
      navigate("/login", { replace: true });
    },
  });
}
