import { SyncError } from "../protocol/errors";

/**
 * Back-pressure at the hub: how many sync pushes and pulls it serves at once, and how long a
 * call may wait for a slot. Past that, a caller is told when to come back (typed RETRY_AFTER
 * with a wait) instead of waiting in a line that ends in its own timeout.
 *
 * The rule is measured, not counted: a call's service time is learnt from the calls served
 * (by its size: a push of 1,000 changes is not a push of 10), a call is queued when the work
 * ahead of it drains within `maxQueueWaitMs`, and a refused caller is given a slot of its own
 * in the hub's schedule — the moment the work ahead and the slots already given will have
 * drained. Under a steady load the hub can carry, the queue stays short in time and few are
 * sent away (those of a bunch that would wait past the line's bound); in a storm the callers
 * come back one slot after another, so the hub stays busy and they do not return in lockstep.
 *
 * The slots given are counted as work (each caller's size, at the service time estimated
 * now), not as moments fixed when they were given: when the hub turns out faster or slower
 * than it was, the schedule for the next callers moves with it. A refused caller is told to
 * come back `retryLeadMs` before its slot and waits the rest in line: a slot booked too late
 * (the work ahead drained sooner than estimated) would leave the hub idle until its caller
 * came, one booked too early costs that caller a short wait in line. Back early to a line
 * that is full, it keeps its place.
 */
export interface AdmissionLimits {
  /** Calls served at once. */
  maxActive: number;
  /** Calls waiting for a slot at most, whatever their size (a bound on memory). */
  maxQueued: number;
  /**
   * A call is queued only when the work ahead of it (running, queued and the slots promised
   * to callers told to come back) drains within this, at the measured service time (ms); on a
   * slow or busy machine the queue shortens, so a queued call is served well within the
   * station's timeout (30 s).
   */
  maxQueueWaitMs: number;
  /** What a call is assumed to take before any was measured (ms). */
  initialServiceMs: number;
  /** Bounds of the wait a refused caller is given (ms). */
  minRetryMs: number;
  maxRetryMs: number;
  /**
   * How long before its slot a refused caller is told to come back (ms). Back then, it is
   * queued (the work ahead is within `maxQueueWaitMs`) and waits in line for its turn; had
   * the work ahead drained faster than estimated, the hub would otherwise sit idle until it
   * came. At most `maxQueueWaitMs`; none without a line (`maxQueued` 0). Simulated, a storm
   * whose first calls were slow, with a 2 s line and eight at once: a lead of 500 ms took it
   * from 2.29 s to 1.79 s; 1 s, half the line's bound, sent callers back to a full line:
   * 2.04 s. With today's 100 ms line it can only be short (2.30 s to 2.25 s at 50 ms).
   */
  retryLeadMs: number;
}

/**
 * The hub's defaults. A push's checks run on one thread (loads of new documents on worker
 * threads) and its commit joins the other pushes' ready at the same turn of the loop (the
 * database's group commit, packages/db WriteGroup). The hub shares itself among the calls it
 * runs, so a push's round trip is about its line wait plus its own work times the calls
 * beside it: the line is kept short in time. A station sent away comes back to a slot of
 * its own with what it made meanwhile, in one larger push.
 *
 * Measured under B3 (50 stations, 4,000 changes/s offered; one run each unless two given):
 * - eight at once, a 2 s line (the defaults until 2026-12): 3,830 changes/s, p50 667 ms,
 *   p99 969 ms, nobody sent away. Earlier: two at once, 1.05 pushes a commit, p99 1.4 s;
 *   sixteen, p99 1.7 s.
 * - eight, 100 ms: 3,846 / 3,790 changes/s, p99 264 / 278 ms. Six: 3,461 / 3,736, p99 248 /
 *   291 ms. Four: 3,842 / 3,840, p99 235 / 244 ms (p50 55 / 47 ms; 2,700–3,100 pushes sent
 *   away, each told its slot); in a third run, 216 ms. Three, 150 ms: 3,851,
 *   p99 256 ms.
 * Under B7 (200 stations back within a second with 200 changes each) more at once helps,
 * because those pushes load new documents on the worker threads while another is checked:
 * all durable after 7.8 / 9.7 s with eight and a 100 ms line, 9.3 / 9.1 / 12.6 s with six,
 * 10.7 / 11.1 / 11.6 / 11.8 / 12.3 s and once 32.5 s with four, 12.1 s with the old
 * defaults. With four, more stations are sent away at the storm's start, booked at the
 * estimate of its first, slowest pushes (0.4–0.55 s each, 0.05–0.2 s later): the 32.5 s
 * run gave waits of 15 s and more while the hub sat idle. Eight is kept: B3's p99 is then
 * about 10% over its target (250 ms), and B7 a third faster than it was. Tried and not
 * taken: waits of at most 3 s (more refused pushes, each sent whole: B7 13–14 s), and a
 * caller back at its slot while the hub is behind schedule kept in its place (no change).
 */
