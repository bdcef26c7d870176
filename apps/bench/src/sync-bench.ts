/**
 * Sync benchmark: our hub and stations beside automerge-repo (the peer) on the same seeded
 * case documents, with the floors (the Automerge engine's own sync loop, a plain libSQL
 * insert). Writes bench/results/sync-*.json and sync.md. See bench/README.md, "Sync".
 * Run from apps/bench: `pnpm bench` or `npx tsx src/sync-bench.ts [options]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Ctx } from "./context";
import { makeAll } from "./gen";
import { loadNow, seconds } from "./measure";
import { HUB_DIR, killAll, shippedArgs } from "./procs";
import { machineInfo, RESULTS_DIR, Results, type ResultsKind } from "./results";
import { b1 } from "./scenarios/b1-catch-up";
import { B2_SITE, b2 } from "./scenarios/b2-bulk";
import { b3 } from "./scenarios/b3-ingest";
import { b4 } from "./scenarios/b4-wire";
import { b5 } from "./scenarios/b5-noop";
import { b6 } from "./scenarios/b6-district";
import { b7 } from "./scenarios/b7-storm";
import { b8 } from "./scenarios/b8-scans";
import { b9 } from "./scenarios/b9-scheduler";
import { makeHubTemplate } from "./seed";
import { rng, stationActor } from "./workload";

const USAGE = `npx tsx src/sync-bench.ts [options]   (from apps/bench; see bench/README.md)
  --only LIST         scenarios to run, e.g. B1,B4 (all: B1,B2,B2-100K,B3,B4,B5,B6,B7,B8,B9)
  --no-peer           skip the peer (automerge-repo) runs
  --peer-bound S      time bound of each peer run, seconds (300)
  --b2-cases N        cases in B2 (10000)
  --b2-large N        cases in B2-100K, B2 at ten times the size (100000)
  --b3-seconds S      length of the B3 ingest (30)
  --b3-rate N         changes per second each of the 50 simulated stations makes (80)
  --b6-cases N        cases in B6, the district catch-up (1000000)
  --b6-streets N      street hubs they come from (10)
  --b6-verify S       seconds B6 watches the district verify afterwards (30)
  --b7-stations N     stations reconnecting at once in B7, the reconnect storm (200)
  --b7-cases N        cases in each one's backlog (40; 5 changes each)
  --b7-workers N      processes the B7 stations run in (4)
  --b7-window MS      the window they reconnect in (1000)
  --b5-cases N        cases in B5 (100000)
  --b5-peer-bound S   time bound of the peer's B5 run, seconds (60)
  --b8-scans N        scans taken offline in B8 (1000)
  --b8-kb N           their size, KB (300)
  --b9-station N      open cases at the station in B9, the scheduler pass (10000)
  --b9-hub N          open cases at the hub in B9 (100000)
  --keep              keep the temp data dir (printed) instead of removing it
  --no-write          print only; leave bench/results alone`;

/** Every scenario, in the order they run. */
const SCENARIOS = ["B1", "B2", "B2-100K", "B3", "B4", "B5", "B6", "B7", "B8", "B9"];
/** The scenarios whose rows are sync-*.json. */
const SYNC_SCENARIOS = ["B1", "B2", "B2-100K", "B3", "B4", "B5", "B6", "B7"];

