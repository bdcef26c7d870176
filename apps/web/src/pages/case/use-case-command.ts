import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CaseCommandResult, CaseDetail } from "../../api/types";

export const caseKey = (caseId: string) => ["cases.get", caseId] as const;

/**
 * A command on the case; its answer is the case as it now stands (without the names of the
 * people on it, which the cached case keeps until it is read again).
 */
export function useCaseCommand<I>(caseId: string, call: (input: I) => Promise<CaseCommandResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      client.setQueryData<CaseDetail>(caseKey(caseId), (old) => ({
        ...detail,
        people: old?.people ?? {},
      }));
      void client.invalidateQueries({ queryKey: caseKey(caseId) });
      void client.invalidateQueries({ queryKey: ["cases.list"] });
    },
  });
}