export const ADMISSION_LIMITS: AdmissionLimits = {
  maxActive: 8,
  maxQueued: 64,
  maxQueueWaitMs: 100,
  initialServiceMs: 100,
  minRetryMs: 100,
  maxRetryMs: 30_000,
  retryLeadMs: 50,
};

export interface AdmissionOptions extends Partial<AdmissionLimits> {
  /** Milliseconds (tests inject a manual clock). */
  now?: () => number;
  /** In [0, 1) (tests inject it). */
  random?: () => number;
}

/** One call as the gate sees it. */
export interface CallInfo {
  /** Its size: a push's changes (1 when not given). The service time is learnt by size. */
  size?: number;
  /**
   * Who calls (a station's site): a caller that comes back for the slot it was given is
   * queued for it, not refused again behind callers that arrived since.
   */
  caller?: string;
}

/** What the gate holds now. */
export interface AdmissionState {
  active: number;
  queued: number;
  /** Refused callers holding a slot still to come. */
  promised: number;
  /** How long a call of one change takes here (ms), as measured. */
  serviceMs: number;
  /** How long the work ahead of a new call would take to drain (ms). */
  aheadMs: number;
  admitted: number;
  refused: number;
}

/** How quickly the measured service time follows the latest calls. */
const SERVICE_WEIGHT = 0.2;

/**
 * A call's service time by its size, learnt from the calls served: a line `a + b × size`
 * fitted by least squares over the calls, the recent ones weighted most. While every call
 * had the same size it is that size's time, scaled up for a bigger call.
 */
export class ServiceTime {
  private w = 0;
  private x = 0;
  private y = 0;
  private xx = 0;
  private xy = 0;

  constructor(private readonly initialMs: number) {}

  observe(size: number, ms: number): void {
    const keep = 1 - SERVICE_WEIGHT;
    this.w = this.w * keep + 1;
    this.x = this.x * keep + size;
    this.y = this.y * keep + ms;
    this.xx = this.xx * keep + size * size;
    this.xy = this.xy * keep + size * ms;
  }

  estimate(size: number): number {
    if (this.w === 0) return this.initialMs;
    const mx = this.x / this.w;
    const my = this.y / this.w;
    const varX = this.xx / this.w - mx * mx;
    let slope = 0;
    if (varX > 1e-9 * Math.max(1, mx * mx)) slope = (this.xy / this.w - mx * my) / varX;
    const scaled = mx > 0 ? my * (size / mx) : my;
    // The fitted line, also past the sizes seen. It was once never less than in proportion to
    // the mean call, so that a slope fitted on noise could not make a large push look cheap
    // and wait in line past the station's timeout. With a line that short in time
    // (`maxQueueWaitMs`) that cannot happen, and the floor did harm: it charged small pushes'
    // fixed cost per change, so a station back with a grown backlog was booked seconds too
    // late, the hub sat idle, the backlogs grew, and under B3 the hub's intake fell from
    // 3,800 to 1,600 changes/s (waits up to 30 s).
    if (slope > 0) {
      const base = my - slope * mx;
      return base >= 0 ? base + slope * size : scaled;
    }
    // No size effect seen: the mean, scaled for a call bigger than those seen.
    return Math.max(my, scaled);
  }
}

/**
 * The wait given to a refused caller (ms): until its slot, bounded. `slotAt` is when the hub
 * is expected to start on it; the random part places it within its own slot's first half,
 * so callers refused in the same instant are apart however the clock rounds.
 */
