import { type ScopeRule, stationScope } from "./hub/scope";
import { MemoryCaseStore } from "./memory-store";
import type {
  AuditEntry,
  BulkFeedPage,
  CaseWrite,
  ChangeLimit,
  CommitResult,
  FeedEntry,
  FeedPage,
  FeedSkip,
  HubStore,
} from "./store";

/**
 * The hub store in memory (tests): scope is recorded from projections, and each site's feed
 * gets every change of every case in its scope, in log order within a case.
 */
export class MemoryHubStore extends MemoryCaseStore implements HubStore {
  private scope = new Map<string, Set<string>>();
  private feeds = new Map<string, { feedSeq: number; seq: number }[]>();
  private fed = new Map<string, Set<number>>();
  private feedSeq = 0;

  /** A district's store passes `streetScope`; a street hub's keeps the station rule. */
  constructor(private readonly scopeRule: ScopeRule = stationScope) {
    super();
  }

  override async commit(
    writes: readonly CaseWrite[],
    audit: readonly AuditEntry[] = [],
  ): Promise<CommitResult> {
    const r = await super.commit(writes, audit);
    for (const w of writes) {
      const sites = this.scope.get(w.caseId) ?? new Set<string>();
      for (const s of this.scopeRule(w.projection)) sites.add(s);
      this.scope.set(w.caseId, sites);
      const seqs = (
        await this.changesAfter(0, {
          maxChanges: Number.MAX_SAFE_INTEGER,
          maxBytes: Number.MAX_SAFE_INTEGER,
        })
      )
        .filter((c) => c.caseId === w.caseId)
        .map((c) => c.seq);
      for (const site of [...sites].sort()) {
        const fed = this.fed.get(site) ?? new Set<number>();
        const feed = this.feeds.get(site) ?? [];
        for (const seq of seqs) {
          if (fed.has(seq)) continue;
          fed.add(seq);
          this.feedSeq += 1;
          feed.push({ feedSeq: this.feedSeq, seq });
        }
        this.fed.set(site, fed);
        this.feeds.set(site, feed);
      }
    }
    return r;
  }

  async feed(
    siteId: string,
    after: number,
    limit: ChangeLimit,
    skip?: FeedSkip,
  ): Promise<FeedPage> {
    const bySeq = await this.bySeq();
    const entries: FeedEntry[] = [];
    let next = after;
    let bytes = 0;
    let scanned = 0;
    for (const f of this.feeds.get(siteId) ?? []) {
      if (f.feedSeq <= after) continue;
      const c = bySeq.get(f.seq);
      if (!c) continue;
      if (scanned >= Math.max(limit.maxChanges, skip?.scanRows ?? 0)) break;
      scanned += 1;
      if (skip === undefined || !c.actor.startsWith(skip.actor)) {
        if (entries.length >= limit.maxChanges) break;
        if (entries.length > 0 && bytes + c.bytes.length > limit.maxBytes) break;
        entries.push({ ...c, feedSeq: f.feedSeq });
        bytes += c.bytes.length;
      }
      next = f.feedSeq;
    }
    return { entries, next };
  }

  async feedBacklog(siteId: string, after: number, skipActor?: string) {
    const bySeq = await this.bySeq();
    const rest = (this.feeds.get(siteId) ?? [])
      .filter((f) => f.feedSeq > after)
      .map((f) => bySeq.get(f.seq))
      .filter(
        (c): c is NonNullable<typeof c> =>
          !!c && (skipActor === undefined || !c.actor.startsWith(skipActor)),
      );
    return {
      changes: rest.length,
      bytes: rest.reduce((n, c) => n + c.bytes.length, 0),
      cases: new Set(rest.map((c) => c.caseId)).size,
    };
  }

  private async bySeq() {
    const all = await this.changesAfter(0, {
      maxChanges: Number.MAX_SAFE_INTEGER,
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    return new Map(all.map((c) => [c.seq, c]));
  }

  async scopeOf(caseId: string): Promise<string[]> {
    return [...(this.scope.get(caseId) ?? [])].sort();
  }

  async casesByNumber(caseNumbers: readonly string[]): Promise<Map<string, string>> {
    const wanted = new Set(caseNumbers);
    const out = new Map<string, string>();
    for (const p of this.projections.values())
      if (wanted.has(p.caseNumber)) out.set(p.caseNumber, p.caseId);
    return out;
  }

  async bulkFeedPage(
    siteId: string,
    opts: { after: string; upTo: number | null; maxCases: number },
  ): Promise<BulkFeedPage> {
    const feed = this.feeds.get(siteId) ?? [];
    const upTo = opts.upTo ?? feed.at(-1)?.feedSeq ?? 0;
    const bySeq = await this.bySeq();
    const byCase = new Map<string, { seq: number; bytes: Uint8Array }[]>();
    for (const f of feed) {
      if (f.feedSeq > upTo) continue;
      const c = bySeq.get(f.seq);
      if (!c || c.caseId <= opts.after) continue;
      byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), { seq: c.seq, bytes: c.bytes }]);
    }
    const ids = [...byCase.keys()].sort().slice(0, opts.maxCases);
    const cases = [];
    for (const caseId of ids) {
      const projection = await this.getProjection(caseId);
      if (!projection) continue;
      cases.push({
        caseId,
        projectionJson: JSON.stringify(projection),
        changes: (byCase.get(caseId) ?? []).sort((a, b) => a.seq - b.seq).map((c) => c.bytes),
        attachments: this.attachmentsOf(caseId),
      });
    }
    // A short page is the last: the pull needs no request to learn that nothing is left.
    return { upTo, cases, last: ids.length < opts.maxCases ? null : (ids.at(-1) ?? null) };
  }

  async scopesOf(caseIds: readonly string[]): Promise<Map<string, string[]>> {
    return new Map(
      await Promise.all(caseIds.map(async (id) => [id, await this.scopeOf(id)] as const)),
    );
  }
}
