import {
  type AttachmentRef,
  attachmentRef,
  type BulkCounts,
  type BulkFeedPage,
  type BulkOutcome,
  type BulkStore,
  type ClaimedCase,
  packChanges,
  unpackChanges,
  type WaitingCase,
} from "@bangban/sync";
import type { InStatement } from "@libsql/client";
import { eq, getTableColumns } from "drizzle-orm";
import { byteRegion } from "./byte-region";
import { blobRefOfRow, chunks, toBytes } from "./case-store";
import type { Db } from "./client";
import { projectionsStatements } from "./projection-row";
import { caseProjections, stations } from "./schema";
import { restoreIndexes, setAsideIndexes } from "./set-aside-indexes";

/**
 * A frame's cases into `bulk_cases` in one statement of fixed text: their changes as ONE blob
 * (?3: the frame's bytes when every case's changes are a view of it, as a frame decoded at the
 * node has them) and, per case, where its packed changes are in it ([caseId, start (1-based),
 * length, changeCount, claimed] in ?1, JSON). Bound as a multi-row VALUES of 400 rows with a
 * blob each, each part was a long statement compiled again (a statement given blobs is not
 * kept, statement-cache.ts): B6 at 1 M, 3,000 compiles, about 3 s of the district's main
 * thread, and 1.8 s more to pack each case's changes again. This one is short to compile.
 */
const INSERT_BULK = `INSERT INTO bulk_cases
  (case_id, sender, changes, change_count, claimed, state, received_at)
  SELECT value ->> 0, ?2, substr(?3, value ->> 1, value ->> 2), value ->> 3, value ->> 4,
    'waiting', ?4
  FROM json_each(?1) WHERE true
  ON CONFLICT(case_id, sender) DO NOTHING`;

const IN_IDS = "(SELECT value FROM json_each(?))";

/** A verification pass's batch of one sender's cases, found by their key (case_id, sender). */
export const SETTLE_VERIFIED = `UPDATE bulk_cases SET state = 'verified', changes = NULL,
  kind = NULL, reason = NULL, checked_at = ?1
  WHERE (case_id, sender) IN (SELECT value, ?2 FROM json_each(?3))`;

/**
 * The district's bulk cases on libSQL (sync `BulkStore`): a frame's claims land with their
 * projections in one write transaction; verification settles a verified batch in one statement,
 * and a waiting or refused case alone.
 */
export class LibsqlBulkStore implements BulkStore {
  /** Whether this catch-up set the list indexes aside (one check, however many frames race). */
  private intake: Promise<boolean> | null = null;

  constructor(private readonly db: Db) {}

  /**
   * The first frame into an empty node sets the projection table's plain indexes aside
   * (`setAsideIndexes`): at 1,000,000 cases they were most of the district's commits (B6:
   * 145 s with them, 94 s without, 11.4 s to build them after). Built by `endIntake`, or at
   * the next open after a crash.
   */
  async beginIntake(): Promise<void> {
    // Not set aside (a busy database, say) only costs the catch-up its speed.
    this.intake ??= setAsideIndexes(this.db.client).catch(() => false);
    await this.intake;
  }

  async endIntake(): Promise<void> {
    if (this.intake && (await this.intake)) {
      // A failed build is tried again before the next pass (frames meanwhile find it aside).
      // On the write thread where there is one: the main thread goes on serving meanwhile.
      const writer = this.db.writer;
      await restoreIndexes(this.db.client, writer ? (stmts) => writer.write(stmts) : undefined);
    }
    this.intake = null;
  }

  async heldCases(caseIds: readonly string[]): Promise<Set<string>> {
    return this.ids(`SELECT case_id FROM case_docs WHERE case_id IN ${IN_IDS}`, caseIds);
  }

  async bulkCases(sender: string, caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const { rows } = await this.db.client.execute({
      sql: `SELECT case_id FROM bulk_cases WHERE sender = ? AND case_id IN ${IN_IDS}`,
      args: [sender, JSON.stringify(caseIds)],
    });
    return new Set(rows.map((r) => String(r.case_id)));
  }

