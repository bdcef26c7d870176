import * as A from "@automerge/automerge";
import {
  type CaseEvent,
  defaultRules,
  evaluateTimeRules,
  foldJournal,
  recordEvent,
  systemActor,
  systemEvent,
  systemEventId,
  WorkCalendar,
} from "@bangban/domain";
import { actors, JournalKit, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { type CaseDocShape, changeCaseDoc, edits, readJournal } from "./case-doc";
import { SyncError } from "./protocol/errors";
import { makeHub, makeStation } from "./sync-kit";
import { actor, newCase } from "./test-kit";

/**
 * System events at the trust boundary: a station's "the rules did it" is believed only when
 * the hub's own rules, clock and calendar say the rule was due and the station held the case.
 */

const act = actor("01KSYS");
/** Case numbers for the cases this file makes. */
let made = 0;

const calendar = new WorkCalendar();
const stationA = systemActor(SITES.stationA, "station");

/** A 容缺 case held by station A (not forwarded): the bank card promised by `promisedBy`. */
async function deferredAtA(promisedBy: string) {
  const hub = makeHub();
  const a = makeStation(hub, SITES.stationA);
  const init = newCase(60 + made, new JournalKit());
  made += 1;
  await a.repo.create(init);
  await act(
    a.repo,
    init.caseId,
    "supplement",
    { materials: [{ code: "PHOTO", attachments: [] }] },
    actors.helperA,
  );
  await act(
    a.repo,
    init.caseId,
    "accept",
    { deferred: [{ code: "BANK_OR_SOCIAL_SECURITY_CARD", promisedBy }] },
    actors.helperA,
  );
  await a.sync.syncOnce();
  return { hub, a, caseId: init.caseId };
}

/** Appends an event to the station's document directly, skipping its own machine. */
async function forge(
  a: ReturnType<typeof makeStation>,
  caseId: string,
  make: (j: CaseEvent[]) => CaseEvent,
) {
  const held = A.load<CaseDocShape>(await a.repo.save(caseId), { actor: a.actorId });
  const { change } = changeCaseDoc(held, (d) => edits.appendEvent(d, make(readJournal(held))));
  if (!change) throw new Error("no change");
  return change;
}

async function refusedKind(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof SyncError) return e.data.kind;
    throw e;
  }
  return "accepted";
}

function dueTermination(journal: CaseEvent[], today: string, caseId: string) {
  const state = foldJournal(journal).state;
  if (!state) throw new Error("no case");
  return evaluateTimeRules(state, { caseId, today, since: today, calendar, rules: defaultRules })
    .event;
}

