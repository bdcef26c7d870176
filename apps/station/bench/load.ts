import type { HttpClient } from "@bangban/http/testing";
import { pool, procCpuSeconds, procMemory, round } from "./measure";
import { EDITS_PER_CASE, editPlan, intakeInput, type PlannedCase } from "./workload";

/** Failed calls, by path, status and error code, with one example message each. */
export class Failures {
  readonly byKey = new Map<string, { n: number; example: string }>();

  add(path: string, status: number, error?: { code: string; zh: string }) {
    const key = `${path} ${status} ${error?.code ?? ""}`.trim();
    const f = this.byKey.get(key) ?? { n: 0, example: error?.zh ?? "" };
    f.n++;
    this.byKey.set(key, f);
    if (f.n === 1) console.warn(`  ! ${key}: ${f.example}`);
  }

  count(prefix: string): number {
    let n = 0;
    for (const [k, f] of this.byKey) if (k.startsWith(prefix)) n += f.n;
    return n;
  }

  summary(): string {
    return [...this.byKey].map(([k, f]) => `${k} ×${f.n}`).join("; ");
  }
}

/** What the load phases share: the client, the station's pid, failures, a progress suffix. */
export interface LoadContext {
  client: HttpClient;
  pid: number;
  concurrency: number;
  fails: Failures;
  /** Extra text for progress lines (the station's memory breakdown under --probe). */
  extra: () => string;
  /** Null while the station runs; how it ended otherwise. */
  exited: () => string | null;
  /** Names what the bench does from now on (the RSS peak remembers it). */
  phase: (name: string) => void;
}

type CallResult = Awaited<ReturnType<HttpClient["call"]>>;

/**
 * One tRPC mutation. A refused connection means the station is gone: the run stops there,
 * saying how the process ended, rather than timing errors.
 */
export async function call(ctx: LoadContext, path: string, input: unknown): Promise<CallResult> {
  try {
    return await ctx.client.call(path, input);
  } catch (e) {
    await new Promise((r) => setTimeout(r, 200));
    const how = ctx.exited();
    if (how) throw new Error(`the station process ${how} during ${path}`);
    throw e;
  }
}

/** A phase's start: wall clock and the station's CPU seconds. */
function mark(pid: number) {
  return { at: performance.now(), cpu: procCpuSeconds(pid) };
}

function progress(ctx: LoadContext, label: string, done: number, from: ReturnType<typeof mark>) {
  const secs = (performance.now() - from.at) / 1000;
  const cpu = Math.round(((procCpuSeconds(ctx.pid) - from.cpu) / secs) * 100);
  const rss = round(procMemory(ctx.pid)?.rssMb ?? Number.NaN);
  console.log(
    `  ${label} ${done} · ${round(done / secs)}/s · ${round(secs)} s · station CPU ${cpu}% · RSS ${rss} MB${ctx.extra()}`,
  );
}

export interface Phase {
  /** Milliseconds of each successful or failed call. */
  times: number[];
  wallMs: number;
  /** Station CPU seconds (user + system) during the phase. */
  cpuSeconds: number;
  /** Calls that did not answer 200. */
  failed: number;
}

/** Takes in every planned case over HTTP, `concurrency` at a time; sets each case's id. */
export async function intakeAll(ctx: LoadContext, plan: PlannedCase[]): Promise<Phase> {
  const times: number[] = [];
  let failed = 0;
  const from = mark(ctx.pid);
  await pool(plan, ctx.concurrency, async (c, i) => {
    const t0 = performance.now();
    const r = await call(ctx, "cases.intake", intakeInput(c));
    times.push(performance.now() - t0);
    const made = r.data as { caseId?: string } | undefined;
    if (r.status === 200 && made?.caseId) c.caseId = made.caseId;
    else {
      failed++;
      ctx.fails.add("cases.intake", r.status, r.error);
    }
    if ((i + 1) % 1000 === 0) progress(ctx, `intake ${plan.length}:`, i + 1, from);
  });
  return {
    times,
    wallMs: performance.now() - from.at,
    cpuSeconds: procCpuSeconds(ctx.pid) - from.cpu,
    failed,
  };
}

export interface EditPhase extends Phase {
  byPath: Map<string, number[]>;
  rounds: number;
}

/**
 * Edits in rounds: round r makes every case's r-th edit, so the station reopens each document
 * cold (its LRU holds 200), as it would days after intake, and a stop at the time budget
 * leaves every case with the same number of changes.
 */
export async function editAll(
  ctx: LoadContext,
  cases: PlannedCase[],
  budgetMs: number,
): Promise<EditPhase> {
  const times: number[] = [];
  const byPath = new Map<string, number[]>();
  let failed = 0;
  const plans = cases.map((c) => editPlan(c, c.caseId as string));
  const from = mark(ctx.pid);
  let rounds = 0;
  let lastRoundMs = 0;
  for (let r = 0; r < EDITS_PER_CASE; r++) {
    // The first round always runs, so every case has at least one edit.
    if (r > 0 && performance.now() - from.at + lastRoundMs * 1.1 > budgetMs) {
      console.log(`  time budget reached after ${rounds} of ${EDITS_PER_CASE} rounds; stopping`);
      break;
    }
    const roundStart = performance.now();
    await pool(plans, ctx.concurrency, async (plan) => {
      const edit = plan[r];
      if (!edit) return;
      const t0 = performance.now();
      const res = await call(ctx, edit.path, edit.input);
      const dt = performance.now() - t0;
      times.push(dt);
      const series = byPath.get(edit.path) ?? [];
      series.push(dt);
      byPath.set(edit.path, series);
      if (res.status !== 200) {
        failed++;
        ctx.fails.add(edit.path, res.status, res.error);
      }
    });
    lastRoundMs = performance.now() - roundStart;
    rounds++;
    progress(ctx, `edit round ${rounds}/${EDITS_PER_CASE}:`, times.length, from);
  }
  const wallMs = performance.now() - from.at;
  const cpuSeconds = procCpuSeconds(ctx.pid) - from.cpu;
  return { times, byPath, rounds, wallMs, cpuSeconds, failed };
}

/** Intakes one at a time: the latency a helper sees on a quiet station. */
export async function serialIntakes(ctx: LoadContext, plan: PlannedCase[]): Promise<number[]> {
  const times: number[] = [];
  for (const c of plan) {
    const t0 = performance.now();
    const r = await call(ctx, "cases.intake", intakeInput(c));
    times.push(performance.now() - t0);
    if (r.status !== 200) ctx.fails.add("cases.intake (serial)", r.status, r.error);
  }
  return times;
}
