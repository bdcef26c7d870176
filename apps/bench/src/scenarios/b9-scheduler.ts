/**
 * B9 scheduler pass (issue #14): one pass of the node's scheduler over 10,000 open cases at a
 * station and 100,000 at the hub → time and the memory it adds. Each node's database is real
 * (libSQL file, demo seed, the cases written through its case store: change log, snapshot,
 * projection with next_rule_on computed by the projection), the cases made as a node makes
 * them (workload.ts, the scheduler plan: accepted with 容缺 promises, a fifth left at 收件).
 * Each pass runs in a process of its own (scheduler-pass.ts) with a fixed clock:
 *   1. catch-up: every open case's next_rule_on set to '0000-01-01', as the migration leaves
 *      them, then the first pass ever — every open case examined;
 *   2. steady state: the pass of the next working day, over what the data makes due then.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { hashSecret } from "@bangban/api";
import {
  type Db,
  LibsqlCaseStore,
  LibsqlHubStore,
  openDb,
  seedDemo,
  setMeta,
  upsertUsers,
} from "@bangban/db";
import { type Actor, addDays } from "@bangban/domain";
import type { CaseStore } from "@bangban/sync";
import { type Ctx, mb, scenarioDir } from "../context";
import { generate, makeTasks } from "../gen";
import { seconds } from "../measure";
import { HUB_SITE } from "../procs";
import type { Results } from "../results";
import type { PassResult } from "../scheduler-pass";
import { benchUser, caseWrite, makeStationDb } from "../seed";
import { helperOf, rng, stationActor } from "../workload";

const run = promisify(execFile);
const STATION = "330106001001";
/** The day of the catch-up pass (a Wednesday); the steady-state pass is the next day. */
const DAY = "2026-04-01";
const NEXT_DAY = addDays(DAY, 1);
/** 08:30 China time: the node's first pass of the day. */
const at = (day: string) => new Date(`${day}T08:30:00+08:00`).toISOString();
/** Cases are taken in over the 30 days before the catch-up day. */
const SPREAD_DAYS = 30;

export interface B9Options {
  stationCases: number;
  hubCases: number;
}

interface Node {
  kind: "station" | "hub";
  site: string;
  file: string;
  cases: number;
}

async function seedNode(ctx: Ctx, kind: Node["kind"], count: number, seed: number): Promise<Node> {
  const dir = scenarioDir(ctx, `b9-${kind}`);
  const site = kind === "hub" ? HUB_SITE : STATION;
  const actor = stationActor(site, rng(900 + seed));
  const file = join(dir, `${kind}.db`);
  let db: Db;
  let store: CaseStore;
  let author: Actor;
  const now = new Date().toISOString();
  if (kind === "station") {
    db = await makeStationDb(dir, site, actor);
    store = new LibsqlCaseStore(db);
    author = helperOf(site);
    await upsertUsers(db, [benchUser(author, "压测帮办员", now)]);
  } else {
    db = await openDb(`file:${file}`);
    await seedDemo(db, { hashSecret });
    await setMeta(db, "actorId", actor);
    store = new LibsqlHubStore(db);
    // The center's 综窗 takes the cases in: they are the hub's own (handled at the center).
    author = { userId: `u-bench-${site}`, role: "front_desk", siteId: site, siteKind: "center" };
    await upsertUsers(db, [benchUser(author, "压测综窗人员", now)]);
  }
  const start = Date.parse(`${addDays(DAY, -SPREAD_DAYS)}T09:00:00+08:00`);
  const t0 = performance.now();
  let made = 0;
  await generate(
    makeTasks(
      {
        site,
        actor,
        seed,
        count: "scheduler",
        plan: "scheduler",
        author,
        start,
        spacingMs: Math.floor((SPREAD_DAYS * 86_400_000) / count),
        // Projections as the node wrote them: the day before the catch-up pass.
        today: addDays(DAY, -1),
      },
      0,
      count,
      4,
    ),
    async (batch) => {
      await store.commit(batch.map((c) => caseWrite(c)));
      made += batch.length;
    },
  );
  await db.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  ctx.log(
    `B9: ${kind} holds ${made} cases (made and stored in ${seconds(performance.now() - t0)} s)`,
  );
  return { kind, site, file, cases: made };
}

/** What migration 0008 leaves: every open case to be looked at by the first pass. */
async function asMigrated(file: string): Promise<number> {
  const db = await openDb(`file:${file}`);
  const r = await db.client.execute(
    "UPDATE case_projections SET next_rule_on = '0000-01-01' WHERE status NOT IN ('REJECTED_AT_INTAKE', 'COMPLETED', 'WITHDRAWN', 'TERMINATED')",
  );
  db.close();
  return r.rowsAffected;
}

