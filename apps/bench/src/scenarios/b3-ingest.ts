/**
 * B3 ingest: 50 simulated stations (sites 330106001001–050, each enrolled with its own code
 * and actor) push concurrently for 30 s against one hub process. Each station's helpers
 * make changes at a steady rate; like the station's sync loop, a station pushes whatever it
 * has pending as soon as its previous push was acknowledged (≤ 1,000 changes a request).
 * Measured: acknowledged changes/s, push round trips (p50/p99), errors, and lost changes
 * (acknowledged but not in the hub's database afterwards). Driven from the bench over HTTP
 * with the station's wire format: 50 station processes would not fit on 2 cores.
 */
import { join } from "node:path";
import type { EncodedPushEntry } from "@bangban/sync";
import { type Ctx, mb, scenarioDir } from "../context";
import { generate } from "../gen";
import { percentile, procCpuSeconds, RssSampler, round, sleep } from "../measure";
import { dbPath, heldHashes, readDb, startHubFrom } from "../ours";
import { codesFor, stationSite } from "../seed";
import { BenchTransport, changeEntry, retryAfterOf } from "../wire";
import { rng, type SeedCase, stationActor } from "../workload";

export interface SimStation {
  site: string;
  actor: string;
  wire: BenchTransport;
  /** Pre-encoded push entries in the order the station made them (causal per case). */
  queue: { entry: EncodedPushEntry; hash: string }[];
  cases: SeedCase[];
}

/** Interleaves the cases' changes (a few cases in progress at once), keeping each case's order. */
function interleave(
  cases: SeedCase[],
  width = 8,
): { caseId: string; bytes: Uint8Array; hash: string }[] {
  const out: { caseId: string; bytes: Uint8Array; hash: string }[] = [];
  for (let g = 0; g < cases.length; g += width) {
    const group = cases.slice(g, g + width);
    const longest = Math.max(...group.map((c) => c.changes.length));
    for (let k = 0; k < longest; k++) {
      for (const c of group) {
        const ch = c.changes[k];
        if (ch) out.push({ caseId: c.caseId, bytes: ch.bytes, hash: ch.hash });
      }
    }
  }
  return out;
}

/** Clones of the bulk set for each of `count` stations, enrolled with the hub. */
export async function simStations(
  hubUrl: string,
  hubDb: string,
  templates: SeedCase[],
  fromActor: string,
  fromSite: string,
  count: number,
): Promise<SimStation[]> {
  const sites = Array.from({ length: count }, (_, i) => stationSite(i + 1));
  const actors = sites.map((s, i) => stationActor(s, rng(3000 + i)));
  const bySite = new Map<string, SeedCase[]>(sites.map((s) => [s, []]));
  const half = Math.ceil(count / 2);
  await generate(
    [0, half].map((from) => ({
      kind: "clone" as const,
      templates,
      fromActor,
      fromSite,
      targets: sites.slice(from, from + half).map((site, k) => ({
        site,
        actor: actors[from + k] as string,
        firstNumber: 1,
      })),
    })),
    (batch) => {
      for (const c of batch) bySite.get(c.site)?.push(c);
    },
  );
  const codes = await codesFor(hubDb, sites);
  const out: SimStation[] = [];
  for (const [i, site] of sites.entries()) {
    const wire = new BenchTransport(hubUrl);
    await wire.enrol(codes.get(site) as string, [actors[i] as string]);
    const cases = bySite.get(site) ?? [];
    const queue = interleave(cases).map((c) => ({
      entry: changeEntry(c.caseId, c.bytes),
      hash: c.hash,
    }));
    out.push({ site, actor: actors[i] as string, wire, queue, cases });
  }
  return out;
}

