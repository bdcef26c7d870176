import type { BulkVerifier, VerifyPass } from "./accept-bulk";

export interface VerifyLoopOptions {
  /** Cases per pass. */
  batch?: number;
  /**
   * The share of one core verification may take (0 < share ≤ 1): after a pass that took t ms
   * the loop rests t × (1 − share) / share, so a catch-up never starves the node's own work.
   */
  share?: number;
  /** The rest when nothing waits (or only cases that still wait for another node's changes). */
  idleMs?: number;
  /** True while a catch-up is landing: verification waits for it (woken by `nudge` at its end). */
  yieldTo?: () => boolean;
  /** Run before each pass once no catch-up lands (a store builds the indexes it set aside). */
  beforePass?: () => Promise<unknown>;
  onError?: (e: unknown) => void;
}

/**
 * The district's background verification of bulk cases (SPEC.md "Bulk catch-up"), at a
 * bounded rate. A pace, not a clock rule: the time it reads is the time verification took.
 */
export class BulkVerifyLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Totals since start: for /healthz. */
  readonly done: VerifyPass = { verified: 0, refused: 0, waiting: 0 };

  constructor(
    private readonly verifier: BulkVerifier,
    private readonly o: VerifyLoopOptions = {},
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Wakes the loop now (a bulk frame arrived). */
  nudge(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const share = Math.min(1, Math.max(0.05, this.o.share ?? 0.5));
    const started = performance.now();
    let rest = this.o.idleMs ?? 5_000;
    if (this.o.yieldTo?.()) {
      if (!this.stopped) this.schedule(rest);
      return;
    }
    try {
      await this.o.beforePass?.();
      const r = await this.verifier.pass(this.o.batch ?? 200);
      this.done.verified += r.verified;
      this.done.refused += r.refused;
      this.done.waiting += r.waiting;
      if (r.verified + r.refused > 0) {
        rest = ((performance.now() - started) * (1 - share)) / share;
      }
    } catch (e) {
      this.o.onError?.(e);
    }
    if (!this.stopped) this.schedule(rest);
  }
}
