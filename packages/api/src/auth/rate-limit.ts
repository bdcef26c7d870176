/** An attempt let through: counted as a failure until it proves right. */
export interface Attempt {
  /** The secret was right: forgive the account's failures and give back this attempt. */
  succeed(): void;
}

export type AttemptResult =
  | { ok: true; attempt: Attempt }
  | { ok: false; retryAfterSeconds: number };

export interface LimiterOptions {
  /** Failures one account (a user name, a case number) may have in the window. */
  accountMax?: number;
  /**
   * Failures one client address may have across all accounts: high, because a station's
   * staff share one terminal and one person's typos must not lock out the others.
   */
  addressMax?: number;
  windowMs?: number;
}

/**
 * Failed-guess limiter, per account with a ceiling per client address. An attempt is counted
 * the moment it starts, synchronously, before the caller awaits anything: otherwise guesses
 * sent in parallel are all checked before the first failure is recorded. Kept in memory: a
 * restart forgives, which is acceptable for a station terminal; the audit log keeps every
 * failure regardless.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  private sweepAt = 10_000;
  private readonly accountMax: number;
  private readonly addressMax: number;
  private readonly windowMs: number;

  constructor(opts: LimiterOptions = {}) {
    this.accountMax = opts.accountMax ?? 5;
    this.addressMax = opts.addressMax ?? 30;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
  }

  /** Reserves one attempt for the account from the address, or says how long to wait. */
  begin(account: string, address: string, now: number): AttemptResult {
    const wait = Math.max(
      this.waitFor(account, this.accountMax, now),
      this.waitFor(address, this.addressMax, now),
    );
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    this.record(account, now);
    this.record(address, now);
    return {
      ok: true,
      attempt: {
        succeed: () => {
          this.failures.delete(account);
          this.forget(address, now);
        },
      },
    };
  }

  private waitFor(key: string, max: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < max) return 0;
    const oldest = recent[recent.length - max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  private record(key: string, now: number): void {
    // Guesses at made-up user names would otherwise grow the map for ever.
    if (this.failures.size >= this.sweepAt) this.sweep(now);
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** Drops the keys whose failures have all left the window; the next sweep waits for growth. */
  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
    this.sweepAt = Math.max(10_000, this.failures.size * 2);
  }

  /** How many keys are remembered (for the test of the sweep). */
  get size(): number {
    return this.failures.size;
  }

  /** Takes back one reserved attempt (the address's other failures stay counted). */
  private forget(key: string, at: number): void {
    const list = this.failures.get(key) ?? [];
    const i = list.lastIndexOf(at);
    if (i >= 0) list.splice(i, 1);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}
