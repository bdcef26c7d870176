import { useMutation, useQueryClient } from "@tanstack/react-query";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import type { CaseCommandResult } from "../../api/types";
import { afterCommand } from "./case-cache";

/** A command on the case; its answer (the case as it now stands, with names) replaces the cache. */
export function useCaseCommand<I>(caseId: string, call: (input: I) => Promise<CaseCommandResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      client.setQueryData(trpcQuery("cases.get", { caseId }).queryKey, (old) =>
        afterCommand(old, detail),
      );
      void client.invalidateQueries(pathFilter("cases.get", { caseId }));
      void client.invalidateQueries(pathFilter("cases.list"));
      void client.invalidateQueries(pathFilter("inbox.list"));
    },
  });
}
