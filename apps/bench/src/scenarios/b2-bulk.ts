/**
 * B2 bulk: a station pushes 10,000 cases to an empty hub; then a new station (a replacement
 * PC of the same site: a new actor) pulls the 10,000 cases in its scope. Ours beside the
 * peer (automerge-repo, batches of 1,000 with eviction), with the peak RSS of both processes
 * and the floors (the engine's own sync loop, a plain libSQL insert) on the same documents.
 */
import { join } from "node:path";
import { type Ctx, mb, scenarioDir } from "../context";
import { engineSyncMs, libsqlInsertMs } from "../floors";
import { procCpuSeconds, RssSampler, round as round2, seconds, waitUntil } from "../measure";
import {
  casesHeld,
  countByActor,
  dbPath,
  headsMismatches,
  heldHashes,
  holdsAllCases,
  readDb,
  reconnectAndSync,
  sample,
  startHubFrom,
  startStationFor,
} from "../ours";
import { docIdOf, inBatches, PeerNode, seedPeerDoc } from "../peer/driver";
import { Relay } from "../procs";
import { makeStationDb, storeCases } from "../seed";
import { rng, type SeedCase, stationActor } from "../workload";

export const B2_SITE = "330106001001";

export interface PeerSide {
  ms: number | null;
  done: number;
  total: number;
  lost: number;
  cut: number;
  hubPeakMb: number;
  stationPeakMb: number;
  elapsedMs: number;
  error?: string;
}

/** Which B2: the 10,000-case run (with the peer and the floors) or the one at ten times the size. */
export interface B2Options {
  /** The rows' prefix: "B2", or "B2-100k". */
  label: string;
  /** Target for the push and for the pull, seconds. */
  maxS: number;
  /** Run the peer and the floors beside ours (they cannot finish at 100,000: see README). */
  compare: boolean;
}

export const B2_10K: B2Options = { label: "B2", maxS: 2, compare: true };

