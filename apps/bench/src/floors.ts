/**
 * Floors, measured in the same run over the same documents:
 * - the Automerge engine's own sync loop (generateSyncMessage / receiveSyncMessage between
 *   two in-process documents), each document loaded, synced, saved and freed one at a time;
 * - a plain libSQL insert of the same rows (the change log rows and one snapshot row per
 *   case) in one transaction, into a database with our schema.
 */
import * as A from "@automerge/automerge";
import { openDb } from "@bangban/db";
import type { SeedCase } from "./workload";

export interface SyncPair {
  /** The sending side's document (a save or changes). */
  from: SeedCase;
  /** What the receiving side already holds of the case (null: nothing). */
  base: Uint8Array | null;
}

function docOf(c: SeedCase): A.Doc<unknown> {
  if (c.snapshot) return A.load(c.snapshot);
  const [d] = A.applyChanges(
    A.init(),
    c.changes.map((ch) => ch.bytes),
  );
  return d;
}

/** Milliseconds for the engine's sync loop to bring every receiver up to its sender. */
export function engineSyncMs(pairs: Iterable<SyncPair>): {
  ms: number;
  messages: number;
  bytes: number;
} {
  let messages = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const p of pairs) {
    let a = docOf(p.from);
    let b = p.base ? A.load(p.base) : A.init();
    let sa = A.initSyncState();
    let sb = A.initSyncState();
    for (let round = 0; round < 20; round++) {
      const [sa2, ma] = A.generateSyncMessage(a, sa);
      sa = sa2;
      if (ma) {
        messages += 1;
        bytes += ma.byteLength;
        [b, sb] = A.receiveSyncMessage(b, sb, ma);
      }
      const [sb2, mb] = A.generateSyncMessage(b, sb);
      sb = sb2;
      if (mb) {
        messages += 1;
        bytes += mb.byteLength;
        [a, sa] = A.receiveSyncMessage(a, sa, mb);
      }
      if (!ma && !mb) break;
    }
    A.save(b);
    A.free(a);
    A.free(b);
  }
  return { ms: performance.now() - t0, messages, bytes };
}

/** Milliseconds to insert the cases' change rows and snapshot rows in one transaction. */
export async function libsqlInsertMs(
  dir: string,
  cases: readonly SeedCase[],
  changesOf: (c: SeedCase) => SeedCase["changes"] = (c) => c.changes,
): Promise<number> {
  const db = await openDb(`file:${dir}/floor-${Date.now()}.db`);
  const now = new Date().toISOString();
  const stmts: { sql: string; args: (string | number | Uint8Array | null)[] }[] = [];
  for (const c of cases) {
    for (const ch of changesOf(c)) {
      stmts.push({
        sql: "INSERT INTO changes (case_id, hash, actor, bytes, size, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        args: [c.caseId, ch.hash, ch.actor, ch.bytes, ch.bytes.byteLength, now],
      });
    }
    stmts.push({
      sql: "INSERT INTO case_docs (case_id, snapshot, snapshot_seq, updated_at) VALUES (?, ?, 0, ?)",
      args: [c.caseId, c.snapshot, now],
    });
  }
  const t0 = performance.now();
  await db.client.batch(stmts, "write");
  const ms = performance.now() - t0;
  db.close();
  return ms;
}