describe("system events at the hub (the kit's hub clock reads 2026-11-23)", () => {
  it("容缺逾期终止: a station's termination of a case it holds, due by the hub's clock, is accepted", async () => {
    const { hub, a, caseId } = await deferredAtA("2026-11-19");
    const view = await a.repo.record(caseId, ({ journal }) => {
      const due = dueTermination(journal, "2026-11-20", caseId);
      if (!due) throw new Error("nothing due");
      return systemEvent(due, { caseId, journal, actor: stationA });
    });
    expect(view.state.status).toBe("TERMINATED");
    await a.sync.syncOnce();
    expect(a.sync.status().quarantined).toEqual([]);
    expect((await hub.repo.get(caseId))?.state.status).toBe("TERMINATED");
  });

  it("伪造系统操作: terminating before the promised day has passed (by the hub's clock) is refused", async () => {
    const { hub, a, caseId } = await deferredAtA("2026-11-30");
    const change = await forge(a, caseId, (journal) => {
      const due = dueTermination(journal, "2026-12-01", caseId); // the station's clock runs ahead
      if (!due) throw new Error("nothing due");
      return systemEvent(due, { caseId, journal, actor: stationA });
    });
    const before = await hub.store.lastSeq();
    expect(
      await refusedKind(
        hub.accept(a.identity, { protocol: 2, changes: [{ caseId, bytes: change }] }),
      ),
    ).toBe("FORBIDDEN_EVENT");
    expect(await hub.store.lastSeq()).toBe(before);
    expect((await hub.repo.get(caseId))?.state.status).toBe("ACCEPTED");
  });

  it("伪造系统操作: a termination with its own reason, or without a rule, is refused", async () => {
    const { hub, a, caseId } = await deferredAtA("2026-11-19");
    const variants: ((e: CaseEvent) => CaseEvent)[] = [
      (e) => ({ ...e, payload: { reason: "站点自行终止", outcome: "terminated" } }) as CaseEvent,
      (e) => {
        const { rule: _r, ...bare } = e;
        return { ...bare, id: "01KSYSBARE00000000000000000" } as CaseEvent;
      },
      (e) => ({ ...e, id: systemEventId("rongque.overdue", caseId, "2026-11-21") }) as CaseEvent,
    ];
    for (const alter of variants) {
      const change = await forge(a, caseId, (journal) => {
        const due = dueTermination(journal, "2026-11-20", caseId);
        if (!due) throw new Error("nothing due");
        return alter(systemEvent(due, { caseId, journal, actor: stationA }));
      });
      const before = await hub.store.lastSeq();
      expect(
        await refusedKind(
          hub.accept(a.identity, { protocol: 2, changes: [{ caseId, bytes: change }] }),
        ),
      ).toBe("FORBIDDEN_EVENT");
      expect(await hub.store.lastSeq()).toBe(before);
    }
  });

  it("伪造系统操作: a station cannot record a system event on a case the center holds", async () => {
    const { hub, a, caseId } = await deferredAtA("2026-11-19");
    await act(a.repo, caseId, "forward", { toSiteId: SITES.center }, actors.helperA);
    await a.sync.syncOnce();
    const change = await forge(a, caseId, (journal) => {
      const due = dueTermination(journal, "2026-11-20", caseId);
      if (!due) throw new Error("nothing due");
      return systemEvent(due, { caseId, journal, actor: stationA });
    });
    expect(
      await refusedKind(
        hub.accept(a.identity, { protocol: 2, changes: [{ caseId, bytes: change }] }),
      ),
    ).toBe("FORBIDDEN_EVENT");
    expect((await hub.repo.get(caseId))?.state.status).toBe("ACCEPTED");
  });

  it("two nodes fire the same rule → one event: a second copy under the same id, on top of more history, is accepted and folds once", async () => {
    const { hub, a, caseId } = await deferredAtA("2026-11-19");
    // One replica fires on the journal as it is; another copy fires after a note was added
    // (a higher Lamport value): the same rule, case and due day, so the same id.
    const held = A.load<CaseDocShape>(await a.repo.save(caseId), { actor: a.actorId });
    const journal = readJournal(held);
    const due = dueTermination(journal, "2026-11-20", caseId);
    if (!due) throw new Error("nothing due");
    const first = systemEvent(due, { caseId, journal, actor: stationA });
    const second = { ...first, lamport: first.lamport + 1 };
    const one = changeCaseDoc(held, (d) => edits.appendEvent(d, first));
    const two = changeCaseDoc(one.doc, (d) => edits.appendEvent(d, second));
    if (!one.change || !two.change) throw new Error("no change");
    await hub.accept(a.identity, {
      protocol: 2,
      changes: [
        { caseId, bytes: one.change },
        { caseId, bytes: two.change },
      ],
    });
    const atHub = await hub.repo.get(caseId);
    expect(atHub?.state.status).toBe("TERMINATED");
    expect(atHub?.state.applied.filter((id) => id === first.id)).toHaveLength(1);
    expect(atHub?.state.conflicts).toEqual([]);
  });

  it("伪造转派: a station cannot hand its case to another site's staff over sync (the API refuses it; a forged event too)", async () => {
    const { hub, a, caseId } = await deferredAtA("2026-11-30");
    const change = await forge(a, caseId, (journal) =>
      recordEvent(
        journal,
        "reassign",
        { toUserId: actors.helperB.userId, reason: "转给 B 站" },
        { id: "01KSYSREASSIGN000000000000", at: "2026-11-03T02:00:00.000Z", actor: actors.leadA },
      ),
    );
    const before = await hub.store.lastSeq();
    expect(
      await refusedKind(
        hub.accept(a.identity, { protocol: 2, changes: [{ caseId, bytes: change }] }),
      ),
    ).toBe("FORBIDDEN_EVENT");
    expect(await hub.store.lastSeq()).toBe(before);
  });
});
