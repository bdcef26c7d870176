/**
 * B1 week-offline catch-up: a station synced with its hub goes offline for a week, during
 * which its helpers make 1,500 changes on 300 cases (150 new cases, 150 cases the hub
 * already holds); it reconnects → time until the hub holds all of them durably and the heads
 * match. Ours beside the peer, with the floors; the wire bytes of both feed B4's catch-up row.
 */
import { join } from "node:path";
import { type Ctx, kb, scenarioDir } from "../context";
import { engineSyncMs, libsqlInsertMs } from "../floors";
import { seconds, waitUntil } from "../measure";
import {
  countByActor,
  dbPath,
  headsMismatches,
  heldHashes,
  readDb,
  reconnectAndSync,
  startHubFrom,
  startStationFor,
} from "../ours";
import { docIdOf, PeerNode, seedPeerDoc } from "../peer/driver";
import { Relay } from "../procs";
import { makeStationDb, storeCases } from "../seed";
import { caseMaker, changeBytes, rng, type SeedCase, stationActor } from "../workload";

export const B1_SITE = "330106001002";

/** What B1 leaves for B4: the catch-up's wire bytes against the missing changes' size. */
export interface CatchUpBytes {
  missingBytes: number;
  missingChanges: number;
  ours: { up: number; down: number } | null;
  peer: { up: number; down: number } | null;
}

export const catchUp: CatchUpBytes = { missingBytes: 0, missingChanges: 0, ours: null, peer: null };