async function pass(node: Node, instant: string): Promise<PassResult> {
  const script = new URL("../scheduler-pass.ts", import.meta.url).pathname;
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, node.kind, node.file, node.site, instant],
    {
      cwd: new URL("../..", import.meta.url).pathname,
      // chinese-days reads dates in the process's time zone, as the servers set it.
      env: { ...process.env, TZ: "Asia/Shanghai" },
      maxBuffer: 16 * 2 ** 20,
    },
  );
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as PassResult;
}

const n = (x: number) => x.toLocaleString("en-US");
const pct = (a: number, b: number) => `${b ? Math.round((a / b) * 1000) / 10 : 0}%`;

function split(r: PassResult): string {
  const m = r.ms;
  const evaluate =
    m.total - m.query - m.load - m.record - m.reminders - m.sms - m.nextDay - m.other;
  const s = (ms: number) => `${seconds(ms)} s`;
  return `query ${s(m.query)}, load ${s(m.load)} (of which the store's read ${s(m.storeRead)}), evaluate and the rest ${s(evaluate)}, writes: events ${s(m.record)} + reminders ${s(m.reminders)} + SMS log ${s(m.sms)} + next_rule_on ${s(m.nextDay)}; other statements ${s(m.other)}`;
}

function what(r: PassResult): string {
  const rules = Object.entries(r.eventsByRule)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ");
  return `examined ${n(r.examined)} of ${n(r.openCases)} open cases (${pct(r.examined, r.openCases)}); ${n(r.events)} system events${rules ? ` (${rules})` : ""}, ${n(r.reminders)} reminders, ${n(r.notices)} SMS notices`;
}

function addRows(
  results: Results,
  node: Node,
  phase: "catch-up" | "steady",
  r: PassResult,
  day: string,
): void {
  const name = `${node.kind}-${phase}`;
  const atHub = node.kind === "hub";
  const mem = r.memory;
  const context =
    phase === "catch-up"
      ? `the first pass after the migration (every open case's next_rule_on = '0000-01-01'), clock ${day} 08:30 China time`
      : `the next working day's pass (clock ${day} 08:30 China time), after the catch-up pass set each case's next day`;
  results.add({
    name: `${name}-time`,
    unit: "s",
    ours: r.ms.total / 1000,
    target: atHub ? { max: 1 } : null,
    digits: 2,
    note: `${node.kind} (site ${node.site}), ${n(node.cases)} cases in a real libSQL node database; ${context}: ${what(r)}. Split: ${split(r)}. nodeScheduler with the node's ports (reminders table, LogNotifier, AB岗 from recorded absences), in a process of its own; the repo loads each due case through its LRU (${atHub ? "600" : "200"}), on the calling thread${atHub ? "" : ". The issue's target is for the hub"}`,
  });
  results.add({
    name: `${name}-rss`,
    unit: "MB",
    ours: mem.rssPeakMb - mem.rssBeforeMb,
    target: atHub ? { max: 50 } : null,
    note: `extra RSS during the pass: peak ${mb(mem.rssPeakMb)} MB (VmRSS sampled every 50 ms and VmHWM) less ${mb(mem.rssBeforeMb)} MB before it (database open, scheduler built, after a GC); ${mb(mem.rssAfterMb)} MB after. JS heap used: ${mb(mem.heapBeforeMb)} MB before, peak ${mb(mem.heapPeakMb)} MB (sampled every 50 ms), ${mb(mem.heapAfterMb)} MB after`,
  });
}

export async function b9(ctx: Ctx, results: Results, opts: B9Options): Promise<void> {
  for (const [kind, count, seed] of [
    ["station", opts.stationCases, 91],
    ["hub", opts.hubCases, 92],
  ] as const) {
    if (count <= 0) continue;
    ctx.log(`B9 ${kind}: making ${n(count)} open cases (scheduler plan, on worker threads)`);
    const node = await seedNode(ctx, kind, count, seed);
    const reset = await asMigrated(node.file);
    ctx.log(`B9 ${kind}: catch-up pass over ${n(reset)} open cases at ${DAY}`);
    const catchUp = await pass(node, at(DAY));
    ctx.log(`  ${what(catchUp)} in ${seconds(catchUp.ms.total)} s; ${split(catchUp)}`);
    addRows(results, node, "catch-up", catchUp, DAY);
    ctx.log(`B9 ${kind}: steady-state pass at ${NEXT_DAY}`);
    const steady = await pass(node, at(NEXT_DAY));
    ctx.log(`  ${what(steady)} in ${seconds(steady.ms.total)} s; ${split(steady)}`);
    addRows(results, node, "steady", steady, NEXT_DAY);
  }
}
