/**
 * Making the seeded cases on both cores: worker threads run `caseMaker` or `cloneCase` over
 * ranges and stream the cases back in batches. Setup only — nothing measured runs meanwhile.
 */
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { cloneCase } from "./seed";
import {
  bulkChangeCount,
  caseMaker,
  type MakerOptions,
  type SeedCase,
  schedulerChangeCount,
} from "./workload";

export interface MakeTask extends MakerOptions {
  kind: "make";
  from: number;
  to: number;
  /** Changes per case: a fixed number, the bulk mix (1–6) or the scheduler's (1–3). */
  count: number | "bulk" | "scheduler";
}

export interface CloneTask {
  kind: "clone";
  templates: SeedCase[];
  fromActor: string;
  fromSite: string;
  targets: { actor: string; site: string; firstNumber: number }[];
}

export type GenTask = MakeTask | CloneTask;

const BATCH = 500;

function* run(task: GenTask): Generator<SeedCase> {
  if (task.kind === "make") {
    const m = caseMaker(task);
    for (let i = task.from; i < task.to; i++) {
      const count =
        task.count === "bulk"
          ? bulkChangeCount(i)
          : task.count === "scheduler"
            ? schedulerChangeCount(i)
            : task.count;
      yield m.make(i, count);
    }
    return;
  }
  let last = 0;
  const ulid = () => {
    // Unique, sortable ids for the clones (a ULID's shape: time, then randomness).
    const t = Math.max(Date.now(), last + 1);
    last = t;
    return ulidAt(t);
  };
  for (const target of task.targets) {
    let n = target.firstNumber;
    for (const t of task.templates) {
      yield cloneCase(t, {
        fromActor: task.fromActor,
        actor: target.actor,
        fromSite: task.fromSite,
        site: target.site,
        caseNumber: `${target.site}-20260401-${String(n++).padStart(6, "0")}`,
        ulid,
      });
    }
  }
}

const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** A ULID at time `t`: ten characters of time, sixteen of randomness. */
function ulidAt(t: number): string {
  let time = "";
  let x = t;
  for (let i = 0; i < 10; i++) {
    time = B32[x % 32] + time;
    x = Math.floor(x / 32);
  }
  const r = randomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += B32[(r[i] ?? 0) % 32];
  return time + rand;
}

if (parentPort && (workerData as { gen?: boolean } | null)?.gen) {
  const port = parentPort;
  port.on("message", (task: GenTask) => {
    let batch: SeedCase[] = [];
    for (const c of run(task)) {
      batch.push(c);
      if (batch.length >= BATCH) {
        port.postMessage({ batch });
        batch = [];
      }
    }
    port.postMessage({ batch, done: true });
  });
}

const bootstrap = fileURLToPath(new URL("./gen-worker.mjs", import.meta.url));
const self = new URL("./gen.ts", import.meta.url).href;

/**
 * Runs the tasks on up to `workers` threads (the cores), calling `onBatch` with each batch of
 * cases as it arrives (awaited, so the consumer can write them before more pile up).
 */
export async function generate(
  tasks: GenTask[],
  onBatch: (cases: SeedCase[]) => Promise<void> | void,
  workers = Math.min(2, cpus().length),
): Promise<void> {
  const queue = [...tasks];
  let chain = Promise.resolve();
  let failure: unknown = null;
  const runWorker = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(bootstrap, { workerData: { file: self, gen: true, worker: index } });
      const next = () => {
        const task = queue.shift();
        if (!task) {
          void w.terminate().then(() => resolve());
          return;
        }
        w.postMessage(task);
      };
      w.on("message", (m: { batch: SeedCase[]; done?: boolean }) => {
        chain = chain
          .then(() => onBatch(m.batch))
          .catch((e) => {
            failure = e;
          });
        if (m.done) next();
      });
      w.on("error", reject);
      next();
    });
  await Promise.all(Array.from({ length: workers }, (_, i) => runWorker(i)));
  await chain;
  if (failure) throw failure;
}

/** Splits [from, to) into `parts` make tasks. */
export function makeTasks(
  base: Omit<MakeTask, "kind" | "from" | "to">,
  from: number,
  to: number,
  parts = 2,
): MakeTask[] {
  const size = Math.ceil((to - from) / parts);
  const out: MakeTask[] = [];
  for (let a = from; a < to; a += size)
    out.push({ kind: "make", ...base, from: a, to: Math.min(to, a + size) });
  return out;
}

/** Makes cases in parallel and returns them in index order. */
export async function makeAll(
  base: Omit<MakeTask, "kind" | "from" | "to">,
  count: number,
): Promise<SeedCase[]> {
  const got: SeedCase[] = [];
  await generate(makeTasks(base, 0, count, 4), (b) => {
    got.push(...b);
  });
  const order = (c: SeedCase) => c.projection.caseNumber;
  return got.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
