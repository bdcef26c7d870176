import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "./client";

/**
 * How long a blob no case references is kept before it is collected: an upload stores its
 * bytes before the case document names them, a scan may be re-attached after a mistake, and an
 * operator restoring a document needs its scans still there. A week covers a long weekend and
 * a station that was off.
 */
export const UNREFERENCED_BLOB_GRACE_MS = 7 * 24 * 3600_000;

export interface BlobGcReport {
  /** Blob files looked at (old enough to be candidates, or not). */
  examined: number;
  /** Blobs removed because no case on this node references them. */
  collected: number;
  /** Their bytes on disk. */
  bytes: number;
  /** Interrupted writes (`*.tmp`) left by a crash, removed. */
  leftovers: number;
}

const HASH = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;
/** Hashes asked about in one query (well under SQLite's bound on parameters). */
const PAGE = 200;

/**
 * Removes the blobs under `dir` (a FileBlobStore's directory) that no case of this node
 * references (`case_attachments`, the projection of every document's attachments) and that
 * were written more than `graceMs` before `now` (the node's injected clock), with their
 * `attachments` metadata; and the temporary files of writes a crash interrupted, after the
 * same grace. A referenced blob is never removed, whatever its age: a document's attachments
 * are append-only, so once referenced a blob stays referenced.
 */
export async function collectUnreferencedBlobs(
  db: Db,
  dir: string,
  opts: { now: Date; graceMs?: number },
): Promise<BlobGcReport> {
  const before = opts.now.getTime() - (opts.graceMs ?? UNREFERENCED_BLOB_GRACE_MS);
  const report: BlobGcReport = { examined: 0, collected: 0, bytes: 0, leftovers: 0 };
  let page: { hash: string; path: string; size: number }[] = [];
  const flush = async () => {
    if (!page.length) return;
    const referenced = await referencedOf(
      db,
      page.map((c) => c.hash),
    );
    const unreferenced = page.filter((c) => !referenced.has(c.hash));
    page = [];
    if (!unreferenced.length) return;
    // Metadata first: a crash between the two leaves a file with no metadata, which the next
    // run removes; never metadata pointing at nothing.
    await db.client.execute({
      sql: `DELETE FROM attachments WHERE hash IN (${unreferenced.map(() => "?").join(",")})`,
      args: unreferenced.map((c) => c.hash),
    });
    for (const c of unreferenced) {
      await rm(c.path, { force: true });
      report.collected += 1;
      report.bytes += c.size;
    }
  };
  for (const shard of await entries(dir)) {
    if (!SHARD.test(shard)) continue;
    for (const name of await entries(join(dir, shard))) {
      const path = join(dir, shard, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (name.endsWith(".tmp")) {
        if (info.mtimeMs < before) {
          await rm(path, { force: true });
          report.leftovers += 1;
        }
        continue;
      }
      if (!HASH.test(name)) continue;
      report.examined += 1;
      if (info.mtimeMs >= before) continue;
      page.push({ hash: name, path, size: info.size });
      if (page.length >= PAGE) await flush();
    }
  }
  await flush();
  return report;
}

async function referencedOf(db: Db, hashes: string[]): Promise<Set<string>> {
  const { rows } = await db.client.execute({
    sql: `SELECT DISTINCT hash FROM case_attachments WHERE hash IN (${hashes.map(() => "?").join(",")})`,
    args: hashes,
  });
  return new Set(rows.map((r) => String(r.hash)));
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
