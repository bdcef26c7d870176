import type { BlobIntakeDeps, BlobRef, StationBlobSource } from "@bangban/sync";
import { type FileBlobStore, MAX_ATTACHMENT_BYTES } from "./blobs";
import { blobRefOfRow } from "./case-store";
import type { Db } from "./client";
import { putAttachment } from "./queries/attachments";

/**
 * The station's inbox for prefetch: cases in its scope it did not take in — transferred here
 * (handling site) or to be picked up here — and not closed. Their references whose bytes are
 * not here (no `attachments` row: the row is written with the bytes, on upload or fetch).
 */
const MISSING = `SELECT ca.case_id, ca.hash, ca.material_code, ca.mime, ca.size, ca.name, ca.page
  FROM case_attachments ca JOIN case_projections p ON p.case_id = ca.case_id
  WHERE p.closed_at IS NULL AND p.origin_site_id <> ?1
    AND (p.handling_site_id = ?1 OR p.pickup_site_id = ?1)
    AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.hash = ca.hash)
    AND ca.hash NOT IN (SELECT value FROM json_each(?2))
  GROUP BY ca.hash ORDER BY MIN(p.updated_at), ca.hash LIMIT ?3`;

/** A station's blobs for its sync loop (blob sync, packages/sync `StationBlobSource`). */
export class LibsqlStationBlobs implements StationBlobSource {
  constructor(
    private readonly db: Db,
    readonly vault: FileBlobStore,
    private readonly siteId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async unsent(limit: number, skip: readonly string[]) {
    const { rows } = await this.db.client.execute({
      sql: `SELECT hash, size FROM attachments WHERE synced_at IS NULL
        AND hash IN (SELECT hash FROM case_attachments)
        AND hash NOT IN (SELECT value FROM json_each(?)) ORDER BY created_at, hash LIMIT ?`,
      args: [JSON.stringify(skip), limit],
    });
    return rows.map((r) => ({ hash: String(r.hash), size: Number(r.size) }));
  }

  async countUnsent(): Promise<number> {
    const { rows } = await this.db.client.execute(
      "SELECT count(*) AS n FROM attachments WHERE synced_at IS NULL AND hash IN (SELECT hash FROM case_attachments)",
    );
    return Number(rows[0]?.n ?? 0);
  }

  async acknowledged(hash: string): Promise<void> {
    await this.db.client.execute({
      sql: "UPDATE attachments SET synced_at = ? WHERE hash = ? AND synced_at IS NULL",
      args: [this.now().toISOString(), hash],
    });
  }

  async missing(limit: number, skip: readonly string[]): Promise<BlobRef[]> {
    const { rows } = await this.db.client.execute({
      sql: MISSING,
      args: [this.siteId, JSON.stringify(skip), limit],
    });
    return rows.map(blobRefOfRow);
  }

  async countMissing(): Promise<number> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT count(*) AS n FROM (${MISSING.replace(/LIMIT \?3$/, "")})`,
      args: [this.siteId, "[]"],
    });
    return Number(rows[0]?.n ?? 0);
  }

  async fetched(ref: BlobRef): Promise<void> {
    const at = this.now().toISOString();
    await this.db.client.execute({
      sql: `INSERT INTO attachments (hash, size, mime, original_name, created_at, created_by, case_id, synced_at)
        VALUES (?, ?, ?, ?, ?, 'hub', ?, ?) ON CONFLICT(hash) DO NOTHING`,
      args: [ref.hash, ref.size, ref.mime, ref.name, at, ref.caseId, at],
    });
  }
}

/**
 * A street hub linking to its district: every scan it holds is to go up, like the ones its
 * stations push from now on. Those pushed before the link were recorded as going nowhere
 * further (`hubBlobDeps` without `relayUp`); its loop up sends the ones a case references.
 */
export async function handBlobsToDistrict(db: Db): Promise<number> {
  const r = await db.client.execute(
    "UPDATE attachments SET synced_at = NULL WHERE synced_at IS NOT NULL",
  );
  return r.rowsAffected;
}

/**
 * The hub's blob intake deps (packages/sync `BlobIntakeDeps` but the store): its vault, the
 * per-file limit, and its `attachments` row for a blob a station pushed — the referencing
 * case's name and type, by that station, held by the hub from the start. A street hub
 * enrolled with its district (`relayUp`) leaves the row unsynced: its own loop up then sends
 * the scan on to the district, as a station sends its own.
 */
export function hubBlobDeps(
  db: Db,
  vault: FileBlobStore,
  clock: () => Date,
  opts: { relayUp?: boolean } = {},
): Omit<BlobIntakeDeps, "store"> {
  return {
    vault,
    maxBytes: MAX_ATTACHMENT_BYTES,
    now: clock,
    record: async (ref, station) => {
      const at = clock().toISOString();
      await putAttachment(db, {
        hash: ref.hash,
        size: ref.size,
        mime: ref.mime,
        originalName: ref.name,
        createdAt: at,
        createdBy: `station:${station.siteId}`,
        caseId: ref.caseId,
        syncedAt: opts.relayUp ? null : at,
      });
    },
  };
}
