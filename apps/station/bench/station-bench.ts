/**
 * Station benchmark (a station is a small PC): 10,000 cases with ~10 changes each, made over
 * HTTP against a real `bangban-station serve` process; then the station's RSS and the
 * list/search calls the UI makes. Writes bench/results/station-*.json and station.md.
 * Run from apps/station: `pnpm bench` (builds the bundle first) or
 * `npx tsx bench/station-bench.ts [options]` after `pnpm build`.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { hashSecret } from "@bangban/api";
import { openDb, seedDemo } from "@bangban/db";
import { localDateOf } from "@bangban/domain";
import { freePort, HttpClient } from "@bangban/http/testing";
import { statusMix, timeLists } from "./lists";
import { editAll, Failures, intakeAll, type LoadContext, serialIntakes } from "./load";
import { procMemory, RssSampler, round, rssParts, sleep, summarize } from "./measure";
import { machineInfo, RESULTS_DIR, Results } from "./results";
import { bundleBuiltAt, startStationProcess, stationArgv } from "./station-process";
import { type BenchItem, EDITS_PER_CASE, type PlannedCase, planCases } from "./workload";

const USAGE = `npx tsx bench/station-bench.ts [options]   (from apps/station; see bench/README.md)
  --cases N             cases to take in (10000)
  --concurrency N       HTTP calls in flight during the load (8)
  --load-budget S       seconds for intake + edits; edit rounds that would not fit are skipped (720)
  --idle S              seconds without requests before rss-idle (15)
  --repeats N           timed calls per list/search (20)
  --serial N            one-at-a-time intakes after the load (100)
  --no-write            print only; leave bench/results alone
  --keep                keep the station's temp data dir (its path is printed) to inspect it
  --source              run src/cli.ts through tsx instead of the bundle dist/cli.mjs
  --node-options=FLAGS  NODE_OPTIONS for the station, e.g. --node-options=--max-semi-space-size=1
  --probe               print the station's heap/wasm memory every second (mem-probe.mjs)
  --cpu-prof FILE       CPU profile of the station's first --cpu-prof-seconds (60)`;

const SITE = "330106001001";
const RSS_TARGET_MB = 150;

const { values: args } = parseArgs({
  options: {
    cases: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "8" },
    /** Seconds intake + edits may take together; edit rounds that would not fit are skipped. */
    "load-budget": { type: "string", default: "720" },
    idle: { type: "string", default: "15" },
    repeats: { type: "string", default: "20" },
    serial: { type: "string", default: "100" },
    "no-write": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    /** Run `node --import tsx src/cli.ts` instead of the bundle `node dist/cli.mjs`. */
    source: { type: "boolean", default: false },
    /** Extra node options for the station process (e.g. "--max-semi-space-size=4"). */
    "node-options": { type: "string", default: "" },
    /** Diagnostic: preload mem-probe.mjs in the station and print its heap breakdown. */
    probe: { type: "boolean", default: false },
    /** Diagnostic: write a V8 CPU profile of the station's first --cpu-prof-seconds here. */
    "cpu-prof": { type: "string" },
    "cpu-prof-seconds": { type: "string", default: "60" },
  },
});

const probeFile = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** Extra environment: --node-options and the diagnostic preloads. */
function diagnosticsEnv(): Record<string, string> {
  const imports = [
    ...(args.probe ? [probeFile("./mem-probe.mjs")] : []),
    ...(args["cpu-prof"] ? [probeFile("./cpu-probe.mjs")] : []),
  ];
  const options = [args["node-options"], ...imports.map((f) => `--import=${f}`)].join(" ").trim();
  if (!options) return {};
  return {
    NODE_OPTIONS: options,
    ...(args["cpu-prof"]
      ? { BENCH_PROF_FILE: args["cpu-prof"], BENCH_PROF_SECONDS: args["cpu-prof-seconds"] }
      : {}),
  };
}

async function seededDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bangban-bench-"));
  const db = await openDb(`file:${dir}/station.db`);
  await seedDemo(db, { hashSecret, siteIds: [SITE] });
  db.close();
  return dir;
}

function fileMb(path: string): number {
  try {
    return statSync(path).size / 2 ** 20;
  } catch {
    return 0;
  }
}

