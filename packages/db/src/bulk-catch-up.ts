import {
  type BulkResponse,
  type CaseStore,
  type ChangeFilter,
  encodeBulkCase,
  isRetryable,
  joinBulkFrame,
  PROTOCOL_VERSION,
  PUSH_CURSOR,
  SyncError,
} from "@bangban/sync";
import { readBulkPage } from "./bulk-store";
import type { Db } from "./client";
import { getMeta, setMeta } from "./queries/meta";
import { DISTRICT_LINK } from "./queries/street-directory";

/** Where a node keeps its bulk catch-up's progress (meta rows): one set per parent link. */
export interface BulkCatchUpKeys {
  /** The log seq the catch-up covers, fixed when it starts. */
  upTo: string;
  /** The last case the parent acknowledged. */
  after: string;
  /** Set when it ended: a time, or why it was not needed or stopped. */
  done: string;
}

/** A station's catch-up to its street hub. */
export const HUB_BULK: BulkCatchUpKeys = {
  upTo: "hub:bulk:upTo",
  after: "hub:bulk:after",
  done: "hub:bulk:done",
};

/** A street's catch-up to its district. */
export const DISTRICT_BULK: BulkCatchUpKeys = {
  upTo: DISTRICT_LINK.bulkUpTo,
  after: DISTRICT_LINK.bulkAfter,
  done: DISTRICT_LINK.bulkDone,
};

/** Cases per bulk frame: about 2 MB of a typical history. */
export const BULK_FRAME_CASES = 1000;

/** The default of `BANGBAN_BULK_FROM`: a first link with this many changes goes up in bulk. */
export const BULK_FROM_DEFAULT = 20_000;

export interface BulkCatchUpDeps {
  db: Db;
  store: CaseStore;
  /** The node's own changes (a station: its actor; a street: its site code's prefix). */
  own: ChangeFilter;
  keys: BulkCatchUpKeys;
  /** A first link with at least this many own changes goes up in bulk. */
  from: number;
  frameCases?: number;
}

/**
 * A node's first link to its parent with a long history (≥ `from` own changes and none pushed
 * yet; SPEC.md "Bulk catch-up"): every case goes up whole in bulk frames, in case-id order, one
 * frame in flight while the next is read. The log seq the catch-up covers is fixed when it
 * starts and the last case sent is kept after each acknowledged frame, so a restart resumes
 * where it stopped. At the end the push cursor moves to that seq: later changes go by the
 * normal push. A parent that refuses bulk frames for good, or predates them, gets everything by
 * the normal push instead (the cursor has not moved).
 */
export async function bulkCatchUp(
  d: BulkCatchUpDeps,
  transport: { pushBulk(frame: Uint8Array): Promise<BulkResponse | null> },
): Promise<void> {
  const { db, store, keys } = d;
  if (await getMeta(db, keys.done)) return;
  let upTo = Number((await getMeta(db, keys.upTo)) ?? Number.NaN);
  if (!Number.isFinite(upTo)) {
    const pushed = await store.getCursor(PUSH_CURSOR);
    if (pushed > 0 || (await store.countAfter(0, d.own)) < d.from) {
      await setMeta(db, keys.done, "not needed");
      return;
    }
    upTo = await store.lastSeq();
    await setMeta(db, keys.upTo, String(upTo));
  }
  const maxCases = d.frameCases ?? BULK_FRAME_CASES;
  const read = (after: string) => readBulkPage(db, { after, upTo, maxCases });
  let next = read((await getMeta(db, keys.after)) ?? "");
  for (;;) {
    const page = await next;
    if (page.last === null) break;
    const last = page.last;
    next = read(last);
    // Read while the frame is on its way; a failed push leaves it unawaited.
    next.catch(() => undefined);
    if (page.cases.length > 0) {
      const frame = joinBulkFrame(
        PROTOCOL_VERSION,
        page.cases.map((c) => encodeBulkCase(c.caseId, c.projectionJson, c.changes)),
      );
      let answer: BulkResponse | null;
      try {
        answer = await transport.pushBulk(frame);
      } catch (e) {
        // Refused for good: the normal push sends everything instead (from the push cursor,
        // which has not moved), change by change with its own typed refusals per case.
        if (!(e instanceof SyncError) || isRetryable(e.data.kind)) throw e;
        await setMeta(db, keys.done, `refused: ${e.data.kind} ${e.data.en}`);
        return;
      }
      if (answer === null) {
        // A parent older than bulk frames: the normal push sends everything.
        await setMeta(db, keys.done, "parent without bulk frames");
        return;
      }
    }
    await setMeta(db, keys.after, last);
  }
  if ((await store.getCursor(PUSH_CURSOR)) < upTo) await store.setCursor(PUSH_CURSOR, upTo);
  await setMeta(db, keys.done, new Date().toISOString());
}
