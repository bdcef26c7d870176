import {
  type BulkFeedPage,
  type ChangeLimit,
  type FeedEntry,
  type FeedPage,
  type FeedSkip,
  type HubStore,
  type ScopeRule,
  stationScope,
} from "@bangban/sync";
import { readFeedBulkPage } from "./bulk-store";
import {
  LibsqlCaseStore,
  type LibsqlCaseStoreOptions,
  selectRows,
  storedChange,
} from "./case-store";
import type { Db } from "./client";

// A page of a site's feed, bounded by count and bytes like the change log (at least one row).
// ?5 is the puller's own actor, or the prefix of its actors (a street pulling from its
// district: every actor under its code is its own): its rows are passed over (in neither bound, not returned) but
// the page's end moves past them; ?6 bounds the rows one page scans. The last row returned is
// the page's end (seq NULL), so a page of only skipped rows still moves the cursor.
const FEED = `WITH scan AS (
    SELECT f.feed_seq, (?5 IS NOT NULL AND substr(c.actor, 1, length(?5)) = ?5) AS own, c.size
    FROM (SELECT feed_seq, change_seq FROM site_feed WHERE site_id = ?1 AND feed_seq > ?2
          ORDER BY feed_seq LIMIT ?6) f
    JOIN changes c ON c.seq = f.change_seq
  ), page AS (
    SELECT feed_seq,
      SUM(CASE WHEN own THEN 0 ELSE size END) OVER w AS total,
      SUM(CASE WHEN own THEN 0 ELSE 1 END) OVER w AS n
    FROM scan WINDOW w AS (ORDER BY feed_seq ROWS UNBOUNDED PRECEDING)
  ), bound AS (
    SELECT COALESCE((SELECT MAX(feed_seq) FROM page WHERE total <= ?4 AND n <= ?3),
                    (SELECT MIN(feed_seq) FROM page)) AS e
  )
  SELECT * FROM (
    SELECT f.feed_seq, c.seq, c.case_id, c.hash, c.actor, c.bytes
    FROM site_feed f JOIN changes c ON c.seq = f.change_seq
    WHERE f.site_id = ?1 AND f.feed_seq > ?2 AND f.feed_seq <= (SELECT e FROM bound)
      AND NOT (?5 IS NOT NULL AND substr(c.actor, 1, length(?5)) = ?5)
    ORDER BY f.feed_seq)
  UNION ALL
  SELECT e, NULL, NULL, NULL, NULL, NULL FROM bound`;
const BACKLOG = `SELECT count(*) AS n, COALESCE(SUM(c.size), 0) AS bytes, count(DISTINCT c.case_id) AS cases
  FROM site_feed f JOIN changes c ON c.seq = f.change_seq
  WHERE f.site_id = ?1 AND f.feed_seq > ?2
    AND NOT (?3 IS NOT NULL AND substr(c.actor, 1, length(?3)) = ?3)`;
const SCOPE_OF = "SELECT site_id FROM case_scope WHERE case_id = ? ORDER BY site_id";
const SCOPES_OF = `SELECT case_id, site_id FROM case_scope
  WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, site_id`;

const CASES_BY_NUMBER = `SELECT case_number, case_id FROM case_projections
  WHERE case_number IN (SELECT value FROM json_each(?))`;

/** The hub's libSQL store: the case store in feed mode, plus reading the sites' feeds. */
export class LibsqlHubStore extends LibsqlCaseStore implements HubStore {
  /**
   * The node's one scope rule (packages/sync): which enrolled nodes' feeds a case's changes go
   * to — stations at a street hub (`stationScope`), streets at a district (`streetScope`).
   */
  protected override readonly feedScope: ScopeRule;

  constructor(db: Db, opts: LibsqlCaseStoreOptions & { scope?: ScopeRule } = {}) {
    super(db, opts);
    this.feedScope = opts.scope ?? stationScope;
  }

  async feed(
    siteId: string,
    after: number,
    limit: ChangeLimit,
    skip?: FeedSkip,
  ): Promise<FeedPage> {
    const maxChanges = Math.max(1, Math.floor(limit.maxChanges));
    const scan = Math.max(maxChanges, Math.floor(skip?.scanRows ?? 0));
    const { rows } = await this.db.client.execute({
      sql: FEED,
      args: [siteId, after, maxChanges, limit.maxBytes, skip?.actor ?? null, scan],
    });
    const entries: FeedEntry[] = [];
    let next = after;
    for (const r of rows) {
      if (r.seq === null) next = r.feed_seq === null ? after : Number(r.feed_seq);
      else entries.push({ ...storedChange(r), feedSeq: Number(r.feed_seq) });
    }
    return { entries, next };
  }

  async feedBacklog(siteId: string, after: number, skipActor?: string) {
    const { rows } = await this.db.client.execute({
      sql: BACKLOG,
      args: [siteId, after, skipActor ?? null],
    });
    const r = rows[0];
    return {
      changes: Number(r?.n ?? 0),
      bytes: Number(r?.bytes ?? 0),
      cases: Number(r?.cases ?? 0),
    };
  }

  bulkFeedPage(
    siteId: string,
    opts: { after: string; upTo: number | null; maxCases: number },
  ): Promise<BulkFeedPage> {
    return readFeedBulkPage(this.db, siteId, opts);
  }

  async scopeOf(caseId: string): Promise<string[]> {
    const { rows } = await this.db.client.execute({ sql: SCOPE_OF, args: [caseId] });
    return rows.map((r) => String(r.site_id));
  }

  async casesByNumber(caseNumbers: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (caseNumbers.length === 0) return out;
    const rows = await selectRows(this.db, {
      sql: CASES_BY_NUMBER,
      args: [JSON.stringify(caseNumbers)],
    });
    for (const r of rows) out.set(String(r.case_number), String(r.case_id));
    return out;
  }

  async scopesOf(caseIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(caseIds.map((id) => [id, []]));
    if (caseIds.length === 0) return out;
    const rows = await selectRows(this.db, { sql: SCOPES_OF, args: [JSON.stringify(caseIds)] });
    for (const r of rows) out.get(String(r.case_id))?.push(String(r.site_id));
    return out;
  }
}