export async function b2(
  ctx: Ctx,
  cases: SeedCase[],
  actor: string,
  opts: B2Options = B2_10K,
): Promise<void> {
  const dir = scenarioDir(ctx, opts.label.toLowerCase());
  const hashes = cases.flatMap((c) => c.changes.map((ch) => ch.hash));
  const totalChanges = hashes.length;
  ctx.log(`${opts.label} bulk: ${cases.length} cases, ${totalChanges} changes`);

  // ── ours: push ───────────────────────────────────────────────────────────────
  const stDir = join(dir, "station-a");
  const db = await makeStationDb(stDir, B2_SITE, actor);
  await storeCases(db, cases, 500);
  db.close();
  const hub = await startHubFrom(ctx.hubTemplate, join(dir, "hub"));
  let push: {
    ms: number;
    durableMs: number | null;
    verifiedMs: number | null;
    stPeak: number;
    hubPeak: number;
    ok: boolean;
    note: string;
  };
  let pull: { ms: number; stPeak: number; hubPeak: number; ok: boolean; note: string };
  try {
    const a = await startStationFor(hub, B2_SITE, stDir);
    const hubDb = await readDb(dbPath.hub(hub.dir));
    const hubBase = hub.sampler.peak();
    hub.sampler.stop();
    const hubSampler = new RssSampler(hub.hub.pid).start();
    const cpu = cpuMeter(hub.hub.pid, a.station.pid);
    let durable: Promise<number | null>;
    const t0 = performance.now();
    const round = await (async () => {
      const r = reconnectAndSync(a);
      // Durable: every case stored at the hub, as a bulk claim (SPEC.md "Bulk catch-up") or
      // verified in its change log.
      durable = waitUntil(() => holdsAllCases(hubDb, B2_SITE, actor, cases.length), 600_000, 50);
      return r;
    })();
    // biome-ignore lint/style/noNonNullAssertion: assigned above
    const durableMs = await durable!;
    const pushCpu = cpu();
    // What the wait's poll costs the machine it measures, once everything is held.
    const pollMs = async (poll: () => Promise<unknown>) => {
      const p0 = performance.now();
      await poll();
      return round2(performance.now() - p0);
    };
    const pollCost = `the wait's poll ${await pollMs(() => holdsAllCases(hubDb, B2_SITE, actor, cases.length))} ms (the union of claims and change log: ${await pollMs(() => casesHeld(hubDb, B2_SITE, actor))} ms)`;
    // Verified: every change in the hub's change log (its own acceptance of each case, in the
    // background at BANGBAN_BULK_VERIFY_SHARE once frames stop arriving), so in the feeds.
    const verifyCpu = cpuMeter(hub.hub.pid, a.station.pid);
    const verifiedWait = await waitUntil(
      async () => (await countByActor(hubDb, actor)) >= totalChanges,
      1_800_000,
      250,
    );
    const verifiedMs = verifiedWait === null ? null : performance.now() - t0;
    const verifiedCpu = verifyCpu();
    const held = await heldHashes(hubDb, hashes);
    const bad = await headsMismatches(hubDb, sample(cases, 200));
    push = {
      ms: round.ms,
      durableMs,
      verifiedMs,
      stPeak: a.sampler.stop(),
      hubPeak: hubSampler.stop(),
      ok: held === totalChanges && bad === 0 && !round.status.lastError,
      note: `hub holds ${held}/${totalChanges} changes; heads match on ${200 - bad}/200 sampled cases; round error ${round.status.lastError?.kind ?? "none"}; durable on the hub (stored, counted) after ${seconds(durableMs ?? Number.NaN)} s, verified there (in its change log and feeds) after ${seconds(verifiedMs ?? Number.NaN)} s (CPU from the round's end: ${verifiedCpu}); whole round (push, then pull of the own feed, reference) ${seconds(round.ms)} s; wire ${mb(round.up / 2 ** 20)} MB up, ${mb(round.down / 2 ** 20)} MB down; hub RSS before ${mb(hubBase)} MB; CPU until durable: ${pushCpu}; ${pollCost}`,
    };
    await a.stop();

    // ── ours: pull into a new station ──────────────────────────────────────────
    const bDir = join(dir, "station-b");
    const bActor = stationActor(B2_SITE, rng(202));
    (await makeStationDb(bDir, B2_SITE, bActor)).close();
    const b = await startStationFor(hub, B2_SITE, bDir);
    const hubSampler2 = new RssSampler(hub.hub.pid).start();
    const cpu2 = cpuMeter(hub.hub.pid, b.station.pid);
    const r2 = await reconnectAndSync(b);
    const pullCpu = cpu2();
    const stDb = await readDb(dbPath.station(b.dir));
    const held2 = await heldHashes(stDb, hashes);
    const bad2 = await headsMismatches(stDb, sample(cases, 200));
    const { rows } = await stDb.client.execute("SELECT count(*) AS n FROM case_projections");
    pull = {
      ms: r2.ms,
      stPeak: b.sampler.stop(),
      hubPeak: hubSampler2.stop(),
      ok: held2 === totalChanges && bad2 === 0 && !r2.status.lastError,
      note: `new station holds ${held2}/${totalChanges} changes and ${rows[0]?.n} case projections; heads match on ${200 - bad2}/200 sampled cases; round error ${r2.status.lastError?.kind ?? "none"}; wire ${mb(r2.up / 2 ** 20)} MB up, ${mb(r2.down / 2 ** 20)} MB down; CPU of the round: ${pullCpu}`,
    };
    stDb.close();
    hubDb.close();
    await b.stop();
  } finally {
    await hub.stop();
  }

  // ── floors ───────────────────────────────────────────────────────────────────
  let engine = { ms: Number.NaN, messages: 0 };
  let floors: { automergeSync: number; libsqlInsert: number } | undefined;
  if (opts.compare) {
    ctx.log("B2 floors: the engine's sync loop and a plain libSQL insert over the same documents");
    engine = engineSyncMs(cases.map((c) => ({ from: c, base: null })));
    const insert = await libsqlInsertMs(dir, cases);
    floors = { automergeSync: seconds(engine.ms), libsqlInsert: seconds(insert) };
  }

  // ── peer ─────────────────────────────────────────────────────────────────────
  let peerPush: PeerSide | null = null;
  let peerPull: PeerSide | null = null;
  if (ctx.peer && opts.compare) {
    ctx.log(
      `B2 peer: automerge-repo, batches of 1,000 with eviction, ${ctx.peerBoundS} s bound each way`,
    );
    const docs = cases.map((c) => ({ id: docIdOf(c.caseId), heads: c.heads }));
    for (const c of cases)
      if (c.snapshot) seedPeerDoc(join(dir, "peer-st"), docIdOf(c.caseId), c.snapshot);
    const ph = await PeerNode.start("hub", join(dir, "peer-hub"));
    const relay = await new Relay({ host: "127.0.0.1", port: ph.port as number }).start();
    try {
      const ps = await PeerNode.start("station", join(dir, "peer-st"));
      const hubS = new RssSampler(ph.pid).start();
      const stS = new RssSampler(ps.pid).start();
      await ps.send({ op: "connect", url: relay.url.replace("http", "ws") });
      const run = await inBatches(docs, 1000, ctx.peerBoundS * 1000, async (batch, left) => {
        const expect = ph.send({ op: "expect", docs: batch, timeoutMs: left }, left + 60_000);
        const opened = await ps.send({ op: "open", ids: batch.map((d) => d.id) }, left + 60_000);
        const r = await expect;
        await ps.send({ op: "evict", ids: batch.map((d) => d.id) });
        await ph.send({ op: "evict", ids: batch.map((d) => d.id) });
        return {
          reached: r.reached ?? 0,
          error: r.ok && opened.ok ? undefined : (r.error ?? opened.error),
        };
      });
      peerPush = { ...run, hubPeakMb: hubS.stop(), stationPeakMb: stS.stop() };
      await ps.stop();

      const pn = await PeerNode.start("station", join(dir, "peer-st-new"));
      const hubS2 = new RssSampler(ph.pid).start();
      const stS2 = new RssSampler(pn.pid).start();
      await pn.send({ op: "connect", url: relay.url.replace("http", "ws") });
      const run2 = await inBatches(docs, 1000, ctx.peerBoundS * 1000, async (batch, left) => {
        const r = await pn.send({ op: "fetch", docs: batch, timeoutMs: left }, left + 60_000);
        await pn.send({ op: "evict", ids: batch.map((d) => d.id) });
        await ph.send({ op: "evict", ids: batch.map((d) => d.id) });
        return { reached: r.reached ?? 0, error: r.ok ? undefined : r.error };
      });
      peerPull = { ...run2, hubPeakMb: hubS2.stop(), stationPeakMb: stS2.stop() };
      await pn.stop();
    } finally {
      await ph.stop();
      await relay.close();
    }
  }

  // ── results ──────────────────────────────────────────────────────────────────
  const peerRow = (p: PeerSide | null) =>
    p === null
      ? {}
      : p.ms !== null
        ? { peer: p.ms / 1000 }
        : {
            peerUnfinished: {
              boundSeconds: ctx.peerBoundS,
              progress: `${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")} documents in ${seconds(p.elapsedMs)} s${p.lost ? `, ${p.lost} never arrived (batch given 90 s)` : ""}${p.error ? `; stopped: ${p.error.slice(0, 240)}` : ""}`,
            },
          };
  const peerNote = (p: PeerSide | null, what: string) =>
    p === null
      ? opts.compare
        ? "peer not run"
        : "peer not run at this size: at 10,000 cases (B2) it does not finish the pull within its bound, and its floors (the engine's sync loop) alone would take minutes"
      : `peer: ${what} ${p.done}/${p.total} documents in ${seconds(p.elapsedMs)} s${p.lost ? `; ${p.lost} never reached their heads in their batch's 90 s (lost)` : ""}${p.cut ? `; ${p.cut} of the last batch not yet when it stopped` : ""}${p.error ? `; stopped: ${p.error.slice(0, 240)}` : ""}`;
  ctx.results.add({
    name: `${opts.label}-push`,
    unit: "s",
    ours: push.ms / 1000,
    ...peerRow(peerPush),
    target: opts.compare ? { max: opts.maxS, minRatio: 13 } : { max: opts.maxS },
    ...(floors ? { floors } : {}),
    digits: 2,
    note: `${cases.length} cases / ${totalChanges} changes, station process → empty hub process; ${push.ok ? "verified" : "NOT VERIFIED"}: ${push.note}. ${peerNote(peerPush, "hub has")}${floors ? `. Floors: engine sync loop ${engine.messages} messages; libSQL insert of ${totalChanges} change rows + ${cases.length} snapshot rows` : ""}`,
  });
  ctx.results.add({
    name: `${opts.label}-push-verified`,
    unit: "s",
    ours: (push.verifiedMs ?? Number.NaN) / 1000,
    digits: 2,
    note: `from the station's reconnect until the hub verified every case of the push (its own acceptance, as of a push; then in the feeds, so a new station can pull them): bulk frames are verified in the background at half a core (BANGBAN_BULK_VERIFY_SHARE) once frames have stopped arriving for 10 s; until then each case counts by the station's claim, and one the hub's staff open is verified first`,
  });
  ctx.results.add({
    name: `${opts.label}-pull`,
    unit: "s",
    ours: pull.ms / 1000,
    ...peerRow(peerPull),
    target: opts.compare ? { max: opts.maxS, minRatio: 13 } : { max: opts.maxS },
    ...(floors ? { floors } : {}),
    digits: 2,
    note: `a new station (same site, new actor) pulls all ${cases.length} in-scope cases; ${pull.ok ? "verified" : "NOT VERIFIED"}: ${pull.note}. ${peerNote(peerPull, "new station has")}${floors ? ". Floors as for the push (the same documents)" : ""}`,
  });
  const rss = (
    name: string,
    ours: number,
    peer: PeerSide | null,
    key: "hubPeakMb" | "stationPeakMb",
    what: string,
  ) =>
    ctx.results.add({
      name,
      unit: "MB",
      ours,
      ...(peer ? { peer: peer[key] } : {}),
      note: `peak RSS (VmHWM, VmRSS sampled every 250 ms) of the ${what}${peer && peer.ms === null ? `; the peer's over its ${ctx.peerBoundS} s bound (${peer.done} of ${peer.total} documents)` : ""}`,
    });
  rss(
    `${opts.label}-push-rss-hub`,
    push.hubPeak,
    peerPush,
    "hubPeakMb",
    "hub process during the push",
  );
  rss(
    `${opts.label}-push-rss-station`,
    push.stPeak,
    peerPush,
    "stationPeakMb",
    "pushing station process",
  );
  rss(
    `${opts.label}-pull-rss-hub`,
    pull.hubPeak,
    peerPull,
    "hubPeakMb",
    "hub process during the pull",
  );
  rss(
    `${opts.label}-pull-rss-station`,
    pull.stPeak,
    peerPull,
    "stationPeakMb",
    "pulling station process",
  );
  if (!push.ok || !pull.ok)
    ctx.findings.push(`- ${opts.label}: ours did not verify (${push.note}; ${pull.note}).`);
}

/**
 * CPU seconds (user + system, all threads) the hub and station use from now until the
 * returned function is called: on two cores their sum, not one thread, bounds the wall time.
 */
function cpuMeter(hubPid: number, stationPid: number): () => string {
  const h0 = procCpuSeconds(hubPid);
  const s0 = procCpuSeconds(stationPid);
  return () =>
    `hub ${round2(procCpuSeconds(hubPid) - h0)} s, station ${round2(procCpuSeconds(stationPid) - s0)} s`;
}
