import * as A from "@automerge/automerge";
import {
  applyEvent,
  type CaseEvent,
  type CaseState,
  DomainError,
  foldJournal,
} from "@bangban/domain";
import { checkClaimedProjection } from "./bulk/claimed-projection";
import {
  type AttachmentRef,
  type CaseDoc,
  type CaseDocShape,
  type CaseRecord,
  type ChangeMeta,
  changeCaseDoc,
  changeMeta,
  createCaseDoc,
  edits,
  type NewCase,
  readCase,
  readJournal,
} from "./case-doc";
import { ChangeFormatError, readChangeHeaderOnce } from "./change-header";
import { KeyedLock } from "./keyed-lock";
import { type Loaded as LoadedContent, LoadPool } from "./load-pool";
import { Lru } from "./lru";
import { type CaseProjection, type ProjectionContext, projectState } from "./projection";
import { SyncError } from "./protocol/errors";
import { malformedBatch } from "./protocol/refusals";
import {
  type AuditEntry,
  type CaseStore,
  type CaseWrite,
  changeKey,
  type LoadedCase,
} from "./store";

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
  /** Called after each local write is stored (a station nudges its sync loop). */
  afterWrite?: () => void;
  /**
   * Worker threads that load a large batch's new cases in parallel (LoadPool); `false` loads
   * everything on the calling thread. Default: a pool that starts on the first batch with
   * `poolFrom` cases to load or more, and stops when idle.
   */
  loadPool?: LoadPool | false;
  poolFrom?: number;
  /**
   * Called before a case is read or changed here, outside its lock (a node taking bulk frames:
   * a case it holds only as a sender's claim is verified first, so nothing reads or builds on
   * a claim; SPEC.md "Bulk catch-up").
   */
  beforeOpen?: (caseIds: readonly string[]) => Promise<unknown>;
}

interface Loaded {
  doc: CaseDoc;
  sinceSnapshot: number;
}

/** A whole case from this node's parent (`CaseRepo.storeWhole`). */
export interface WholeCase {
  caseId: string;
  /** The parent's projection, as parsed from the wire (checked before it is stored). */
  projection: unknown;
  /** Every change of its history, in the parent's log order. */
  changes: readonly Uint8Array[];
  attachments: readonly AttachmentRef[];
}

/** A change received from another node, with the case it belongs to. */
export interface RemoteChange {
  caseId: string;
  bytes: Uint8Array;
}

/**
 * A check on what a batch of remote changes did to one case, run after they are applied in
 * memory and before anything is stored. Returning an error refuses the whole batch.
 */
export type RemoteCheck = (ctx: {
  caseId: string;
  before: CaseRecord | null;
  after: CaseRecord;
  /** `after` folded by this node's machine. */
  state: CaseState;
  changes: ChangeMeta[];
  /** The journal as it stood at the change that added `eventId` (null: not among `changes`). */
  causalJournal: (eventId: string) => Promise<CaseEvent[] | null>;
}) => Error | null | Promise<Error | null>;

/** A case as the batch left it, for a check over the whole batch. */
export interface AdmittedCase {
  caseId: string;
  before: CaseRecord | null;
  after: CaseRecord;
}

export interface BatchCheck {
  each: RemoteCheck;
  all?: (cases: AdmittedCase[]) => Promise<Error | null>;
}

export interface RemoteOptions {
  check?: RemoteCheck;
  /**
   * Makes the checks from what the store holds of the batch's cases, holding their locks:
   * `each` case as it is merged, then `all` of them at once before anything is stored.
   */
  makeCheck?: (caseIds: string[]) => Promise<BatchCheck>;
  audit?: AuditEntry[];
}

export interface ApplyResult {
  /** Changes newly stored (not already held). */
  appended: number;
  /** Cases the batch touched. */
  cases: number;
  /** Case ids that were new to this node. */
  created: string[];
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

  private readonly pool: LoadPool | null;
  private readonly poolFrom: number;

  constructor(private readonly opts: CaseRepoOptions) {
    this.cache = new Lru(opts.cacheSize ?? 200, (l) => A.free(l.doc));
    this.snapshotEvery = opts.snapshotEvery ?? 16;
    this.pool = opts.loadPool === false ? null : (opts.loadPool ?? new LoadPool());
    this.poolFrom = opts.poolFrom ?? 8;
  }

