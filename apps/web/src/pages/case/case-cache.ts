import type { CaseCommandResult, CaseDetail } from "../../api/types";

/**
 * The cached case after a command: the command's answer as it stands, with the names of who
 * acted. The answer names the people on the case now (the one who just acted among them);
 * keeping only the cache's older names left a new timeline entry without a person until the
 * page was reloaded.
 */
export function afterCommand(old: CaseDetail | undefined, fresh: CaseCommandResult): CaseDetail {
  return { ...fresh, people: { ...old?.people, ...fresh.people } };
}