  async storeClaims(sender: string, cases: readonly ClaimedCase[], at: string): Promise<void> {
    if (cases.length === 0) return;
    const { blob, at: where } = byteRegion(cases.map((c) => c.packed ?? packChanges(c.changes)));
    const rows = cases.map((c, i) => [
      c.caseId,
      ...where(i),
      c.changes.length,
      c.projection ? 1 : 0,
    ]);
    const stmts: InStatement[] = [
      { sql: INSERT_BULK, args: [JSON.stringify(rows), sender, blob, at] },
    ];
    const claimed = cases.flatMap((c) => (c.projection ? [c.projection] : []));
    // A claim never goes over a projection the district already has (its own, or an earlier claim).
    stmts.push(...projectionsStatements(claimed, "keep"));
    await this.db.client.batch(stmts, "write");
  }

  async waiting(limit: number, caseIds?: readonly string[]): Promise<WaitingCase[]> {
    const { rows } = await this.db.client.execute(
      caseIds
        ? {
            sql: `SELECT case_id, sender, changes FROM bulk_cases
              WHERE state = 'waiting' AND case_id IN ${IN_IDS} LIMIT ?`,
            args: [JSON.stringify(caseIds), limit],
          }
        : {
            sql: `SELECT case_id, sender, changes FROM bulk_cases
              WHERE state = 'waiting' ORDER BY checked_at LIMIT ?`,
            args: [limit],
          },
    );
    return rows.map((r) => ({
      caseId: String(r.case_id),
      sender: String(r.sender),
      changes: unpackChanges(toBytes(r.changes) ?? new Uint8Array()),
    }));
  }

  async settle(caseId: string, sender: string, outcome: BulkOutcome, at: string): Promise<void> {
    if (outcome.state === "verified") return this.settleVerified(sender, [caseId], at);
    if (outcome.state === "waiting") {
      await this.db.client.execute({
        sql: "UPDATE bulk_cases SET reason = ?, checked_at = ? WHERE case_id = ? AND sender = ?",
        args: [outcome.reason, at, caseId, sender],
      });
      return;
    }
    // Refused: the claim goes (unless the node holds verified history of the case: then the
    // projection is its own), the history stays for people to look at.
    await this.db.client.batch(
      [
        {
          sql: `UPDATE bulk_cases SET state = 'refused', kind = ?, reason = ?, checked_at = ?
            WHERE case_id = ? AND sender = ?`,
          args: [outcome.kind, outcome.reason, at, caseId, sender],
        },
        {
          sql: `DELETE FROM case_rule_states WHERE case_id = ?
            AND NOT EXISTS (SELECT 1 FROM case_docs WHERE case_id = ?)`,
          args: [caseId, caseId],
        },
        {
          sql: `DELETE FROM case_projections WHERE case_id = ?
            AND NOT EXISTS (SELECT 1 FROM case_docs WHERE case_id = ?)`,
          args: [caseId, caseId],
        },
      ],
      "write",
    );
  }

  async settleVerified(sender: string, caseIds: readonly string[], at: string): Promise<void> {
    if (caseIds.length === 0) return;
    await this.db.client.execute({
      sql: SETTLE_VERIFIED,
      args: [at, sender, JSON.stringify(caseIds)],
    });
  }

  async counts(): Promise<BulkCounts> {
    const { rows } = await this.db.client.execute(
      "SELECT state, count(*) AS n FROM bulk_cases GROUP BY state",
    );
    const out: BulkCounts = { waiting: 0, verified: 0, refused: 0 };
    for (const r of rows) out[String(r.state) as keyof BulkCounts] = Number(r.n);
    return out;
  }

