import { useMutation, useQueryClient } from "@tanstack/react-query";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import type { CaseCommandResult } from "../../api/types";

/**
 * A command on the case; its answer is the case as it now stands (without the names of the
 * people on it, which the cached case keeps until it is read again).
 */
export function useCaseCommand<I>(caseId: string, call: (input: I) => Promise<CaseCommandResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      client.setQueryData(trpcQuery("cases.get", { caseId }).queryKey, (old) => ({
        ...detail,
        people: old?.people ?? {},
      }));
      void client.invalidateQueries(pathFilter("cases.get", { caseId }));
      void client.invalidateQueries(pathFilter("cases.list"));
    },
  });
}
