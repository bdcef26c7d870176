/**
 * B6 district catch-up (issue #16): street hubs' worth of history — 1,000,000 cases in 10
 * streets by default — into an empty district node, over bulk catch-up (SPEC.md "Bulk
 * catch-up"). Every node is a real process (`bangban-hub serve` as shipped, the streets enrolled
 * with the district by a one-time code); the streets send on their first link, all at once.
 * Measured: until every case is durable and counted at the district, the district's peak RSS,
 * what verification then costs per case, and a street's no-op resync after the catch-up.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { markProjectionsCurrent } from "@bangban/api";
import { openDb, SET_ASIDE_KEY, upsertSites, upsertUsers } from "@bangban/db";
import { type Ctx, kb, mb, scenarioDir } from "../context";
import { generate, makeAll } from "../gen";
import { loadNow, procCpuSeconds, RssSampler, round, seconds, sleep, waitUntil } from "../measure";
import { readDb } from "../ours";
import {
  cli,
  HUB_DIR,
  hubEnv,
  port,
  Relay,
  type Running,
  shippedArgs,
  startProcess,
} from "../procs";
import { benchUser, bulkInsert, codesFor, hubFromTemplate } from "../seed";
import { helperOf, rng, stationActor } from "../workload";
import { B2_SITE } from "./b2-bulk";

export const DISTRICT = "330106";

export interface B6Options {
  streets: number;
  cases: number;
  /** Seconds the district verifies after the catch-up, to measure what verification costs. */
  verifySeconds: number;
}

const streetCode = (i: number) => `${DISTRICT}${String(i + 1).padStart(3, "0")}`;
const stationOf = (street: string) => `${street}001`;
const TEMPLATES = 500;

/** Each street's database with its history: `<cache>/<street>.db`. The changes made. */
async function makeStreets(
  ctx: Ctx,
  cache: string,
  streets: readonly string[],
  perStreet: number,
  site: (
    id: string,
    kind: "center" | "station",
    parentId: string,
  ) => Parameters<typeof upsertSites>[1][number],
  at: string,
): Promise<number> {
  const tplActor = stationActor(B2_SITE, rng(606));
  ctx.log(`making ${TEMPLATES} template cases`);
  const templates = await makeAll(
    { site: B2_SITE, actor: tplActor, seed: 6, count: "bulk" },
    TEMPLATES,
  );
  let changes = 0;
  const made = performance.now();
  for (const [k, s] of streets.entries()) {
    const sDir = join(cache, `make-${s}`);
    mkdirSync(sDir, { recursive: true });
    hubFromTemplate(ctx.hubTemplate, sDir);
    const db = await openDb(`file:${sDir}/hub.db`);
    // The street's own sites and staff only (the template is 330106001's).
    await upsertSites(db, [
      ...(s === "330106001" ? [] : [site(s, "center", DISTRICT)]),
      site(stationOf(s), "station", s),
    ]);
    // (The district refuses a street's report naming a site it does not know.)
    await db.client.execute({
      sql: "DELETE FROM users WHERE site_id NOT IN (?, ?)",
      args: [s, stationOf(s)],
    });
    await upsertUsers(db, [benchUser(helperOf(stationOf(s)), `压测帮办员 ${s.slice(-3)}`, at)]);
    const actor = stationActor(stationOf(s), rng(700 + k));
    const targets = Array.from({ length: Math.ceil(perStreet / TEMPLATES) }, (_, j) => ({
      actor,
      site: stationOf(s),
      firstNumber: j * TEMPLATES + 1,
    }));
    const half = Math.ceil(targets.length / 2);
    let n = 0;
    await generate(
      [targets.slice(0, half), targets.slice(half)].map((t) => ({
        kind: "clone" as const,
        templates,
        fromActor: tplActor,
        fromSite: B2_SITE,
        targets: t,
      })),
      async (batch) => {
        const keep = batch.slice(0, Math.max(0, perStreet - n));
        n += keep.length;
        changes += keep.reduce((a, c) => a + c.changes.length, 0);
        if (keep.length) await bulkInsert(db, keep);
      },
    );
    await db.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
    renameSync(join(sDir, "hub.db"), join(cache, `${s}.db`));
    rmSync(sDir, { recursive: true, force: true });
    ctx.log(`street ${s}: ${n} cases (${seconds(performance.now() - made)} s so far)`);
  }
  return changes;
}

