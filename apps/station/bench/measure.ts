import { readFileSync } from "node:fs";

/** Latency summary of a series of timed calls, in milliseconds. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an already sorted series. */
function rank(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Runs `fn` over `items` with at most `n` calls in flight. */
export async function pool<T>(
  items: readonly T[],
  n: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A process's memory from /proc/<pid>/status, in MB. */
export interface ProcMemory {
  /** VmRSS: resident now. */
  rssMb: number;
  /** VmHWM: the most it has been resident. */
  hwmMb: number;
  /** RssAnon: heap, stacks, V8 and wasm memory — what the process itself allocated. */
  anonMb: number;
  /** RssFile: mapped files resident, mostly the node executable's own pages. */
  fileMb: number;
}

export function procMemory(pid: number): ProcMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const mb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1]) / 1024;
    return {
      rssMb: mb("VmRSS"),
      hwmMb: mb("VmHWM"),
      anonMb: mb("RssAnon"),
      fileMb: mb("RssFile"),
    };
  } catch {
    return null;
  }
}

/** "anon X / file Y MB", for notes. */
export function rssParts(m: ProcMemory | null): string {
  return m ? `RssAnon ${round(m.anonMb)} MB + RssFile ${round(m.fileMb)} MB` : "";
}

/** Samples a process's RSS every `everyMs` and keeps the largest value seen. */
export class RssSampler {
  peakMb = 0;
  samples = 0;
  /** What the bench is doing now; the peak remembers it. */
  phase = "start";
  peakPhase = "start";
  /**
   * The phase in which VmHWM last rose: a peak between two samples, which the sampled VmRSS
   * misses, is still seen here (the phase of the sample that found it).
   */
  hwmPhase = "start";
  private hwmMb = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 250,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  sample(): number {
    const m = procMemory(this.pid);
    if (!m) return Number.NaN;
    this.samples++;
    if (m.rssMb > this.peakMb) {
      this.peakMb = m.rssMb;
      this.peakPhase = this.phase;
    }
    if (m.hwmMb > this.hwmMb) {
      this.hwmMb = m.hwmMb;
      this.hwmPhase = this.phase;
    }
    return m.rssMb;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** User + system CPU seconds a process has used, from /proc/<pid>/stat. */
export function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}
