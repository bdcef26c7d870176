/**
 * B5 no-op resync: a station and its hub both hold 100,000 cases and nothing changed; the
 * station syncs → time and bytes. Also the hub's RSS with the 100,000 cases on disk. The
 * cases are clones of the bulk set (1–3 changes each), written straight into both databases
 * through the stores (the hub's store fills scope and feeds as it does for a push), with the
 * station's cursors where a finished sync leaves them. The peer: the same documents in both
 * nodefs stores; the station confirms each document with the hub, in batches of 1,000.
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LibsqlCaseStore } from "@bangban/db";
import { type Ctx, kb, mb, scenarioDir } from "../context";
import { generate } from "../gen";
import { procMemory, RssSampler, seconds, sleep } from "../measure";
import { dbPath, readDb, reconnectAndSync, startHubFrom, startStationFor } from "../ours";
import { docIdOf, inBatches, PeerNode, seedPeerDoc } from "../peer/driver";
import { Relay } from "../procs";
import { bulkInsert, hubFromStation, hubFromTemplate, makeStationDb } from "../seed";
import { rng, type SeedCase, stationActor } from "../workload";

const SITE = "330106001001";

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export async function b5(
  ctx: Ctx,
  bulk: SeedCase[],
  fromActor: string,
  total: number,
  peerBoundS: number,
): Promise<void> {
  const dir = scenarioDir(ctx, "b5");
  const actor = stationActor(SITE, rng(505));
  const templates = bulk.filter((c) => c.changes.length <= 2);
  const copies = Math.ceil(total / templates.length);
  ctx.log(
    `B5 no-op: seeding ${total} cases (${copies} clones of ${templates.length} bulk cases) into station, hub and the peer's stores`,
  );
  const stDir = join(dir, "station");
  const hubDir = join(dir, "hub");
  const stDb = await makeStationDb(stDir, SITE, actor);
  mkdirSync(hubDir, { recursive: true });
  hubFromTemplate(ctx.hubTemplate, hubDir);
  // The peer's stores get the documents its bounded run can reach (nodefs keeps a directory
  // per document; the ones it never opens change nothing it does).
  const peerCap = ctx.peer ? Math.min(total, 5000) : 0;
  const peerDocs: { id: string; heads: string[] }[] = [];
  let made = 0;
  let changeCount = 0;
  const t0 = performance.now();
  await generate(
    Array.from({ length: 2 }, (_, k) => ({
      kind: "clone" as const,
      templates,
      fromActor,
      fromSite: SITE,
      targets: Array.from({ length: copies }, (_, j) => j)
        .filter((j) => j % 2 === k)
        .map((j) => ({ site: SITE, actor, firstNumber: j * templates.length + 1 })),
    })),
    async (batch) => {
      const keep = batch.slice(0, Math.max(0, total - made));
      made += keep.length;
      if (!keep.length) return;
      await bulkInsert(stDb, keep);
      for (const c of keep) {
        changeCount += c.changes.length;
        if (peerDocs.length < peerCap) {
          const id = docIdOf(c.caseId);
          const bytes = concat(c.changes.map((ch) => ch.bytes));
          seedPeerDoc(join(dir, "peer-st"), id, bytes);
          seedPeerDoc(join(dir, "peer-hub"), id, bytes);
          peerDocs.push({ id, heads: c.heads });
        }
      }
    },
  );
  const stStore = new LibsqlCaseStore(stDb);
  await stStore.setCursor("hub-push", await stStore.lastSeq());
  await stDb.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  stDb.close();
  // The hub holds the same cases, in the station's scope and feed; the station has read
  // its feed to the end.
  const hubDb = await readDb(dbPath.hub(hubDir));
  await hubFromStation(hubDb, dbPath.station(stDir), SITE);
  const { rows } = await hubDb.client.execute({
    sql: "SELECT COALESCE(MAX(feed_seq), 0) AS s FROM site_feed WHERE site_id = ?",
    args: [SITE],
  });
  await hubDb.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  hubDb.close();
  const st2 = await readDb(dbPath.station(stDir));
  await new LibsqlCaseStore(st2).setCursor("hub-pull", Number(rows[0]?.s ?? 0));
  st2.close();
  ctx.log(
    `B5: seeded ${made} cases, ${changeCount} changes in ${seconds(performance.now() - t0)} s`,
  );

  // ── ours ─────────────────────────────────────────────────────────────────────
  const hub = await startHubFrom(ctx.hubTemplate, hubDir, { fromTemplate: false });
  let rounds: { ms: number; up: number; down: number }[] = [];
  let hubRss: { start: number; after: number; peak: number };
  let stationRss = 0;
  let first = { ms: 0, up: 0, down: 0 };
  let err: string | null = null;
  try {
    await sleep(2000);
    const start = procMemory(hub.hub.pid)?.rssMb ?? Number.NaN;
    const s = await startStationFor(hub, SITE, stDir);
    const hubSampler = new RssSampler(hub.hub.pid).start();
    // The first round after enrolment fetches the reference data (catalog, sites, users).
    const r0 = await reconnectAndSync(s);
    first = { ms: r0.ms, up: r0.up, down: r0.down };
    for (let i = 0; i < 3; i++) {
      const r = await reconnectAndSync(s);
      if (r.status.lastError) err = r.status.lastError.en;
      rounds.push({ ms: r.ms, up: r.up, down: r.down });
    }
    hubRss = {
      start,
      after: procMemory(hub.hub.pid)?.rssMb ?? Number.NaN,
      peak: hubSampler.stop(),
    };
    stationRss = s.sampler.stop();
    await s.stop();
  } finally {
    await hub.stop();
  }
  rounds = rounds.sort((a, b) => a.ms - b.ms);
  const mid = rounds[1] ?? rounds[0] ?? { ms: Number.NaN, up: 0, down: 0 };

  // ── peer ─────────────────────────────────────────────────────────────────────
  let peer: {
    done: number;
    elapsedMs: number;
    ms: number | null;
    hubPeak: number;
    hubStart: number;
    bytes: number;
  } | null = null;
  if (ctx.peer) {
    ctx.log(
      `B5 peer: confirm ${peerDocs.length} documents in batches of 1,000, ${peerBoundS} s bound`,
    );
    const ph = await PeerNode.start("hub", join(dir, "peer-hub"));
    const relay = await new Relay({ host: "127.0.0.1", port: ph.port as number }).start();
    try {
      await sleep(2000);
      const hubStart = procMemory(ph.pid)?.rssMb ?? Number.NaN;
      const ps = await PeerNode.start("station", join(dir, "peer-st"));
      const hubS = new RssSampler(ph.pid).start();
      relay.reset();
      await ps.send({ op: "connect", url: relay.url.replace("http", "ws") });
      const run = await inBatches(peerDocs, 1000, peerBoundS * 1000, async (batch, left) => {
        const r = await ps.send({ op: "confirm", docs: batch, timeoutMs: left }, left + 60_000);
        await ps.send({ op: "evict", ids: batch.map((d) => d.id) });
        await ph.send({ op: "evict", ids: batch.map((d) => d.id) });
        return { reached: r.reached ?? 0, error: r.ok ? undefined : r.error };
      });
      peer = {
        done: run.done,
        elapsedMs: run.elapsedMs,
        ms: peerDocs.length === made ? run.ms : null,
        hubPeak: hubS.stop(),
        hubStart,
        bytes: relay.up + relay.down,
      };
      await ps.stop();
    } finally {
      await ph.stop();
      await relay.close();
    }
  }

  const peerUnfinished =
    peer && peer.ms === null
      ? {
          boundSeconds: peerBoundS,
          progress: `${peer.done.toLocaleString("en-US")} of ${made.toLocaleString("en-US")} documents confirmed in ${seconds(peer.elapsedMs)} s, ${kb(peer.bytes)} KB on the wire${peerDocs.length < made ? ` (its stores held the first ${peerDocs.length.toLocaleString("en-US")})` : ""}`,
        }
      : undefined;
  const roundsNote = `median of 3 rounds (${rounds.map((r) => `${seconds(r.ms)} s / ${kb(r.up + r.down)} KB`).join(", ")}) after a first round that fetched the reference data (${seconds(first.ms)} s, ${kb(first.up + first.down)} KB); station process, ${made.toLocaleString("en-US")} cases / ${changeCount.toLocaleString("en-US")} changes on both sides${err ? `; round error: ${err}` : ""}`;
  ctx.results.add({
    name: "B5-noop-time",
    unit: "s",
    ours: mid.ms / 1000,
    ...(peer ? (peer.ms !== null ? { peer: peer.ms / 1000 } : { peerUnfinished }) : {}),
    target: { max: 1 },
    digits: 3,
    note: `${roundsNote}. Peer: the station opens each document and waits until the hub's sync reply shows the same heads, batches of 1,000 with eviction`,
  });
  ctx.results.add({
    name: "B5-noop-bytes",
    unit: "KB",
    ours: (mid.up + mid.down) / 1024,
    ...(peer && peer.ms !== null ? { peer: peer.bytes / 1024 } : {}),
    target: { max: 100 },
    digits: 2,
    note: `bytes on the wire both ways (TCP, HTTP headers included) for that round: ${mid.up} B up, ${mid.down} B down${peer && peer.ms === null ? `; the peer moved ${kb(peer.bytes)} KB for the ${peer.done} documents it confirmed within its bound` : ""}`,
  });
  ctx.results.add({
    name: "B5-hub-rss",
    unit: "MB",
    ours: hubRss.after,
    ...(peer ? { peer: peer.hubPeak } : {}),
    target: { max: 300 },
    note: `hub VmRSS with ${made.toLocaleString("en-US")} cases on disk, after the no-op rounds (${mb(hubRss.start)} MB once started, peak ${mb(hubRss.peak)} MB during the rounds; station peak ${mb(stationRss)} MB)${peer ? `; peer hub: ${mb(peer.hubStart)} MB once started, peak ${mb(peer.hubPeak)} MB while confirming ${peer.done} documents` : ""}`,
  });
}