  /** The load workers: how many run and whether they are warm (null: none used). */
  get loadWorkers(): { running: number; warm: boolean } | null {
    return this.pool?.status ?? null;
  }

  /** Stops the load workers, if running (servers call this on shutdown; they also stop idle). */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Runs `work` holding the case locks and pinning the cases' documents in the cache. */
  private exclusive<T>(caseIds: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.lock.runAll(caseIds, async () => {
      for (const id of caseIds) this.cache.pin(id);
      try {
        return await work();
      } finally {
        for (const id of caseIds) this.cache.unpin(id);
      }
    });
  }

  get store(): CaseStore {
    return this.opts.store;
  }

  /** Creates a case from its intake event; refuses (DomainError) what the machine refuses. */
  async create(init: NewCase, audit: AuditEntry[] = []): Promise<CaseView> {
    return this.exclusive([init.caseId], async () => {
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
    await this.opts.beforeOpen?.([caseId]);
    return this.exclusive([caseId], async () => {
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
    await this.opts.beforeOpen?.([caseId]);
    return this.exclusive([caseId], async () => {
      const loaded = await this.open(caseId);
      const { doc, change } = changeCaseDoc(loaded.doc, mutate);
      return this.persist(caseId, { ...loaded, doc }, change ? [change] : [], null, audit);
    });
  }

  async get(caseId: string): Promise<CaseView | null> {
    await this.opts.beforeOpen?.([caseId]);
    return this.exclusive([caseId], async () => {
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

  /**
   * Applies changes from another node: groups them by case, applies each case's changes to
   * its document (creating it if new), refuses the whole batch if any change's dependencies
   * are missing or `check` objects, and stores documents, change log and projections in ONE
   * store transaction. Changes already held are skipped, so a replayed batch changes nothing.
   */
  async applyRemote(
    changes: readonly RemoteChange[],
    opts: RemoteOptions = {},
  ): Promise<ApplyResult> {
    const metas = changes.map((c) => ({ caseId: c.caseId, meta: changeMeta(c.bytes) }));
    const byCase = new Map<string, ChangeMeta[]>();
    for (const { caseId, meta } of metas) {
      const list = byCase.get(caseId);
      if (list) list.push(meta);
      else byCase.set(caseId, [meta]);
    }
    return this.exclusive([...byCase.keys()], async () => {
      // A check that reads the store (the hub's scope rows) reads it now, holding the locks:
      // read before, it could miss a case that a push still in progress was creating.
      const checks: BatchCheck | null = opts.makeCheck
        ? await opts.makeCheck([...byCase.keys()])
        : opts.check
          ? { each: opts.check }
          : null;
      const check = checks?.each;
      const admitted: AdmittedCase[] = [];
      const held = await this.opts.store.hasChanges(
        metas.map((m) => ({ caseId: m.caseId, hash: m.meta.hash })),
      );
      const work: { caseId: string; fresh: ChangeMeta[] }[] = [];
      for (const [caseId, list] of byCase) {
        const seen = new Set<string>();
        const fresh = list.filter(
          (m) => !held.has(changeKey(caseId, m.hash)) && !seen.has(m.hash) && seen.add(m.hash),
        );
        if (fresh.length) work.push({ caseId, fresh });
      }
      // The cases not loaded already are read in one query, not one each.
      const stored = await this.opts.store.loadCases(
        work.map((w) => w.caseId).filter((id) => !this.cache.peek(id)),
      );
      // A large batch's cases that are not loaded here (new ones, and stored ones outside the
      // cache) are loaded and merged on worker threads; only their content comes back (and a
      // snapshot when one is due), the document is not kept. Each case's promise resolves as
      // its chunk is done, so the first cases are checked and projected here while the
      // workers still work on the rest.
      const elsewhere = work
        .filter((w) => !this.cache.peek(w.caseId))
        .map((w) => {
          const s = stored.get(w.caseId);
          return { w, s, save: (s?.changes.length ?? 0) + w.fresh.length >= this.snapshotEvery };
        });
      const loadedElsewhere = new Map<string, Promise<LoadedContent>>();
      if (this.pool && elsewhere.length >= this.poolFrom) {
        const each = this.pool.loadEach(
          elsewhere.map(({ w, s, save }) => ({
            caseId: w.caseId,
            base: s ? concat(s.snapshot ? [s.snapshot, ...s.changes] : s.changes) : undefined,
            bytes: concat(w.fresh.map((m) => m.bytes)),
            save,
          })),
        );
        elsewhere.forEach(({ w }, i) => {
          loadedElsewhere.set(w.caseId, each[i] as Promise<LoadedContent>);
        });
      }
      // Today, the calendar and the rules, read once for the batch.
      const context = this.opts.projection();
      /** The checks every case of the batch passes, wherever it was loaded, and its write. */
      const admit = async (
        caseId: string,
        fresh: ChangeMeta[],
        before: CaseRecord | null,
        after: CaseRecord,
        snapshot: () => Uint8Array | undefined,
        docOf: () => { doc: CaseDoc; borrowed: boolean },
      ): Promise<CaseWrite> => {
        if (after.caseId !== caseId) throw wrongCase(caseId);
        const { state } = foldJournal(after.journal);
        if (!state) throw wrongCase(caseId);
        const causalJournal = async (eventId: string) => {
          const { doc, borrowed } = docOf();
          try {
            return journalAt(doc, fresh, eventId);
          } finally {
            if (!borrowed) A.free(doc);
          }
        };
        const refused = await check?.({
          caseId,
          before,
          after,
          state,
          changes: fresh,
          causalJournal,
        });
        if (refused) throw refused;
        if (checks?.all) admitted.push({ caseId, before, after });
        const projection = projectState(after, state, context);
        const bytes = snapshot();
        return {
          caseId,
          changes: fresh,
          projection,
          attachments: after.attachments,
          ...(bytes ? { snapshot: bytes } : {}),
        };
      };
      const touched: { caseId: string; loaded: Loaded; cached: boolean }[] = [];
      try {
        const writes: CaseWrite[] = [];
        const created: string[] = [];
        for (const { caseId, fresh } of work) {
          const l = await loadedElsewhere.get(caseId);
          if (l?.content) {
            // Loaded and merged whole by a worker: no dependency is missing (it checked).
            const before = l.before ? readCase(l.before as unknown as CaseDoc) : null;
            const after = readCase(l.content as unknown as CaseDoc);
            // Rare (a refused event's causal check): rebuild the document here.
            const rebuild = () => {
              const s = stored.get(caseId);
              const base = s ? this.fromStored(s).doc : null;
              const doc = base
                ? A.applyChanges(
                    base,
                    fresh.map((m) => m.bytes),
                  )[0]
                : this.fromChanges(fresh);
              return { doc, borrowed: false };
            };
            writes.push(await admit(caseId, fresh, before, after, () => l.snapshot, rebuild));
            if (!before) created.push(caseId);
            continue;
          }
          const hot = this.cache.get(caseId);
          const cold = hot ? undefined : stored.get(caseId);
          const existing = hot ?? (cold ? this.fromStored(cold) : null);
          const before = existing ? readCase(existing.doc) : null;
          const doc = applying(caseId, () =>
            existing
              ? A.applyChanges(
                  existing.doc,
                  fresh.map((m) => m.bytes),
                )[0]
              : this.fromChanges(fresh),
          );
          const loaded = { doc, sinceSnapshot: existing?.sinceSnapshot ?? 0 };
          touched.push({ caseId, loaded, cached: !!hot });
          if (A.getMissingDeps(doc, []).length > 0) throw missingDeps(caseId);
          // A new case is stored as its changes alone (loading them is as fast as loading a
          // snapshot of a few changes); a snapshot is written once enough changes pile up.
          const since = loaded.sinceSnapshot + fresh.length;
          const compact = since >= this.snapshotEvery;
          writes.push(
            await admit(
              caseId,
              fresh,
              before,
              readCase(doc),
              () => (compact ? A.save(doc) : undefined),
              () => ({ doc, borrowed: true }),
            ),
          );
          loaded.sinceSnapshot = compact ? 0 : since;
          if (!existing) created.push(caseId);
        }
        const refused = checks?.all ? await checks.all(admitted) : null;
        if (refused) throw refused;
        const r =
          writes.length || opts.audit?.length
            ? await this.opts.store.commit(writes, opts.audit)
            : { appended: 0 };
        for (const t of touched) this.cache.set(t.caseId, t.loaded);
        return { appended: r.appended, cases: writes.length, created };
      } catch (e) {
        // Documents changed in memory but not stored: drop them so the next open reloads.
        for (const t of touched) {
          if (t.cached) this.cache.delete(t.caseId);
          else A.free(t.loaded.doc);
        }
        throw e;
      }
    });
  }

  /**
   * Projects cases again from their documents with the projection context in force now (a
   * new working-day calendar moves due dates), writing projections only: no change, so no
   * log or feed entry. Holds the cases' locks, so a write in progress is not undone. Cases
   * this node does not hold are skipped. Returns how many projections were written.
   */
  async reproject(caseIds: readonly string[]): Promise<number> {
    if (caseIds.length === 0) return 0;
    return this.exclusive(caseIds, async () => {
      const context = this.opts.projection();
      const cold = await this.opts.store.loadCases(caseIds.filter((id) => !this.cache.peek(id)));
      const writes: CaseWrite[] = [];
      for (const caseId of caseIds) {
        const hot = this.cache.peek(caseId);
        const stored = hot ? undefined : cold.get(caseId);
        // A cold document is read and freed at once: a pass over every open case must not
        // push the hot ones out of the cache.
        const doc = hot?.doc ?? (stored ? this.fromStored(stored).doc : null);
        if (!doc) continue;
        try {
          const record = readCase(doc);
          const { state } = foldJournal(record.journal);
          if (state)
            writes.push({
              caseId,
              changes: [],
              projection: projectState(record, state, context),
              attachments: record.attachments,
            });
        } finally {
          if (!hot) A.free(doc);
        }
      }
      if (writes.length) await this.opts.store.commit(writes);
      return writes.length;
    });
  }

  /** A document from stored bytes: a snapshot and/or changes, loaded in one call. */
  private fromStored(stored: LoadedCase): Loaded {
    const parts = stored.snapshot ? [stored.snapshot, ...stored.changes] : stored.changes;
    return { doc: this.loadBytes(parts), sinceSnapshot: stored.changes.length };
  }

  /** A new document from remote changes (any order); missing dependencies are caught after. */
  private fromChanges(fresh: readonly ChangeMeta[]): CaseDoc {
    try {
      return this.loadBytes(fresh.map((m) => m.bytes));
    } catch {
      // load refuses a set with a gap; applyChanges keeps it queued, which the caller reports
      // as MISSING_DEPS (or the bytes as malformed).
      return A.applyChanges(
        A.init<CaseDocShape>({ actor: this.opts.actorId }),
        fresh.map((m) => m.bytes),
      )[0];
    }
  }

  /** A.load over concatenated chunks: one call instead of init, apply and patch per change. */
  private loadBytes(parts: readonly Uint8Array[]): CaseDoc {
    if (parts.length === 0) return A.init<CaseDocShape>({ actor: this.opts.actorId });
    const all = parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts);
    return A.load<CaseDocShape>(all, { actor: this.opts.actorId });
  }

  /**
   * Whole cases from this node's parent, stored without loading a document (a first pull with
   * a long history; SPEC.md "Bulk pull"): each case's changes with the parent's projection and
   * attachment index, in ONE store transaction. A case this node holds already goes through
   * `applyRemote` instead (its own merge and projection). Checked before anything is stored:
   * a projection that is not one of that case, a change that does not decode, or a history
   * that is not whole (a dependency outside it) refuses the lot (MALFORMED_BATCH).
   * Returns how many cases were stored whole.
   */
  async storeWhole(cases: readonly WholeCase[]): Promise<number> {
    const prepared = cases.map((c) => {
      const checked = checkClaimedProjection(c.caseId, c.projection, () => true);
      if (!checked.ok) {
        throw malformedBatch(`Case ${c.caseId}'s projection has a bad ${checked.field}`, c.caseId);
      }
      const metas: ChangeMeta[] = [];
      const deps: string[] = [];
      for (const bytes of c.changes) {
        try {
          const h = readChangeHeaderOnce(bytes);
          metas.push({ hash: h.hash, actor: h.actor, bytes });
          deps.push(...h.deps);
        } catch (e) {
          if (e instanceof ChangeFormatError) {
            throw malformedBatch("A change could not be decoded", c.caseId);
          }
          throw e;
        }
      }
      const hashes = new Set(metas.map((m) => m.hash));
      if (metas.length === 0 || deps.some((d) => !hashes.has(d))) {
        throw malformedBatch(`Case ${c.caseId}'s history is not whole`, c.caseId);
      }
      return { ...c, projection: checked.projection, metas };
    });
    const ids = prepared.map((p) => p.caseId);
    const { stored, held } = await this.exclusive(ids, async () => {
      const held = new Set(
        (await this.opts.store.loadCases(ids.filter((id) => !this.cache.peek(id)))).keys(),
      );
      for (const id of ids) if (this.cache.peek(id)) held.add(id);
      const fresh = prepared.filter((p) => !held.has(p.caseId));
      if (fresh.length > 0) {
        await this.opts.store.commit(
          fresh.map((p) => ({
            caseId: p.caseId,
            changes: p.metas,
            projection: p.projection,
            attachments: p.attachments,
          })),
          [],
          { newCases: true },
        );
      }
      return { stored: fresh.length, held };
    });
    const known = prepared.filter((p) => held.has(p.caseId));
    if (known.length > 0) {
      await this.applyRemote(
        known.flatMap((p) => p.metas.map((m) => ({ caseId: p.caseId, bytes: m.bytes }))),
      );
    }
    return stored;
  }

  /** Whether this node holds the case. */
  async has(caseId: string): Promise<boolean> {
    return (
      this.cache.get(caseId) !== undefined || (await this.opts.store.loadCase(caseId)) !== null
    );
  }

  /** The document's heads (for sync and tests). */
  async heads(caseId: string): Promise<string[]> {
    await this.opts.beforeOpen?.([caseId]);
    return this.exclusive([caseId], async () => A.getHeads((await this.open(caseId)).doc));
  }

  /** The whole document saved (for sync of a case entering scope, and for tests). */
  async save(caseId: string): Promise<Uint8Array> {
    await this.opts.beforeOpen?.([caseId]);
    return this.exclusive([caseId], async () => A.save((await this.open(caseId)).doc));
  }

  private async tryOpen(caseId: string): Promise<Loaded | null> {
    const hot = this.cache.get(caseId);
    if (hot) return hot;
    const stored = await this.opts.store.loadCase(caseId);
    if (!stored) return null;
    const loaded = this.fromStored(stored);
    this.cache.set(caseId, loaded);
    return loaded;
  }

  private async open(caseId: string): Promise<Loaded> {
    const loaded = await this.tryOpen(caseId);
    if (!loaded) throw notFound(caseId);
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
      attachments: record.attachments,
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
    if (changes.length) this.opts.afterWrite?.();
    return { record, state, projection };
  }
}

/** The journal of `doc` as of the first of `changes` whose history holds `eventId`. */
function journalAt(doc: CaseDoc, changes: readonly ChangeMeta[], eventId: string) {
  for (const m of changes) {
    try {
      const journal = readJournal(A.view(doc, [m.hash]));
      if (journal.some((e) => e.id === eventId)) return journal;
    } catch {
      // A change the document does not hold (it was refused) has no view.
    }
  }
  return null;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function missingDeps(caseId: string) {
  return new SyncError({
    kind: "MISSING_DEPS",
    caseId,
    zh: "变更所依赖的前序变更缺失，请按顺序重新同步",
    en: `Changes for ${caseId} depend on changes that are neither held nor in the batch`,
  });
}

/**
 * Changes the document cannot take (Automerge throws: another change with the same author and
 * number, a change of another case's history): refused as not building the case.
 */
function applying<T>(caseId: string, apply: () => T): T {
  try {
    return apply();
  } catch (e) {
    if (e instanceof RangeError) throw wrongCase(caseId);
    throw e;
  }
}

function wrongCase(caseId: string) {
  return new SyncError({
    kind: "MALFORMED_BATCH",
    caseId,
    zh: "变更与所标明的办件不符",
    en: `The changes do not build case ${caseId}`,
  });
}

function notFound(caseId: string) {
  return new DomainError({
    code: "NOT_ELIGIBLE",
    field: "caseId",
    zh: `办件 ${caseId} 不存在`,
    en: `No case ${caseId}`,
  });
}
