import * as A from "@automerge/automerge";
import {
  applyEvent,
  type CaseEvent,
  type CaseState,
  DomainError,
  foldJournal,
} from "@bangban/domain";
import {
  type CaseDoc,
  type CaseDocShape,
  type CaseRecord,
  changeCaseDoc,
  changeMeta,
  createCaseDoc,
  edits,
  type NewCase,
  readCase,
} from "./case-doc";
import { KeyedLock } from "./keyed-lock";
import { Lru } from "./lru";
import { type CaseProjection, type ProjectionContext, projectState } from "./projection";
import type { AuditEntry, CaseStore, CaseWrite } from "./store";

export interface CaseRepoOptions {
  store: CaseStore;
  /** This node's Automerge actor id (hex). */
  actorId: string;
  /** Called at each write: today's date and the calendar/rules in force. */
  projection: () => ProjectionContext;
  /** How many documents to keep loaded (the hot ones). */
  cacheSize?: number;
  /** Compact (save a full snapshot) once a case has this many changes after its snapshot. */
  snapshotEvery?: number;
}

interface Loaded {
  doc: CaseDoc;
  sinceSnapshot: number;
}

export interface CaseView {
  record: CaseRecord;
  state: CaseState;
  projection: CaseProjection;
}

/** What a caller records on a case, given its current journal and derived state. */
export type EventMaker = (ctx: { journal: CaseEvent[]; state: CaseState }) => CaseEvent;

/**
 * The case service every node runs on top of its store: opens documents (a small LRU keeps
 * the hot ones, the rest are freed), records events after the domain state machine has
 * accepted them, applies remote changes, and writes document, change log, projection and
 * audit in one store transaction. Writes to one case are serialised.
 */
export class CaseRepo {
  private readonly cache: Lru<string, Loaded>;
  private readonly lock = new KeyedLock();
  private readonly snapshotEvery: number;

  constructor(private readonly opts: CaseRepoOptions) {
    this.cache = new Lru(opts.cacheSize ?? 200, (l) => A.free(l.doc));
    this.snapshotEvery = opts.snapshotEvery ?? 16;
  }

  get store(): CaseStore {
    return this.opts.store;
  }

  /** Creates a case from its intake event; refuses (DomainError) what the machine refuses. */
  async create(init: NewCase, audit: AuditEntry[] = []): Promise<CaseView> {
    return this.lock.run(init.caseId, async () => {
      if (this.cache.get(init.caseId) || (await this.opts.store.loadCase(init.caseId))) {
        throw new DomainError({
          code: "DUPLICATE",
          field: "caseId",
          zh: "办件编号已存在",
          en: "Case id exists",
        });
      }
      const started = applyEvent(null, init.intake);
      if (!started.ok) throw started.error;
      const { doc, change } = createCaseDoc(init, this.opts.actorId);
      return this.persist(
        init.caseId,
        { doc, sinceSnapshot: 0 },
        [change],
        started.value,
        audit,
        true,
      );
    });
  }

  /** Records one event on a case after the state machine accepts it; nothing is written otherwise. */
  async record(caseId: string, make: EventMaker, audit: AuditEntry[] = []): Promise<CaseView> {
    return this.lock.run(caseId, async () => {
      const loaded = await this.open(caseId);
      const record = readCase(loaded.doc);
      const { state } = foldJournal(record.journal);
      if (!state) throw notFound(caseId);
      const event = make({ journal: record.journal, state });
      const r = applyEvent(state, event);
      if (!r.ok) throw r.error;
      const { doc, change } = changeCaseDoc(loaded.doc, (d) => edits.appendEvent(d, event));
      return this.persist(caseId, { ...loaded, doc }, change ? [change] : [], null, audit);
    });
  }

  /** Edits the document's fields (applicant contact, remarks, attachments) as one change. */
  async edit(
    caseId: string,
    mutate: (d: CaseDocShape) => void,
    audit: AuditEntry[] = [],
  ): Promise<CaseView> {
    return this.lock.run(caseId, async () => {
      const loaded = await this.open(caseId);
      const { doc, change } = changeCaseDoc(loaded.doc, mutate);
      return this.persist(caseId, { ...loaded, doc }, change ? [change] : [], null, audit);
    });
  }

  async get(caseId: string): Promise<CaseView | null> {
    return this.lock.run(caseId, async () => {
      const loaded = await this.open(caseId).catch((e) => {
        if (e instanceof DomainError && e.field === "caseId") return null;
        throw e;
      });
      if (!loaded) return null;
      const record = readCase(loaded.doc);
      const { state } = foldJournal(record.journal);
      if (!state) return null;
      return { record, state, projection: projectState(record, state, this.opts.projection()) };
    });
  }

  /** The document's heads (for sync and tests). */
  async heads(caseId: string): Promise<string[]> {
    return this.lock.run(caseId, async () => A.getHeads((await this.open(caseId)).doc));
  }

  /** The whole document saved (for sync of a case entering scope, and for tests). */
  async save(caseId: string): Promise<Uint8Array> {
    return this.lock.run(caseId, async () => A.save((await this.open(caseId)).doc));
  }

  private async open(caseId: string): Promise<Loaded> {
    const hot = this.cache.get(caseId);
    if (hot) return hot;
    const stored = await this.opts.store.loadCase(caseId);
    if (!stored) throw notFound(caseId);
    let doc: CaseDoc = stored.snapshot
      ? A.load<CaseDocShape>(stored.snapshot, { actor: this.opts.actorId })
      : A.init<CaseDocShape>({ actor: this.opts.actorId });
    if (stored.changes.length) [doc] = A.applyChanges(doc, stored.changes);
    const loaded = { doc, sinceSnapshot: stored.changes.length };
    this.cache.set(caseId, loaded);
    return loaded;
  }

  private async persist(
    caseId: string,
    loaded: Loaded,
    changes: Uint8Array[],
    known: CaseState | null,
    audit: AuditEntry[],
    forceSnapshot = false,
  ): Promise<CaseView> {
    const record = readCase(loaded.doc);
    const state = known ?? foldJournal(record.journal).state;
    if (!state) throw notFound(caseId);
    const projection = projectState(record, state, this.opts.projection());
    const since = loaded.sinceSnapshot + changes.length;
    const compact = forceSnapshot || since >= this.snapshotEvery;
    const write: CaseWrite = {
      caseId,
      changes: changes.map(changeMeta),
      projection,
      ...(compact ? { snapshot: A.save(loaded.doc) } : {}),
    };
    try {
      await this.opts.store.commit([write], audit);
    } catch (e) {
      // The document in memory may now be ahead of the store: drop it so the next open
      // reloads what was durably stored.
      this.cache.delete(caseId);
      throw e;
    }
    this.cache.set(caseId, { doc: loaded.doc, sinceSnapshot: compact ? 0 : since });
    return { record, state, projection };
  }
}

function notFound(caseId: string) {
  return new DomainError({
    code: "NOT_ELIGIBLE",
    field: "caseId",
    zh: `办件 ${caseId} 不存在`,
    en: `No case ${caseId}`,
  });
}
