import {
  type BulkResponse,
  bulkEndFrame,
  type CaseStore,
  type ChangeFilter,
  encodeBulkFrame,
  isRetryable,
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
 * Bulk frames on their way at once. One at a time, the parent sat idle while the sender read
 * and framed the next cases, and the sender while the parent checked and stored a frame: B2's
 * push at 100,000 cases took 27.5 s with 9.9 s of the hub's CPU and 10.7 s of the station's.
 * With two, both sides were still idle a third of the time (17.95 s, with 8.3 s of the hub's
 * CPU and 12.2 s of the station's); with four, 14.3 s. A district taking ten streets at once
 * (B6, 1 M cases) is busy either way: 102.3 s with two, 99.4 s with four (one run each).
 */
export const BULK_FRAMES_IN_FLIGHT = 4;

/**
 * A node's first link to its parent with a long history (≥ `from` own changes and none pushed
 * yet; SPEC.md "Bulk catch-up"): every case goes up whole in bulk frames, in case-id order,
 * `BULK_FRAMES_IN_FLIGHT` frames on their way while the next is read. The log seq the
 * catch-up covers is fixed when it starts, and the last case of each frame is kept once that
 * frame and every one before it are acknowledged, so a restart resumes after the last frame
 * the parent surely has (a frame sent after a failed one goes again: the parent keeps one
 * claim per case and sender). At the end it sends the end frame (no cases) and the push
 * cursor moves to that seq: later changes go by the normal push. A parent that refuses bulk
 * frames for good, or predates them, gets everything by the normal push instead (the cursor
 * has not moved).
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
  /** Frames sent and not yet settled, oldest first: each one's last case and its answer. */
  const sent: { last: string; answer: Promise<BulkResponse | null> }[] = [];
  /** Settles the oldest frame: false when the catch-up ends here (the normal push takes over). */
  const settleOldest = async (): Promise<boolean> => {
    const { last, answer } = sent.shift() as (typeof sent)[number];
    let got: BulkResponse | null;
    try {
      got = await answer;
    } catch (e) {
      // Refused for good: the normal push sends everything instead (from the push cursor,
      // which has not moved), change by change with its own typed refusals per case.
      if (!(e instanceof SyncError) || isRetryable(e.data.kind)) throw e;
      await setMeta(db, keys.done, `refused: ${e.data.kind} ${e.data.en}`);
      return false;
    }
    if (got === null) {
      // A parent older than bulk frames: the normal push sends everything.
      await setMeta(db, keys.done, "parent without bulk frames");
      return false;
    }
    await setMeta(db, keys.after, last);
    return true;
  };
  let next = read((await getMeta(db, keys.after)) ?? "");
  /** False once a frame was refused for good or the parent predates bulk frames. */
  let taken = true;
  try {
    for (;;) {
      const page = await next;
      if (page.last === null) break;
      const last = page.last;
      next = read(last);
      // Read while the frames are on their way; a failed push leaves it unawaited.
      next.catch(() => undefined);
      const answer =
        page.cases.length > 0
          ? transport.pushBulk(encodeBulkFrame(PROTOCOL_VERSION, page.cases))
          : Promise.resolve({ stored: 0, verified: 0, already: 0 });
      // Settled in order below; one that fails after an earlier failure is not a second error.
      answer.catch(() => undefined);
      sent.push({ last, answer });
      if (sent.length >= BULK_FRAMES_IN_FLIGHT && !(await settleOldest())) {
        taken = false;
        break;
      }
    }
    while (taken && sent.length > 0) taken = await settleOldest();
  } finally {
    // Nothing stays on its way past the catch-up's end or failure.
    await Promise.allSettled(sent.map((f) => f.answer));
  }
  // The end frame, once every frame is answered: the parent need not wait to be sure no frame
  // follows (its verification, and the list indexes it set aside, begin at once). Only a help:
  // a parent that refuses it (older than end frames) or does not answer waits a while instead.
  await transport.pushBulk(bulkEndFrame(PROTOCOL_VERSION)).catch(() => null);
  // Refused, or a parent without bulk frames: the normal push sends everything.
  if (!taken) return;
  if ((await store.getCursor(PUSH_CURSOR)) < upTo) await store.setCursor(PUSH_CURSOR, upTo);
  await setMeta(db, keys.done, new Date().toISOString());
}