export async function b1(ctx: Ctx): Promise<void> {
  const dir = scenarioDir(ctx, "b1");
  const actor = stationActor(B1_SITE, rng(11));
  const maker = caseMaker({ site: B1_SITE, actor, seed: 1 });
  // Before the week: 150 cases (intake + one more change), synced.
  const before = Array.from({ length: 150 }, (_, i) => maker.make(i, 2));
  // The week: 5 more changes on each of them, and 150 new cases with 5 changes each.
  const after = before.map((c) => maker.extend(c, 5));
  const fresh = Array.from({ length: 150 }, (_, i) => maker.make(150 + i, 5));
  const week: SeedCase[] = [...after, ...fresh];
  const weekHashes = week.flatMap((c) => c.changes.map((ch) => ch.hash));
  const weekBytes = changeBytes(week);
  catchUp.missingBytes = weekBytes;
  catchUp.missingChanges = weekHashes.length;
  ctx.log(
    `B1 catch-up: ${week.length} cases, ${weekHashes.length} changes (${kb(weekBytes)} KB) made offline`,
  );
  // After the week, `after` holds only the week's changes of each case, with the heads and
  // the snapshot of the whole document.

  // ── ours ─────────────────────────────────────────────────────────────────────
  const stDir = join(dir, "station");
  const db = await makeStationDb(stDir, B1_SITE, actor);
  await storeCases(db, before);
  db.close();
  const hub = await startHubFrom(ctx.hubTemplate, join(dir, "hub"));
  let ours: { ms: number; durableMs: number | null; ok: boolean; note: string };
  try {
    // Synced before the week: one round with the network up.
    let s = await startStationFor(hub, B1_SITE, stDir, { helper: "liumei" });
    const first = await reconnectAndSync(s);
    if (first.status.lastError)
      throw new Error(`B1: first sync failed: ${first.status.lastError.en}`);
    await s.stop();
    // The week offline: the station's helpers' changes, in its database.
    const db2 = await readDb(dbPath.station(stDir));
    await storeCases(db2, week, 500);
    db2.close();
    s = await startStationFor(hub, B1_SITE, stDir, { enrol: false, helper: "liumei" });
    const hubDb = await readDb(dbPath.hub(hub.dir));
    const expected = before.reduce((n, c) => n + c.changes.length, 0) + weekHashes.length;
    const durableP = waitUntil(
      async () => (await countByActor(hubDb, actor)) >= expected,
      120_000,
      10,
    );
    const round = await reconnectAndSync(s);
    const durableMs = await durableP;
    const held = await heldHashes(hubDb, weekHashes);
    const bad = await headsMismatches(hubDb, week);
    catchUp.ours = { up: round.up, down: round.down };
    ours = {
      ms: round.ms,
      durableMs,
      ok: held === weekHashes.length && bad === 0 && !round.status.lastError,
      note: `hub holds ${held}/${weekHashes.length} of the week's changes, heads match on ${week.length - bad}/${week.length} cases; all durable on the hub ${seconds(durableMs ?? Number.NaN)} s after the reconnect; the whole round (push, pull, reference) ${seconds(round.ms)} s; wire ${kb(round.up)} KB up, ${kb(round.down)} KB down (TCP, headers included)`,
    };
    hubDb.close();
    await s.stop();
  } finally {
    await hub.stop();
  }

  // ── floors ───────────────────────────────────────────────────────────────────
  const engine = engineSyncMs(
    week.map((c, i) => ({
      from: c,
      base: i < 150 ? ((before[i] as SeedCase).snapshot ?? null) : null,
    })),
  );
  const insert = await libsqlInsertMs(dir, week);

  // ── peer ─────────────────────────────────────────────────────────────────────
  let peer: { ms: number | null; reached: number; note: string } | null = null;
  if (ctx.peer) {
    ctx.log("B1 peer: the same week on automerge-repo");
    const stStore = join(dir, "peer-st");
    for (const c of before) if (c.snapshot) seedPeerDoc(stStore, docIdOf(c.caseId), c.snapshot);
    const ph = await PeerNode.start("hub", join(dir, "peer-hub"));
    const relay = await new Relay({ host: "127.0.0.1", port: ph.port as number }).start();
    try {
      // Synced before the week (the repo keeps sync states, as it would).
      let ps = await PeerNode.start("station", stStore);
      await ps.send({ op: "connect", url: relay.url.replace("http", "ws") });
      const beforeDocs = before.map((c) => ({ id: docIdOf(c.caseId), heads: c.heads }));
      const exp = ph.send({ op: "expect", docs: beforeDocs, timeoutMs: 120_000 });
      await ps.send({ op: "open", ids: beforeDocs.map((d) => d.id) });
      const synced = await exp;
      await ps.send({ op: "evict", ids: beforeDocs.map((d) => d.id) });
      await ph.send({ op: "evict", ids: beforeDocs.map((d) => d.id) });
      await ps.stop();
      // The week: the new changes land in the station's storage as the repo saves them,
      // an incremental chunk per document (new documents: the whole document).
      for (const [i, c] of week.entries()) {
        const bytes =
          i < 150 ? concat(c.changes.map((ch) => ch.bytes)) : (c.snapshot as Uint8Array);
        seedPeerDoc(stStore, docIdOf(c.caseId), bytes);
      }
      ps = await PeerNode.start("station", stStore);
      relay.reset();
      const t0 = performance.now();
      await ps.send({ op: "connect", url: relay.url.replace("http", "ws") });
      const docs = week.map((c) => ({ id: docIdOf(c.caseId), heads: c.heads }));
      const bound = ctx.peerBoundS * 1000;
      const expect = ph.send({ op: "expect", docs, timeoutMs: bound }, bound + 60_000);
      await ps.send({ op: "open", ids: docs.map((d) => d.id) });
      const r = await expect;
      const ms = performance.now() - t0;
      catchUp.peer = { up: relay.up, down: relay.down };
      const reached = r.reached ?? 0;
      peer = {
        ms: reached === docs.length ? ms : null,
        reached,
        note: `peer: hub reached the heads of ${reached}/${docs.length} documents (flushed to its storage) ${seconds(ms)} s after the reconnect (the station process was already running; connect + open + sync); before the week ${synced.reached}/150 synced; wire ${kb(relay.up)} KB up, ${kb(relay.down)} KB down`,
      };
      await ps.stop();
    } finally {
      await ph.stop();
      await relay.close();
    }
  }

  ctx.results.add({
    name: "B1-catch-up",
    unit: "s",
    ours: ours.ms / 1000,
    ...(peer
      ? peer.ms !== null
        ? { peer: peer.ms / 1000 }
        : {
            peerUnfinished: {
              boundSeconds: ctx.peerBoundS,
              progress: `${peer.reached} of ${week.length} documents`,
            },
          }
      : {}),
    target: { max: 1, minRatio: 10 },
    floors: { automergeSync: seconds(engine.ms), libsqlInsert: seconds(insert) },
    digits: 3,
    note: `${week.length} cases (150 the hub held, 150 new), ${weekHashes.length} changes made offline, station process reconnects (relay back up, then system.syncNow) → ${ours.ok ? "verified" : "NOT VERIFIED"}: ${ours.note}. ${peer?.note ?? "peer not run"}. Floors: engine sync loop over the same 300 documents (${engine.messages} messages); libSQL insert of the ${weekHashes.length} change rows + 300 snapshot rows`,
  });
  if (!ours.ok) ctx.findings.push(`- B1: ours did not verify: ${ours.note}`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