export function retryAfterFor(x: {
  now: number;
  slotAt: number;
  slotMs: number;
  random: number;
  minMs: number;
  maxMs: number;
  /** Come back this long before the slot (see AdmissionLimits.retryLeadMs). */
  leadMs?: number;
}): number {
  const wait = x.slotAt - (x.leadMs ?? 0) - x.now + (x.random * x.slotMs) / 2;
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

interface Waiting {
  size: number;
  go: () => void;
}

interface Running {
  size: number;
  started: number;
}

interface Slot {
  /** When the caller was told to come back (ms). */
  at: number;
  /** When its slot starts (ms): `retryLeadMs` after `at`, unless the wait was bounded. */
  due: number;
  /** Its call's size, booked in the work ahead. */
  size: number;
}

/**
 * Admission control for the hub's sync calls. `run` serves a call at once when a slot is
 * free, queues it (in arrival order) when the work ahead drains within `maxQueueWaitMs`, and
 * refuses it otherwise, before any of its work is done, with RETRY_AFTER and the wait until
 * the slot booked for it.
 */
export class Admission {
  private readonly limits: AdmissionLimits;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly running = new Set<Running>();
  /** Slots handed over to queued calls: counted busy from the moment one is freed. */
  private handed = 0;
  private readonly queue: Waiting[] = [];
  /** The slots given to refused callers, by caller (or an anonymous key), in time order. */
  private slots = new Map<string, Slot>();
  private readonly service: ServiceTime;
  private admitted = 0;
  private refused = 0;
  private anonymous = 0;

  constructor(o: AdmissionOptions = {}) {
    const { now, random, ...limits } = o;
    this.limits = { ...ADMISSION_LIMITS, ...limits };
    if (!(this.limits.maxActive >= 1)) throw new Error("Admission: maxActive must be at least 1");
    if (!(this.limits.maxQueued >= 0)) throw new Error("Admission: maxQueued must be at least 0");
    this.now = now ?? (() => performance.now());
    this.random = random ?? Math.random;
    this.service = new ServiceTime(this.limits.initialServiceMs);
  }

  state(): AdmissionState {
    this.forgetPast();
    return {
      active: this.running.size + this.handed,
      queued: this.queue.length,
      promised: this.slots.size,
      serviceMs: this.service.estimate(1),
      aheadMs: this.aheadMs(),
      admitted: this.admitted,
      refused: this.refused,
    };
  }

  /** Runs `work` when admitted; throws RETRY_AFTER (typed, with its wait) when the hub is full. */
  async run<T>(work: () => Promise<T>, call: CallInfo = {}): Promise<T> {
    const size = Math.max(1, call.size ?? 1);
    this.forgetPast();
    const slot = call.caller !== undefined ? this.slots.get(call.caller) : undefined;
    // Its booked work is now the call's own (queued or running), counted there.
    if (slot && call.caller !== undefined) this.slots.delete(call.caller);
    if (this.running.size + this.handed >= this.limits.maxActive) {
      // A caller back for its slot is queued for it (the work ahead was booked with it);
      // anyone else waits behind the slots promised too.
      const wait = slot ? this.drainMs() : this.aheadMs();
      if (this.queue.length >= this.limits.maxQueued || wait > this.limits.maxQueueWaitMs) {
        // Back early, as told, and the line is full: it keeps its place, back at the slot.
        if (slot && call.caller !== undefined && this.now() + this.limits.minRetryMs <= slot.due)
          throw this.holdPlace(call.caller, slot);
        throw this.refuse(call.caller, size);
      }
      await new Promise<void>((go) => this.queue.push({ size, go }));
      this.handed -= 1;
    }
    const me: Running = { size, started: this.now() };
    this.running.add(me);
    this.admitted += 1;
    try {
      return await work();
    } finally {
      this.service.observe(size, this.now() - me.started);
      this.running.delete(me);
      const next = this.queue.shift();
      if (next) {
        // The slot passes to the next in line before anyone else can take it.
        this.handed += 1;
        next.go();
      }
    }
  }

  /** The estimated work of the calls running (what is left of it) and queued (ms). */
  private workMs(): number {
    const now = this.now();
    let work = 0;
    for (const r of this.running)
      work += Math.max(0, this.service.estimate(r.size) - (now - r.started));
    for (const q of this.queue) work += this.service.estimate(q.size);
    return work;
  }

  /** The estimated work of the slots given and not yet taken (ms). */
  private promisedMs(): number {
    let work = 0;
    for (const s of this.slots.values()) work += this.service.estimate(s.size);
    return work;
  }

  /** How long the calls running and queued take to drain, `maxActive` at a time (ms). */
  private drainMs(): number {
    return this.workMs() / this.limits.maxActive;
  }

  /** How long the calls running, queued and promised slots take to drain (ms). */
  private aheadMs(): number {
    return (this.workMs() + this.promisedMs()) / this.limits.maxActive;
  }

  private refuse(caller: string | undefined, size: number): SyncError {
    const now = this.now();
    // Its slot starts when everything booked before it is done; its own work is booked after.
    const slotAt = now + this.aheadMs();
    const slotMs = this.service.estimate(size) / this.limits.maxActive;
    const wait = retryAfterFor({
      now,
      slotAt,
      slotMs,
      random: this.random(),
      minMs: this.limits.minRetryMs,
      maxMs: this.limits.maxRetryMs,
      // With no line to wait in, coming early would only be refused again.
      leadMs:
        this.limits.maxQueued > 0
          ? Math.min(this.limits.retryLeadMs, this.limits.maxQueueWaitMs)
          : 0,
    });
    const key = caller ?? `#${this.anonymous++}`;
    this.slots.delete(key);
    this.slots.set(key, { at: now + wait, due: Math.max(now + wait, slotAt), size });
    this.refused += 1;
    return busy(wait);
  }

  /** A caller back before its slot, with no room in line: told to come at the slot itself. */
  private holdPlace(caller: string, slot: Slot): SyncError {
    const now = this.now();
    const wait = Math.min(
      this.limits.maxRetryMs,
      Math.max(this.limits.minRetryMs, Math.ceil(slot.due - now)),
    );
    this.slots.set(caller, { ...slot, at: now + wait });
    this.refused += 1;
    return busy(wait);
  }

  /**
   * A slot is kept for its caller until `maxQueueWaitMs` past the time it was given (a caller
   * back a little late still finds it), then forgotten, and the work booked for it is given
   * back: a caller that never came back holds nothing, and the hub is not kept waiting for it.
   */
  private forgetPast(): void {
    const now = this.now();
    for (const [key, s] of this.slots) {
      if (s.at + this.limits.maxQueueWaitMs > now) continue;
      this.slots.delete(key);
    }
  }
}
