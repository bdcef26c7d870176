import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CaseDetail } from "../../api/types";

export const caseKey = (caseId: string) => ["cases.get", caseId] as const;

/** A command on the case; its answer is the case as it now stands. */
export function useCaseCommand<I>(caseId: string, call: (input: I) => Promise<CaseDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      client.setQueryData(caseKey(caseId), detail);
      void client.invalidateQueries({ queryKey: ["cases.list"] });
    },
  });
}