  /** Refused bulk cases of one sender (or all), newest first: for people to look at. */
  async refused(
    limit = 50,
  ): Promise<{ caseId: string; sender: string; kind: string; reason: string }[]> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT case_id, sender, kind, reason FROM bulk_cases WHERE state = 'refused'
        ORDER BY checked_at DESC LIMIT ?`,
      args: [limit],
    });
    return rows.map((r) => ({
      caseId: String(r.case_id),
      sender: String(r.sender),
      kind: String(r.kind),
      reason: String(r.reason),
    }));
  }

  private async ids(sql: string, caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const { rows } = await this.db.client.execute({ sql, args: [JSON.stringify(caseIds)] });
    return new Set(rows.map((r) => String(r.case_id)));
  }
}

/** One case of a node's bulk page: its projection (as JSON) and its changes up to the page's seq. */
export interface BulkPageCase {
  caseId: string;
  /**
   * The case's `CaseProjection` as JSON, built by SQLite (see PROJECTION_JSON), in UTF-8 bytes
   * as they go into the frame: never a string on the way (a projection's Chinese text would
   * make it a two-byte one, to be encoded back).
   */
  projectionJson: Uint8Array;
  /** Views of one buffer the case's changes came in (BULK_PAGE). */
  changes: Uint8Array[];
}

/**
 * A projection row as the JSON of its `CaseProjection`, built by SQLite: a page of 1,000 cases
 * read as one text column each instead of 54 (the driver makes an object per row with every
 * column by index and by name, and the mapping and JSON.stringify came after: about 140 µs of a
 * street's CPU per case, a third of what a bulk catch-up cost it). The keys, the booleans
 * (stored 0/1) and the JSON column come from the drizzle table, so the column list has one
 * source. json_object takes at most 127 arguments: the keys go in parts, merged by json_patch.
 */
const PROJECTION_JSON = (() => {
  const parts = Object.entries(getTableColumns(caseProjections)).map(([key, c]) => {
    const value =
      c.columnType === "SQLiteBoolean"
        ? `json(CASE WHEN ${c.name} IS NULL THEN 'null' WHEN ${c.name} THEN 'true' ELSE 'false' END)`
        : c.columnType === "SQLiteTextJson"
          ? `json(${c.name})`
          : c.name;
    return `'${key}', ${value}`;
  });
  parts.push(`'ruleState', (SELECT r.rule_state FROM case_rule_states r
    WHERE r.case_id = case_projections.case_id)`);
  const objects = chunks(parts, 60).map((p) => `json_object(${p.join(", ")})`);
  return objects.reduce((a, b) => `json_patch(${a}, ${b})`);
})();

/**
 * The sender's side: the next `maxCases` cases after `after` (by case id), each with every
 * change of its history with seq ≤ `upTo` (cases with none are left out). `last` is where the
 * next page starts; null when none is left.
 */
export async function readBulkPage(
  db: Db,
  opts: { after: string; upTo: number; maxCases: number },
): Promise<{ cases: BulkPageCase[]; last: string | null }> {
  const { rows } = await db.client.execute({
    sql: BULK_PAGE,
    args: [opts.after, opts.maxCases, opts.upTo],
  });
  const last = rows.length > 0 ? String(rows[rows.length - 1]?.case_id) : null;
  const cases: BulkPageCase[] = [];
  for (const r of rows) {
    const changes = splitJoined(toBytes(r.b), r.l);
    if (changes.length === 0) continue;
    const projectionJson = toBytes(r.p);
    if (!projectionJson) throw new Error(`bulk page: case ${String(r.case_id)} has no projection`);
    cases.push({ caseId: String(r.case_id), projectionJson, changes });
  }
  return { cases, last };
}

/**
 * A page of whole cases in one query, one row a case: its projection as JSON (cast to a blob:
 * its UTF-8 bytes), and its changes up to the page's seq joined by SQLite into one blob, with
 * their lengths. A row a change made the driver build an object and copy a buffer for each of
 * them (3.5 a case): on a station, whose young generation is 1 MB, collecting garbage was 40%
 * of a bulk push's CPU (B2-100K). group_concat joins a blob's bytes as they are, NULs and all
 * (the cast takes them back as a blob).
 */
const BULK_PAGE = `SELECT case_id, CAST(${PROJECTION_JSON} AS BLOB) AS p,
    (SELECT CAST(group_concat(c.bytes, x'' ORDER BY c.seq) AS BLOB) FROM changes c
      WHERE c.case_id = case_projections.case_id AND c.seq <= ?3) AS b,
    (SELECT group_concat(length(c.bytes), ',' ORDER BY c.seq) FROM changes c
      WHERE c.case_id = case_projections.case_id AND c.seq <= ?3) AS l
  FROM case_projections WHERE case_id > ?1 ORDER BY case_id LIMIT ?2`;

/** Changes joined by BULK_PAGE: views of `joined`, cut at the listed lengths. */
function splitJoined(joined: Uint8Array | null, lengths: unknown): Uint8Array[] {
  if (!joined || typeof lengths !== "string" || lengths === "") return [];
  const out: Uint8Array[] = [];
  let at = 0;
  for (const l of lengths.split(",")) {
    const n = Number(l);
    out.push(joined.subarray(at, at + n));
    at += n;
  }
  if (at !== joined.length) throw new Error("bulk page: changes and their lengths disagree");
  return out;
}

/**
 * A bulk pull page's changes: from the page's cases, by the change log's case index, each
 * checked in the site's feed. CROSS JOIN keeps that order: left to itself, SQLite walked the
 * site's whole feed for every page (B2-100K's pull: 26 s of the hub's CPU for 100 pages).
 */
export const FEED_PAGE_CHANGES = `SELECT c.case_id, c.bytes FROM json_each(?1) j
  CROSS JOIN changes c ON c.case_id = j.value
  CROSS JOIN site_feed f ON f.site_id = ?2 AND f.change_seq = c.seq
  WHERE f.feed_seq <= ?3 ORDER BY c.case_id, c.seq`;

/**
 * The hub's side of a bulk pull (sync `HubStore.bulkFeedPage`): the next `maxCases` cases in
 * `siteId`'s scope after `after` (by case id), each with the changes of its history that entered
 * the site's feed up to feedSeq `upTo` (null: the feed's end now), its projection as JSON and its
 * attachment index.
 */
export async function readFeedBulkPage(
  db: Db,
  siteId: string,
  opts: { after: string; upTo: number | null; maxCases: number },
): Promise<BulkFeedPage> {
  let upTo = opts.upTo;
  if (upTo === null) {
    const { rows } = await db.client.execute({
      sql: "SELECT COALESCE(MAX(feed_seq), 0) AS top FROM site_feed WHERE site_id = ?",
      args: [siteId],
    });
    upTo = Number(rows[0]?.top ?? 0);
  }
  const { rows: scoped } = await db.client.execute({
    sql: "SELECT case_id FROM case_scope WHERE site_id = ? AND case_id > ? ORDER BY case_id LIMIT ?",
    args: [siteId, opts.after, opts.maxCases],
  });
  const ids = scoped.map((r) => String(r.case_id));
  // A short page is the last: the pull needs no request to learn that nothing is left.
  const last = ids.length < opts.maxCases ? null : (ids.at(-1) ?? null);
  if (ids.length === 0) return { upTo, cases: [], last };
  const list = JSON.stringify(ids);
  const [projections, changes, refs] = await Promise.all([
    db.client.execute({
      sql: `SELECT case_id, ${PROJECTION_JSON} AS p FROM case_projections
        WHERE case_id IN ${IN_IDS}`,
      args: [list],
    }),
    db.client.execute({ sql: FEED_PAGE_CHANGES, args: [list, siteId, upTo] }),
    db.client.execute({
      sql: `SELECT case_id, hash, material_code, mime, size, name, page FROM case_attachments
        WHERE case_id IN ${IN_IDS}`,
      args: [list],
    }),
  ]);
  const byCase = new Map<string, Uint8Array[]>();
  for (const r of changes.rows) {
    const bytes = toBytes(r.bytes);
    if (!bytes) continue;
    const id = String(r.case_id);
    const held = byCase.get(id);
    if (held) held.push(bytes);
    else byCase.set(id, [bytes]);
  }
  const attachments = new Map<string, AttachmentRef[]>();
  for (const r of refs.rows) {
    const ref = blobRefOfRow(r);
    const list = attachments.get(ref.caseId) ?? [];
    list.push(attachmentRef(ref));
    attachments.set(ref.caseId, list);
  }
  const projectionOf = new Map(projections.rows.map((r) => [String(r.case_id), String(r.p)]));
  const cases = ids.flatMap((caseId) => {
    const held = byCase.get(caseId);
    const projectionJson = projectionOf.get(caseId);
    return held && projectionJson
      ? [{ caseId, projectionJson, changes: held, attachments: attachments.get(caseId) ?? [] }]
      : [];
  });
  return { upTo, cases, last };
}

/** An enrolled node by its site (its actors), or null when none is, or its credential was revoked. */
export async function enrolledIdentity(
  db: Db,
  siteId: string,
): Promise<{ siteId: string; actorIds: string[] } | null> {
  const row = await db.orm.select().from(stations).where(eq(stations.siteId, siteId)).get();
  if (!row || row.revokedAt !== null) return null;
  return { siteId: row.siteId, actorIds: JSON.parse(row.actorIds) as string[] };
}

/** Each sender's bulk cases by state (the district's freshness screen: what is still a claim). */
export async function bulkCountsBySender(db: Db): Promise<Map<string, BulkCounts>> {
  const { rows } = await db.client.execute(
    "SELECT sender, state, count(*) AS n FROM bulk_cases GROUP BY sender, state",
  );
  const out = new Map<string, BulkCounts>();
  for (const r of rows) {
    const sender = String(r.sender);
    const c = out.get(sender) ?? { waiting: 0, verified: 0, refused: 0 };
    c[String(r.state) as keyof BulkCounts] = Number(r.n);
    out.set(sender, c);
  }
  return out;
}
