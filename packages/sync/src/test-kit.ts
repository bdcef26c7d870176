import {
  type Actor,
  type CaseEventType,
  defaultRules,
  type PayloadOf,
  recordEvent,
  seedCatalog,
  toItemSnapshot,
  WorkCalendar,
} from "@bangban/domain";
import { actors, JournalKit } from "@bangban/domain/testing";
import type { NewCase } from "./case-doc";
import type { CaseRepo } from "./case-repo";
import type { ProjectionContext } from "./projection";

/** Shared helpers for the store suite and sync tests. */
export const calendar = new WorkCalendar();

export function projectionContext(today = "2026-11-23"): ProjectionContext {
  return { calendar, rules: defaultRules, today, hashIdNumber: (id) => `h:${id}` };
}

export const ELDERLY = (() => {
  const item = seedCatalog.items.find((i) => i.code === "MZ-GF-001");
  if (!item) throw new Error("seed catalog lacks MZ-GF-001");
  return toItemSnapshot(item);
})();

export function newCase(n: number, kit = new JournalKit()): NewCase {
  const intake = kit.intake(ELDERLY, actors.helperA);
  return {
    caseId: `01KCASE${String(n).padStart(19, "0")}`,
    caseNumber: `330106001001-20261102-${String(n).padStart(4, "0")}`,
    createdAt: intake.at,
    applicant: {
      name: "王秀英",
      idNumber: "11010519491231002X",
      phone: "13812345678",
      address: "西湖区文一路1号",
    },
    agent: null,
    intake,
  };
}

export const ACTOR_A = "330106001001000000000000000000aa";
export const ACTOR_B = "330106001002000000000000000000bb";

/**
 * Records events on a repo as a person would, one minute apart from 2026-11-02 10:00 China
 * time, with ids `<prefix><counter>` (a prefix per test file keeps ids apart).
 */
export function actor(prefix: string) {
  let n = 0;
  return async function act<T extends CaseEventType>(
    repo: CaseRepo,
    caseId: string,
    type: T,
    payload: PayloadOf<T>,
    who: Actor,
  ) {
    n += 1;
    return repo.record(caseId, ({ journal }) =>
      recordEvent(journal, type, payload, {
        id: `${prefix}${String(n).padStart(26 - prefix.length, "0")}`,
        at: new Date(Date.parse("2026-11-02T02:00:00Z") + n * 60_000).toISOString(),
        actor: who,
      }),
    );
  };
}
