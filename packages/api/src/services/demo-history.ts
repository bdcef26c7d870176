import { type Db, nextCaseNumber } from "@bangban/db";
import {
  applyEvent,
  type CaseEvent,
  type CaseState,
  recordEvent,
  type WorkCalendar,
} from "@bangban/domain";
import {
  type CaseRepo,
  changeCaseDoc,
  createCaseDoc,
  edits,
  freeCaseDoc,
  type RemoteChange,
} from "@bangban/sync";
import {
  type CasePlan,
  demoStreet,
  LATEST_RATING,
  type PlannedEvent,
  planHistory,
  seededRandom,
} from "./demo-history-plan";

export { chinaDay, demoStreet, planHistory, seededRandom } from "./demo-history-plan";

export interface DemoHistoryDeps {
  /** The street hub being seeded (its 9-digit code): its own sites' history; 北山 when absent. */
  street?: string;
  /** The hub's case service: every case is stored through it (projection, feeds, change log). */
  repo: CaseRepo;
  /** The hub's Automerge actor: the seeded documents are the hub's own writes. */
  actorId: string;
  /** For the case numbers (the same counter intake uses). */
  db: Db;
  calendar: WorkCalendar;
  /** The demo's now; history runs up to it. */
  now: Date;
  /** A sortable unique id at an instant, drawing its randomness from `random` (e.g. ulid). */
  newId: (atMs: number, random: () => number) => string;
  seed?: number;
  days?: number;
}

export interface DemoHistorySummary {
  cases: number;
  events: number;
}

/** Cases stored per transaction: one commit per case would take a minute on a slow disk. */
const BATCH = 40;

/**
 * Seeds the demo's history of one street at its hub (its stations' and its center's cases
 * only; the district node gets every street's from the streets' sync). Each planned event is applied by the domain machine
 * before it enters its case's document (a refusal stops the seed: the plan is wrong), and the
 * documents' changes are stored through the CaseRepo as a node stores changes it receives —
 * projection, change log and the stations' feeds in one transaction per batch — so the
 * stations pull their cases on their first sync like any others.
 */
export async function seedDemoHistory(d: DemoHistoryDeps): Promise<DemoHistorySummary> {
  const seed = d.seed ?? demoStreet(d.street).seed;
  const plans = planHistory({
    street: d.street,
    calendar: d.calendar,
    now: d.now,
    seed,
    days: d.days,
  });
  const random = seededRandom(seed ^ 0x5eed);
  let events = 0;
  for (let i = 0; i < plans.length; i += BATCH) {
    const changes: RemoteChange[] = [];
    for (const plan of plans.slice(i, i + BATCH)) {
      changes.push(...(await caseChanges(d, plan, random)));
      events += plan.events.length;
    }
    await d.repo.applyRemote(changes);
  }
  return { cases: plans.length, events };
}

/** One planned case as its document's changes: the intake, then one change per event. */
async function caseChanges(
  d: DemoHistoryDeps,
  plan: CasePlan,
  random: () => number,
): Promise<RemoteChange[]> {
  const journal: CaseEvent[] = [];
  let state: CaseState | null = null;
  const admit = (e: PlannedEvent) => {
    const event = recordEvent(journal, e.type, withRating(e.payload, journal) as never, {
      id: d.newId(Date.parse(e.at), random),
      at: e.at,
      actor: e.actor,
    });
    const r = applyEvent(state, event);
    if (!r.ok) throw new Error(`demo history: ${e.type} refused: ${r.error.zh}`);
    state = r.value;
    journal.push(event);
    return event;
  };
  const [first, ...rest] = plan.events;
  if (first?.type !== "intake") throw new Error("a planned case starts with its intake");
  const intake = admit(first);
  const caseId = d.newId(Date.parse(first.at), random);
  const created = createCaseDoc(
    {
      caseId,
      caseNumber: await nextCaseNumber(d.db, plan.originSiteId, plan.day),
      createdAt: first.at,
      applicant: plan.applicant,
      agent: null,
      intake,
    },
    d.actorId,
  );
  let doc = created.doc;
  const out: RemoteChange[] = [{ caseId, bytes: created.change }];
  for (const e of rest) {
    const event = admit(e);
    const next = changeCaseDoc(doc, (x) => edits.appendEvent(x, event));
    if (next.change) out.push({ caseId, bytes: next.change });
    doc = next.doc;
  }
  freeCaseDoc(doc);
  return out;
}

/** A planned 差评整改 step names the case's latest rating, now that its id is known. */
function withRating(payload: unknown, journal: readonly CaseEvent[]): unknown {
  const p = payload as { ratingEventId?: string };
  if (p.ratingEventId !== LATEST_RATING) return payload;
  let id = "";
  for (const e of journal) if (e.type === "rate") id = e.id;
  return { ...p, ratingEventId: id };
}