export async function b6(ctx: Ctx, opts: B6Options): Promise<void> {
  const dir = scenarioDir(ctx, "b6");
  const streets = Array.from({ length: opts.streets }, (_, i) => streetCode(i));
  const perStreet = Math.ceil(opts.cases / opts.streets);
  const total = perStreet * opts.streets;
  ctx.log(`B6 district catch-up: ${opts.streets} streets × ${perStreet} cases`);

  // ── setup: the district (empty of cases), and each street's history in its own database ──
  const districtDir = join(dir, "district");
  mkdirSync(districtDir, { recursive: true });
  const districtEnv = { ...hubEnv(districtDir, 8730), BANGBAN_SITE: DISTRICT };
  await cli(HUB_DIR, ["seed", "--demo"], districtEnv);
  const at = new Date().toISOString();
  const site = (id: string, kind: "center" | "station", parentId: string) => ({
    id,
    name: kind === "center" ? `压测街道 ${id.slice(-3)}` : `压测社区 ${id.slice(-6)}`,
    kind,
    parentId,
    divisionCode: id,
    address: `压测路 ${id.slice(-3)} 号`,
    phone: "0571-87000000",
    version: 1,
    updatedAt: at,
  });
  const districtDb = await openDb(`file:${districtDir}/hub.db`);
  const held = new Set(
    (await districtDb.client.execute("SELECT id FROM sites")).rows.map((r) => String(r.id)),
  );
  await upsertSites(
    districtDb,
    streets.flatMap((s) => [
      ...(held.has(s) ? [] : [site(s, "center", DISTRICT)]),
      ...(held.has(stationOf(s)) ? [] : [site(stationOf(s), "station", s)]),
    ]),
  );
  districtDb.close();

  // The streets' histories take minutes to make (Automerge clones on both cores): they are
  // kept between runs, per size and fixture version, outside the run's own directory.
  const cache = join(tmpdir(), "bangban-bench-cache", `b6-v1-${opts.streets}x${perStreet}`);
  let changes = 0;
  if (!existsSync(join(cache, "done"))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    changes = await makeStreets(ctx, cache, streets, perStreet, site, at);
    writeFileSync(join(cache, "done"), `${changes}\n`);
  }
  for (const s of streets) {
    const sDir = join(dir, `street-${s}`);
    mkdirSync(sDir, { recursive: true });
    copyFileSync(join(cache, `${s}.db`), join(sDir, "hub.db"));
    // A street that has been running: its projections, made by the generator under the
    // calendar in force, need no pass at its start (else each street projects every case again).
    const db = await openDb(`file:${sDir}/hub.db`);
    await markProjectionsCurrent(db);
    db.close();
  }
  if (changes === 0) {
    for (const s of streets) {
      const db = await openDb(`file:${join(dir, `street-${s}`)}/hub.db`);
      changes += Number(
        (await db.client.execute("SELECT count(*) AS n FROM changes")).rows[0]?.n ?? 0,
      );
      db.close();
    }
    ctx.log(`street databases from ${cache}`);
  }
  ctx.log(`${total} cases, ${changes} changes in ${opts.streets} street databases`);

  // ── enrol the streets with the district ──────────────────────────────────────────────
  const codes = await codesFor(join(districtDir, "hub.db"), streets);
  const dPort = await port();
  // Diagnostics (e.g. "--import=<bench>/src/cpu-probe.mjs"): see bench/README.md.
  const nodeOptions: Record<string, string> = process.env.BENCH_HUB_NODE_OPTIONS
    ? { NODE_OPTIONS: process.env.BENCH_HUB_NODE_OPTIONS }
    : {};
  const district = await startProcess({
    name: "district",
    cwd: HUB_DIR,
    args: [...shippedArgs(HUB_DIR), "serve"],
    env: { ...districtEnv, ...nodeOptions, BANGBAN_PORT: String(dPort) },
    url: `http://127.0.0.1:${dPort}`,
    timeoutMs: 120_000,
  });
  const running: Running[] = [district];
  // The streets reach the district through a relay, shut while they start: the catch-up is
  // measured from the moment the link opens, as when a district comes up under running
  // streets, not from the streets' own start (their load workers warming up, a pass over
  // their open cases) on the same two cores.
  const link = await new Relay({ host: "127.0.0.1", port: dPort }).start();
  await link.online(false);
  try {
    const streetEnv = async (s: string) => ({
      ...hubEnv(join(dir, `street-${s}`), await port()),
      // A profiler's sampling thread keeps a process from ever looking idle (below): the
      // streets are profiled only when asked for on their own.
      ...(process.env.BENCH_B6_PROFILE_STREETS ? nodeOptions : {}),
      BANGBAN_SITE: s,
      BANGBAN_BULK_FROM: "1",
      // One round at start (the catch-up), then only when nudged.
      BANGBAN_SYNC_INTERVAL_MS: "3600000",
    });
    const envs = new Map<string, Record<string, string>>();
    for (const s of streets) {
      const env = await streetEnv(s);
      envs.set(s, env);
      await cli(
        HUB_DIR,
        ["enrol", "--district", district.url, "--code", codes.get(s) as string],
        env,
      );
    }

    // ── the streets start, the district unreachable; then the link opens ────────────────
    const ts = performance.now();
    const started = await Promise.all(
      streets.map((s) => {
        const env = envs.get(s) as Record<string, string>;
        const url = `http://127.0.0.1:${env.BANGBAN_PORT}`;
        return startProcess({
          name: `street ${s}`,
          cwd: HUB_DIR,
          args: [...shippedArgs(HUB_DIR), "serve"],
          env: { ...env, BANGBAN_DISTRICT_URL: link.url },
          url,
          timeoutMs: 300_000,
          ready: () =>
            fetch(`${url}/healthz`).then(
              async (r) =>
                r.ok &&
                ((await r.json()) as { loadWorkers?: { warm?: boolean } | null }).loadWorkers
                  ?.warm !== false,
              () => false,
            ),
        });
      }),
    );
    running.push(...started);
    const streetCpu = () => started.reduce((a, r) => a + procCpuSeconds(r.pid), 0);
    // Idle: the streets' start-up work done (under a tenth of a core between them for 2 s;
    // a tenth each when they are profiled: the sampling thread keeps running).
    const idle = process.env.BENCH_B6_PROFILE_STREETS ? 0.1 * streets.length : 0.1;
    let quiet = 0;
    for (let before = streetCpu(); quiet < 2; ) {
      await sleep(1000);
      const now = streetCpu();
      quiet = now - before < idle ? quiet + 1 : 0;
      before = now;
    }
    const startupS = (performance.now() - ts) / 1000;

    // ── the catch-up: the link opens, every street sends at once ────────────────────────
    const dDb = await readDb(join(districtDir, "hub.db"));
    const rss = new RssSampler(district.pid).start();
    const cpu0 = procCpuSeconds(district.pid);
    const sCpu0 = streetCpu();
    const load0 = loadNow();
    const t0 = performance.now();
    await link.online(true);
    const count = async (sql: string) => Number((await dDb.client.execute(sql)).rows[0]?.n ?? 0);
    let firstFrameMs: number | null = null;
    let landedMs: number | null = null;
    // Durable and queryable: every claim stored, and the list indexes the catch-up set aside
    // built again (the district does so once frames have stopped for 10 s).
    const durableMs = await waitUntil(
      async () => {
        if (landedMs === null) {
          const n = await count("SELECT count(*) AS n FROM bulk_cases");
          if (n > 0 && firstFrameMs === null) firstFrameMs = performance.now() - t0;
          if (n < total) return false;
          landedMs = performance.now() - t0;
        }
        return (await count(`SELECT count(*) AS n FROM meta WHERE key = '${SET_ASIDE_KEY}'`)) === 0;
      },
      1_800_000,
      500,
    );
    const districtCpu = procCpuSeconds(district.pid) - cpu0;
    const streetsCpu = streetCpu() - sCpu0;
    const wire = link.up + link.down;
    const peak = rss.stop();
    const counted = await count("SELECT count(*) AS n FROM case_projections");
    // Queryable: the district's figures read the claims (a dashboard-shaped query).
    const q0 = performance.now();
    const perStreetRows = await dDb.client.execute(
      `SELECT substr(origin_site_id, 1, 9) AS street, count(*) AS n,
         sum(CASE WHEN status = 'COMPLETED' THEN 1 ELSE 0 END) AS done
       FROM case_projections GROUP BY street`,
    );
    const queryMs = performance.now() - q0;
    const ok =
      durableMs !== null && counted >= total && perStreetRows.rows.length >= streets.length;
    ctx.results.add({
      name: "B6-durable-counted",
      ours: ok && durableMs !== null ? durableMs / 1000 : null,
      unit: "s",
      // The issue's 100 s is for 1,000,000 cases: a smaller run is held to its share.
      target: { max: round((100 * total) / 1_000_000, 2) },
      digits: 2,
      note: `target ${round((100 * total) / 1_000_000, 2)} s = 100 s × ${total} / 1,000,000; ${total} cases (${changes} changes) from ${opts.streets} running street hubs into an empty district, from the moment the link opened (the streets took ${round(startupS)} s to start and settle before it, not counted); first frame stored after ${seconds(firstFrameMs ?? Number.NaN)} s (a street probes an unreachable district every 5 s); every claim stored after ${seconds(landedMs ?? Number.NaN)} s, then the list indexes the catch-up set aside built again (once every street sent its end frame); ${counted} counted in case_projections; a per-street count over them took ${round(queryMs)} ms; CPU: district ${round(districtCpu)} s, the streets ${round(streetsCpu)} s together; ${round(wire / 1e6)} MB on the wire; load ${load0} → ${loadNow()}`,
    });
    ctx.results.add({
      name: "B6-district-rss",
      ours: mb(peak),
      unit: "MB",
      target: { max: 1024 },
      note: "VmHWM/VmRSS of the district process during the catch-up",
    });

    // ── verification: what it costs per case, at a full core ────────────────────────────
    await sleep(11_000); // the district verifies once frames stopped arriving (10 s)
    const v0 = await count("SELECT count(*) AS n FROM bulk_cases WHERE state <> 'waiting'");
    const cpuV0 = procCpuSeconds(district.pid);
    const tv = performance.now();
    await sleep(opts.verifySeconds * 1000);
    const v1 = await count("SELECT count(*) AS n FROM bulk_cases WHERE state = 'verified'");
    const refused = await count("SELECT count(*) AS n FROM bulk_cases WHERE state = 'refused'");
    const vMs = performance.now() - tv;
    const vCpu = procCpuSeconds(district.pid) - cpuV0;
    const rate = ((v1 + refused - v0) * 1000) / vMs;
    ctx.results.add({
      name: "B6-verify-rate",
      ours: refused === 0 ? rate : null,
      unit: "cases/s",
      note: `${v1 + refused - v0} cases verified in ${seconds(vMs)} s at the district's verify share (BANGBAN_BULK_VERIFY_SHARE, default half a core), ${round((vCpu * 1000) / Math.max(1, v1 + refused - v0), 2)} ms of CPU per case; ${refused} refused; at this rate all ${total} take ${round(total / Math.max(rate, 1e-9) / 3600, 1)} h, during which the cases are counted but in no street's feed`,
    });

    // ── a street's no-op resync after the catch-up: restart it behind a byte counter ────
    const s0 = streets[0] as string;
    const first = running.find((r) => r.name === `street ${s0}`);
    await first?.stop();
    const relay = await new Relay({ host: "127.0.0.1", port: dPort }).start();
    const env = envs.get(s0) as Record<string, string>;
    const tr = performance.now();
    const again = await startProcess({
      name: `street ${s0} again`,
      cwd: HUB_DIR,
      args: [...shippedArgs(HUB_DIR), "serve"],
      env: { ...env, BANGBAN_DISTRICT_URL: relay.url },
      url: `http://127.0.0.1:${env.BANGBAN_PORT}`,
      timeoutMs: 120_000,
    });
    running.push(again);
    const startedMs = performance.now() - tr;
    const roundMs = await waitUntil(
      async () => {
        const h = (await (await fetch(`${again.url}/healthz`)).json()) as {
          district?: { lastSuccessAt: string | null };
        };
        return !!h.district?.lastSuccessAt;
      },
      60_000,
      50,
    );
    const bytes = relay.up + relay.down;
    await relay.close();
    ctx.results.add({
      name: "B6-noop-resync",
      ours: roundMs === null ? null : roundMs / 1000,
      unit: "s",
      target: { max: 2 },
      digits: 2,
      note: `street ${s0} (${perStreet} cases) restarted after the catch-up: its first round with the district took ${seconds(roundMs ?? Number.NaN)} s after the process was serving (start ${seconds(startedMs)} s), ${kb(bytes)} KB on the wire (${relay.up} B up, ${relay.down} B down)`,
    });
    ctx.results.add({
      name: "B6-noop-resync-wire",
      ours: kb(bytes),
      unit: "KB",
      target: { max: 200 },
      note: `the same round's bytes both ways through a counting relay`,
    });
    dDb.close();
  } finally {
    await Promise.all(running.map((r) => r.stop()));
    await link.close();
  }
}
