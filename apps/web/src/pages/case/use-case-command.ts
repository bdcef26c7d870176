import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CaseCommandResult, CaseDetail } from "../../api/types";
import { INBOX_KEY } from "../inbox/use-inbox";
import { afterCommand } from "./case-cache";

export const caseKey = (caseId: string) => ["cases.get", caseId] as const;

/** A command on the case; its answer (the case as it now stands, with names) replaces the cache. */
export function useCaseCommand<I>(caseId: string, call: (input: I) => Promise<CaseCommandResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      client.setQueryData<CaseDetail>(caseKey(caseId), (old) => afterCommand(old, detail));
      void client.invalidateQueries({ queryKey: caseKey(caseId) });
      void client.invalidateQueries({ queryKey: ["cases.list"] });
      void client.invalidateQueries({ queryKey: INBOX_KEY });
    },
  });
}