export async function b3(
  ctx: Ctx,
  bulk: SeedCase[],
  fromActor: string,
  opts: { seconds: number; rate: number },
): Promise<SimStation[]> {
  const dir = scenarioDir(ctx, "b3");
  const stations = 50;
  const need = Math.ceil(opts.rate * opts.seconds * 1.15);
  // Enough template cases for each station's queue to outlast the run.
  let n = 0;
  let changes = 0;
  while (changes < need && n < bulk.length) changes += (bulk[n++] as SeedCase).changes.length;
  const templates = bulk.slice(0, n);
  ctx.log(
    `B3 ingest: ${stations} stations × ${opts.rate} changes/s for ${opts.seconds} s; cloning ${n} cases per station`,
  );
  const hub = await startHubFrom(ctx.hubTemplate, join(dir, "hub"));
  try {
    const sims = await simStations(
      hub.hub.url,
      dbPath.hub(hub.dir),
      templates,
      fromActor,
      "330106001001",
      stations,
    );
    const times: number[] = [];
    const errors: string[] = [];
    const acked: string[][] = sims.map(() => []);
    let ackedCount = 0;
    let biggest = 0;
    const sampler = new RssSampler(hub.hub.pid).start();
    const cpu0 = procCpuSeconds(hub.hub.pid);
    const durationMs = opts.seconds * 1000;
    const t0 = performance.now();
    let exhausted = 0;
    // A busy hub's RETRY_AFTER: the station waits what it was told (its loop does), then pushes
    // what is pending by then. Not an error: the typed answer the back-pressure rule gives.
    const waits: number[] = [];
    await Promise.all(
      sims.map(async (s, i) => {
        // Each station starts at its own phase within the first second.
        const phase = (i / stations) * 1000;
        let sent = 0;
        await sleep(phase);
        for (;;) {
          const now = performance.now() - t0;
          if (now >= durationMs) return;
          // Changes made so far at this station (its helpers' pace), not yet pushed.
          const made = Math.min(s.queue.length, Math.floor(((now - phase) / 1000) * opts.rate));
          if (made >= s.queue.length && sent >= s.queue.length) {
            exhausted += 1;
            return;
          }
          if (made <= sent) {
            await sleep(Math.max(1, ((sent + 1) / opts.rate) * 1000 + phase - now));
            continue;
          }
          const batch = s.queue.slice(sent, Math.min(made, sent + 1000));
          biggest = Math.max(biggest, batch.length);
          const t = performance.now();
          try {
            await s.wire.pushRaw(batch.map((b) => b.entry));
            times.push(performance.now() - t);
            sent += batch.length;
            ackedCount += batch.length;
            for (const b of batch) acked[i]?.push(b.hash);
          } catch (e) {
            const wait = retryAfterOf(e);
            if (wait !== null) {
              waits.push(wait);
              await sleep(wait);
              continue;
            }
            const cause = (e as { cause?: { code?: string; message?: string } }).cause;
            const why = cause ? ` (${cause.code ?? cause.message ?? ""})` : "";
            errors.push(e instanceof Error ? `${e.message.slice(0, 200)}${why}` : String(e));
            await sleep(200);
          }
        }
      }),
    );
    const wallMs = performance.now() - t0;
    const cpu = procCpuSeconds(hub.hub.pid) - cpu0;
    const peak = sampler.stop();
    const hubDb = await readDb(dbPath.hub(hub.dir));
    const all = acked.flat();
    const held = await heldHashes(hubDb, all);
    hubDb.close();
    const lost = all.length - held;
    const rate = ackedCount / (wallMs / 1000);
    const pushes = times.length;
    const common = `${stations} stations × ${opts.rate} changes/s offered (${stations * opts.rate}/s), ${round(wallMs / 1000)} s, bench → hub process over HTTP (the station's wire format); ${ackedCount} changes acknowledged in ${pushes} pushes (largest ${biggest} changes); ${errors.length} errors${errors[0] ? ` (first: ${errors[0]})` : ""}; ${lost} acknowledged changes missing from the hub afterwards; ${waits.length} RETRY_AFTER answers honoured (waits p50 ${round(percentile(waits, 50))} ms, max ${round(waits.length ? Math.max(...waits) : 0)} ms; round trips above are of acknowledged pushes); hub admission: defaults (ADMISSION_LIMITS); hub CPU ${round(cpu)} s, peak RSS ${mb(peak)} MB${exhausted ? `; ${exhausted} stations ran out of prepared changes` : ""}`;
    ctx.results.add({
      name: "B3-ingest-rate",
      unit: "changes/s",
      ours: rate,
      target: { min: 3000 },
      note: common,
    });
    ctx.results.add({
      name: "B3-push-p50",
      unit: "ms",
      ours: percentile(times, 50),
      note: `round trip of a push (request sent → acknowledgement) under the B3 load; ${common}`,
    });
    ctx.results.add({
      name: "B3-push-p99",
      unit: "ms",
      ours: percentile(times, 99),
      target: { max: 250 },
      note: `round trip of a push under the B3 load (p99 of ${pushes}); max ${round(Math.max(...times))} ms`,
    });
    ctx.results.add({
      name: "B3-errors",
      unit: "requests",
      ours: errors.length,
      target: { max: 0 },
      digits: 0,
      note: common,
    });
    ctx.results.add({
      name: "B3-retry-after",
      unit: "answers",
      ours: waits.length,
      digits: 0,
      note: `typed RETRY_AFTER answers (429) to the stations' pushes, each waited out before pushing again (waits p50 ${round(percentile(waits, 50))} ms, max ${round(waits.length ? Math.max(...waits) : 0)} ms)`,
    });
    ctx.results.add({
      name: "B3-lost",
      unit: "changes",
      ours: lost,
      target: { max: 0 },
      digits: 0,
      note: common,
    });
    return sims;
  } finally {
    await hub.stop();
  }
}