const loadNow = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

async function main() {
  if (args.help) return console.log(USAGE);
  const results = new Results();
  const loadAtStart = loadNow();
  const argv = stationArgv(args.source);
  const dir = await seededDataDir();
  const station = await startStationProcess(argv, {
    BANGBAN_SITE: SITE,
    BANGBAN_DATA_DIR: dir,
    BANGBAN_PORT: String(await freePort()),
    ...diagnosticsEnv(),
  }).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const sampler = new RssSampler(station.pid).start();
  try {
    const started = procMemory(station.pid);
    const startRss = started?.rssMb ?? Number.NaN;
    console.log(`station pid ${station.pid}: node ${argv.join(" ")}; RSS ${round(startRss)} MB`);
    const lastProbe = () =>
      station
        .output()
        .match(/^\[mem\].*$/gm)
        ?.pop() ?? "";
    const client = new HttpClient(station.url);
    await client.login("zhangli");
    const ctx: LoadContext = {
      client,
      pid: station.pid,
      concurrency: Number(args.concurrency),
      fails: new Failures(),
      extra: () => (args.probe ? ` · ${lastProbe()}` : ""),
      exited: station.exited,
      phase: (name) => {
        sampler.phase = name;
      },
    };
    results.add(
      "rss-start",
      "MB",
      startRss,
      RSS_TARGET_MB,
      `VmRSS once /healthz answers: demo seed only, no cases, no request served yet; ${rssParts(started)}`,
    );
    const made = await load(ctx, results, startRss);
    await idle(ctx, results);

    const dbUrl = `file:${dir}/station.db`;
    const statuses = await statusMix(dbUrl);
    console.log(`statuses: ${statuses}`);
    console.log(`list and search: ${args.repeats} calls each`);
    ctx.phase("list and search");
    await timeLists(
      { client, dbUrl, site: SITE, sample: made, repeats: Number(args.repeats) },
      results,
    );

    await finish(ctx, results, sampler, made);
    const dbMb = fileMb(`${dir}/station.db`) + fileMb(`${dir}/station.db-wal`);
    results.add("db-size", "MB", dbMb, null, `station.db + WAL after ${made.length} cases`);

    const failed = ctx.fails.summary();
    if (failed) console.warn(`failed calls: ${failed}`);
    if (!args["no-write"]) {
      results.write(
        machineInfo({
          station: `node ${argv.join(" ")}${args["node-options"] ? ` (NODE_OPTIONS ${args["node-options"]})` : ""}${args.source ? "" : `, built ${bundleBuiltAt()}`}`,
          cases: `${made.length} (+${args.serial} serial intakes at the end)`,
          "statuses when listed": statuses,
          concurrency: args.concurrency,
          "failed calls": failed || "none",
          "load average (1/5/15 min) at start": loadAtStart,
          "load average at end": loadNow(),
        }),
      );
      console.log(`wrote ${results.all.length} results to ${RESULTS_DIR}`);
    }
  } catch (e) {
    const tail = station.output().split("\n").slice(-15).join("\n");
    console.error(`station output (last lines):\n${tail}`);
    throw e;
  } finally {
    sampler.stop();
    await station.kill();
    if (args.keep) console.log(`kept the station's data in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

let plan: PlannedCase[] = [];

/** Intake then edits; returns the cases that were made. */
async function load(ctx: LoadContext, results: Results, startRss: number) {
  const items = await ctx.client.call<BenchItem[]>("catalog.list", { assistOnly: true }, "query");
  if (!items.data?.length) throw new Error("no station-assist items in the catalog");
  const cases = Number(args.cases);
  plan = planCases(cases + Number(args.serial), items.data, localDateOf(new Date().toISOString()));
  const budgetMs = Number(args["load-budget"]) * 1000;

  console.log(
    `intake: ${cases} cases over ${items.data.length} items, concurrency ${ctx.concurrency}`,
  );
  ctx.phase("intake");
  const intake = await intakeAll(ctx, plan.slice(0, cases));
  const made = plan.slice(0, cases).filter((c) => c.caseId);
  const il = summarize(intake.times);
  const intakeNote = `${made.length} cases.intake calls over HTTP at concurrency ${ctx.concurrency} (latency includes queueing behind the other ${ctx.concurrency - 1}); ${intake.failed} failed; station CPU ${round(intake.cpuSeconds)} s in ${round(intake.wallMs / 1000)} s wall`;
  results.add("intake-p50", "ms", il.p50, null, intakeNote);
  results.add("intake-p95", "ms", il.p95, null, intakeNote);
  results.add(
    "intake-throughput",
    "intakes/s",
    made.length / (intake.wallMs / 1000),
    null,
    intakeNote,
  );

  console.log(
    `edits: ${EDITS_PER_CASE} rounds over ${made.length} cases, concurrency ${ctx.concurrency}`,
  );
  ctx.phase("edits");
  const edits = await editAll(ctx, made, budgetMs - intake.wallMs);
  const el = summarize(edits.times);
  const perPath = [...edits.byPath]
    .map(([p, t]) => `${p} p50 ${round(summarize(t).p50)} / p95 ${round(summarize(t).p95)} ms`)
    .join("; ");
  const editNote = `${edits.times.length} edits (${edits.rounds} of ${EDITS_PER_CASE} rounds) at concurrency ${ctx.concurrency}; ${edits.failed} failed; station CPU ${round(edits.cpuSeconds)} s in ${round(edits.wallMs / 1000)} s wall; ${perPath}`;
  results.add("edit-p50", "ms", el.p50, null, editNote);
  results.add("edit-p95", "ms", el.p95, null, editNote);
  results.add(
    "edit-throughput",
    "edits/s",
    edits.times.length / (edits.wallMs / 1000),
    null,
    editNote,
  );
  const changes = 1 + (edits.times.length - edits.failed) / Math.max(1, made.length);
  const changeNote = `intake + successful edits per case, over ${made.length} cases (planned ${1 + EDITS_PER_CASE}; ${edits.rounds} of ${EDITS_PER_CASE} edit rounds fit in the ${args["load-budget"]} s load budget)`;
  results.add("changes-per-case", "changes", changes, null, changeNote);
  const loaded = procMemory(ctx.pid);
  results.add(
    "rss-after-load",
    "MB",
    loaded?.rssMb ?? Number.NaN,
    RSS_TARGET_MB,
    `VmRSS right after the last edit (${round(startRss)} MB at start); ${rssParts(loaded)}`,
  );
  return made;
}

/** RSS after a period without requests. */
async function idle(ctx: LoadContext, results: Results) {
  console.log(`idle ${args.idle} s${ctx.extra()}`);
  ctx.phase("idle");
  await sleep(Number(args.idle) * 1000);
  const rested = procMemory(ctx.pid);
  results.add(
    "rss-idle",
    "MB",
    rested?.rssMb ?? Number.NaN,
    RSS_TARGET_MB,
    `VmRSS after ${args.idle} s without requests, following the load; ${rssParts(rested)}`,
  );
  if (args.probe) console.log(`  after idle${ctx.extra()}`);
}

/** Serial intakes at full size, then the peak RSS of the whole run. */
async function finish(
  ctx: LoadContext,
  results: Results,
  sampler: RssSampler,
  made: PlannedCase[],
) {
  console.log(`serial intakes with ${made.length} cases present: ${args.serial}`);
  ctx.phase("serial intakes");
  const serial = summarize(await serialIntakes(ctx, plan.slice(Number(args.cases))));
  const note = `${serial.count} cases.intake calls one at a time after the load, ${made.length} cases present`;
  results.add("intake-serial-p50", "ms", serial.p50, null, note);
  results.add("intake-serial-p95", "ms", serial.p95, null, note);
  sampler.sample();
  const hwm = procMemory(ctx.pid)?.hwmMb ?? 0;
  console.log(`  VmHWM ${round(hwm)} MB, last risen during ${sampler.hwmPhase}`);
  results.add(
    "rss-peak",
    "MB",
    Math.max(hwm, sampler.peakMb),
    RSS_TARGET_MB,
    `VmHWM of the station process over the whole run, last risen during ${sampler.hwmPhase}; the highest VmRSS sampled every 250 ms was ${round(sampler.peakMb)} MB, during ${sampler.peakPhase} (${sampler.samples} samples)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
