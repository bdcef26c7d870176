import { SyncError } from "../protocol/errors";

/**
 * Back-pressure at the hub: how many sync pushes and pulls it serves at once, and how many may
 * wait for a slot. Past that, a caller is told to come back later (typed RETRY_AFTER with a
 * wait) instead of waiting in a line that ends in its own timeout.
 */
export interface AdmissionLimits {
  /** Calls served at once. */
  maxActive: number;
  /** Calls waiting for a slot; the next one is refused with RETRY_AFTER. */
  maxQueued: number;
  /**
   * Nor is a call queued that would wait longer than this for its slot (ms, at the measured
   * service time): on a slow or busy machine the queue shortens, so a queued call is served
   * well within the station's timeout (30 s) instead of timing out in line.
   */
  maxQueueWaitMs: number;
  /** What a call is assumed to take before any was measured (ms). */
  initialServiceMs: number;
  /** Bounds of the wait a refused caller is given (ms). */
  minRetryMs: number;
  maxRetryMs: number;
}

/**
 * The hub's defaults: a push's checks and its commit run on one thread and one writer, so a
 * few at once keep the worker threads and the disk busy without making each wait longer.
 */
export const ADMISSION_LIMITS: AdmissionLimits = {
  maxActive: 2,
  maxQueued: 8,
  maxQueueWaitMs: 5_000,
  initialServiceMs: 100,
  minRetryMs: 100,
  maxRetryMs: 30_000,
};

export interface AdmissionOptions extends Partial<AdmissionLimits> {
  /** Milliseconds (tests inject a manual clock). */
  now?: () => number;
  /** In [0, 1) (tests inject it). */
  random?: () => number;
}

/** What the gate holds now. */
export interface AdmissionState {
  active: number;
  queued: number;
  /** Refused callers told to come back at a time still to come. */
  promised: number;
  /** How long a call takes here (ms), a moving average. */
  serviceMs: number;
  admitted: number;
  refused: number;
}

/** How quickly the measured service time follows the latest calls. */
const SERVICE_WEIGHT = 0.2;

/**
 * The wait given to a refused caller (ms). It comes back no sooner than the calls ahead of it
 * (running and queued) are done, at `maxActive` at a time, and at a random point over the time
 * the callers already told to come back will take with it: 200 stations refused in the same
 * second return spread over the time it takes to serve them, not in lockstep.
 */
export function retryAfterFor(x: {
  active: number;
  queued: number;
  promised: number;
  maxActive: number;
  serviceMs: number;
  random: number;
  minMs: number;
  maxMs: number;
}): number {
  const drain = (calls: number) => (calls / x.maxActive) * x.serviceMs;
  const wait = drain(x.active + x.queued) + x.random * drain(x.promised + 1);
  return Math.min(x.maxMs, Math.max(x.minMs, Math.ceil(wait)));
}

/** The typed refusal of a busy hub: nothing was stored; retry after `retryAfterMs`. */
export function busy(retryAfterMs: number): SyncError {
  return new SyncError({
    kind: "RETRY_AFTER",
    zh: "街道中心正忙，稍后自动重试；本站业务不受影响",
    en: `The hub is busy; retry in ${retryAfterMs} ms`,
    retryAfterMs,
  });
}

/**
 * Admission control for the hub's sync calls (see `retryAfterFor` for the wait it gives).
 * `run` serves a call at once when a slot is free, queues it (in arrival order) when the queue
 * has room, and refuses it with RETRY_AFTER otherwise, before any of its work is done.
 */
export class Admission {
  private readonly limits: AdmissionLimits;
  private readonly now: () => number;
  private readonly random: () => number;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  /** When each refused caller was told to come back (ms). */
  private promises: number[] = [];
  private serviceMs: number;
  private admitted = 0;
  private refused = 0;

  constructor(o: AdmissionOptions = {}) {
    const { now, random, ...limits } = o;
    this.limits = { ...ADMISSION_LIMITS, ...limits };
    if (!(this.limits.maxActive >= 1)) throw new Error("Admission: maxActive must be at least 1");
    if (!(this.limits.maxQueued >= 0)) throw new Error("Admission: maxQueued must be at least 0");
    this.now = now ?? (() => performance.now());
    this.random = random ?? Math.random;
    this.serviceMs = this.limits.initialServiceMs;
  }

  state(): AdmissionState {
    this.forgetPast();
    return {
      active: this.active,
      queued: this.queue.length,
      promised: this.promises.length,
      serviceMs: this.serviceMs,
      admitted: this.admitted,
      refused: this.refused,
    };
  }

  /** Runs `work` when admitted; throws RETRY_AFTER (typed, with its wait) when the hub is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.maxActive) {
      const wait = ((this.active + this.queue.length) / this.limits.maxActive) * this.serviceMs;
      if (this.queue.length >= this.limits.maxQueued || wait > this.limits.maxQueueWaitMs)
        throw this.refuse();
      // The finishing call hands its slot over: `active` stays counted for this one.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    this.admitted += 1;
    const started = this.now();
    try {
      return await work();
    } finally {
      const took = this.now() - started;
      this.serviceMs += SERVICE_WEIGHT * (took - this.serviceMs);
      const next = this.queue.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  private refuse(): SyncError {
    this.forgetPast();
    const wait = retryAfterFor({
      active: this.active,
      queued: this.queue.length,
      promised: this.promises.length,
      maxActive: this.limits.maxActive,
      serviceMs: this.serviceMs,
      random: this.random(),
      minMs: this.limits.minRetryMs,
      maxMs: this.limits.maxRetryMs,
    });
    this.promises.push(this.now() + wait);
    this.refused += 1;
    return busy(wait);
  }

  private forgetPast(): void {
    const now = this.now();
    if (this.promises.some((t) => t <= now)) this.promises = this.promises.filter((t) => t > now);
  }
}