const { values: args } = parseArgs({
  options: {
    only: { type: "string", default: SCENARIOS.join(",") },
    "no-peer": { type: "boolean", default: false },
    "peer-bound": { type: "string", default: "300" },
    "b2-cases": { type: "string", default: "10000" },
    "b2-large": { type: "string", default: "100000" },
    "b6-cases": { type: "string", default: "1000000" },
    "b6-streets": { type: "string", default: "10" },
    "b6-verify": { type: "string", default: "30" },
    "b7-stations": { type: "string", default: "200" },
    "b7-cases": { type: "string", default: "40" },
    "b7-workers": { type: "string", default: "4" },
    "b7-window": { type: "string", default: "1000" },
    "b3-seconds": { type: "string", default: "30" },
    "b3-rate": { type: "string", default: "80" },
    "b5-cases": { type: "string", default: "100000" },
    "b5-peer-bound": { type: "string", default: "60" },
    "b8-scans": { type: "string", default: "1000" },
    "b8-kb": { type: "string", default: "300" },
    "b9-station": { type: "string", default: "10000" },
    "b9-hub": { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

const SCHEDULER_RESULTS: ResultsKind = {
  prefix: "scheduler",
  title: "Scheduler benchmark",
  intro: [
    "Written by `pnpm bench` in apps/bench (`src/sync-bench.ts`, scenario B9,",
    "`src/scenarios/b9-scheduler.ts`). One JSON file per row. One pass of a node's scheduler",
    "(issue #14) over its open cases with a fixed clock: the catch-up pass after the migration",
    "and the next working day's pass; time, with its split by step, and the memory it adds.",
  ],
};

const SCANS_RESULTS: ResultsKind = {
  prefix: "scans",
  title: "Scans benchmark",
  intro: [
    "Written by `pnpm bench` in apps/bench (`src/sync-bench.ts`, scenario B8,",
    "`src/scenarios/b8-scans.ts`). One JSON file per row. Blob sync (issue #17): a week's",
    "scans taken offline at a station going up to the hub when the network is back, and the",
    "pick-up station opening a case whose scans it lacks.",
  ],
};

async function main(): Promise<void> {
  if (args.help) return console.log(USAGE);
  const only = new Set(args.only.toUpperCase().split(","));
  const started = performance.now();
  const loadAtStart = loadNow();
  const root = mkdtempSync(join(tmpdir(), "bangban-sync-bench-"));
  const since = () => `${seconds(performance.now() - started)} s`;
  const ctx: Ctx = {
    root,
    hubTemplate: "",
    results: new Results(),
    peerBoundS: Number(args["peer-bound"]),
    peer: !args["no-peer"],
    findings: [],
    log: (m) => console.log(`[${since()}] ${m}`),
  };
  const loads: string[] = [`start ${loadAtStart}`];
  const scheduler = new Results(SCHEDULER_RESULTS);
  const scans = new Results(SCANS_RESULTS);
  const syncRan = SYNC_SCENARIOS.some((s) => only.has(s));
  try {
    ctx.log(`data in ${root}; load average ${loadAtStart}`);
    const step = async (name: string, fn: () => Promise<void>) => {
      if (!only.has(name)) return;
      ctx.log(`── ${name} ── load average ${loadNow()}`);
      await fn();
      loads.push(`after ${name} ${loadNow()}`);
    };
    if (syncRan) {
      ctx.hubTemplate = await makeHubTemplate(join(root, "hub-template"));

      // The bulk set: B2's documents, and the templates B3 and B5 clone.
      const actor = stationActor(B2_SITE, rng(101));
      // (B1, B2-100K and B7 make their own.)
      const n = ["B2", "B3", "B4", "B5"].some((s) => only.has(s)) ? Number(args["b2-cases"]) : 0;
      ctx.log(`making ${n} case documents (createCaseDoc + edits, on worker threads)`);
      const cases = n ? await makeAll({ site: B2_SITE, actor, seed: 2, count: "bulk" }, n) : [];
      ctx.log(
        `made ${cases.length} cases, ${cases.reduce((a, c) => a + c.changes.length, 0)} changes`,
      );

      await step("B1", () => b1(ctx));
      await step("B2", () => b2(ctx, cases, actor));
      await step("B2-100K", async () => {
        const big = Number(args["b2-large"]);
        ctx.log(`making ${big} case documents for B2 at ten times the size`);
        // The same maker and seed: the first 10,000 are B2's cases, the rest continue them.
        const large = await makeAll({ site: B2_SITE, actor, seed: 2, count: "bulk" }, big);
        await b2(ctx, large, actor, { label: "B2-100k", maxS: 10, compare: false });
      });
      await step("B3", async () => {
        await b3(ctx, cases, actor, {
          seconds: Number(args["b3-seconds"]),
          rate: Number(args["b3-rate"]),
        });
      });
      await step("B4", () => b4(ctx, cases, actor));
      await step("B5", () =>
        b5(ctx, cases, actor, Number(args["b5-cases"]), Number(args["b5-peer-bound"])),
      );
      await step("B6", () =>
        b6(ctx, {
          cases: Number(args["b6-cases"]),
          streets: Number(args["b6-streets"]),
          verifySeconds: Number(args["b6-verify"]),
        }),
      );
      await step("B7", () =>
        b7(ctx, {
          stations: Number(args["b7-stations"]),
          casesPerStation: Number(args["b7-cases"]),
          changesPerCase: 5,
          workers: Number(args["b7-workers"]),
          windowMs: Number(args["b7-window"]),
        }),
      );
    }
    if (only.has("B8") && !ctx.hubTemplate)
      ctx.hubTemplate = await makeHubTemplate(join(root, "hub-template"));
    await step("B8", () =>
      b8(ctx, scans, { scans: Number(args["b8-scans"]), kb: Number(args["b8-kb"]) }),
    );
    await step("B9", () =>
      b9(ctx, scheduler, {
        stationCases: Number(args["b9-station"]),
        hubCases: Number(args["b9-hub"]),
      }),
    );

    if (args["no-write"]) {
      for (const r of [...ctx.results.rows, ...scans.rows, ...scheduler.rows])
        console.log(`${r.name}: ${r.ours} ${r.unit} — ${r.note}`);
    } else {
      const common = {
        "load average (1/5/15 min)": loads.join("; "),
        "whole run": since(),
      };
      // Each bench's files are replaced only by a run of its scenarios.
      if (syncRan) {
        ctx.results.write(
          machineInfo({
            peer: "automerge-repo 2.5.6 + network-websocket 2.5.6 + storage-nodefs 2.5.6 on @automerge/automerge 3.5.0 (cbor-x without its native extension)",
            ours: `apps/hub and apps/station as shipped: node ${shippedArgs(HUB_DIR).join(" ")} serve`,
            "peer bound": `${ctx.peerBoundS} s per run`,
            scenarios: [...only].filter((s) => SYNC_SCENARIOS.includes(s)).join(", "),
            ...common,
          }),
          ctx.findings,
          // A run of some scenarios keeps the other scenarios' rows.
          { scenarios: SYNC_SCENARIOS, ran: only },
        );
      }
      if (only.has("B8")) {
        scans.write(
          machineInfo({
            ours: `apps/hub and apps/station as shipped: node ${shippedArgs(HUB_DIR).join(" ")} serve`,
            ...common,
          }),
        );
      }
      if (only.has("B9")) {
        scheduler.write(
          machineInfo({
            ours: "packages/api nodeScheduler over packages/sync CaseRepo and packages/db stores, run from source (tsx) in a process of its own per pass",
            ...common,
          }),
        );
      }
      console.log(
        `wrote ${ctx.results.rows.length + scans.rows.length + scheduler.rows.length} results to ${RESULTS_DIR}`,
      );
    }
  } finally {
    await killAll();
    if (args.keep) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().catch(async (e: unknown) => {
  console.error(e);
  await killAll();
  process.exit(1);
});
