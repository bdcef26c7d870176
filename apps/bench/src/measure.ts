import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";

/** Nearest-rank percentile of a series (sorted here). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export const seconds = (ms: number) => round(ms / 1000, 2);

export const loadNow = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

/** VmRSS and VmHWM (peak RSS) of a process, in MB, from /proc/<pid>/status. */
export function procMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** User + system CPU seconds a process has used, from /proc/<pid>/stat. */
export function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Samples a process's VmRSS every `everyMs` (250 ms) and keeps the highest value; `peak()`
 * also reads VmHWM, the kernel's own high-water mark, which catches spikes between samples.
 */
export class RssSampler {
  private maxRss = 0;
  private lastHwm = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly pid: number,
    private readonly everyMs = 250,
  ) {}

  /** Starts sampling; resets the kernel's VmHWM first, so the peak is this period's alone. */
  start(): this {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, "5");
    } catch {
      // not permitted here: VmHWM then covers the process's whole life
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  sample(): number {
    const m = procMemory(this.pid);
    if (!m) return Number.NaN;
    this.maxRss = Math.max(this.maxRss, m.rssMb);
    this.lastHwm = Math.max(this.lastHwm, m.hwmMb);
    return m.rssMb;
  }

  /** The peak since start: the higher of sampled VmRSS and VmHWM (MB). */
  peak(): number {
    this.sample();
    return Math.max(this.maxRss, this.lastHwm);
  }

  stop(): number {
    const p = this.peak();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return p;
  }
}

/** Runs `fn` over `items` with at most `n` in flight. */
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

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passes; the time it took, or null. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 20,
): Promise<number | null> {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) return null;
    await sleep(everyMs);
  }
}
