/**
 * Failed-login limiter: after `maxFailures` failures for one key (user name, and separately
 * the client address) within `windowMs`, further attempts are refused until the oldest
 * failure leaves the window. Kept in memory: a restart forgives, which is acceptable for
 * a station terminal; the audit log keeps every failure regardless.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds to wait before another attempt for any of the keys, or 0 if allowed now. */
  retryAfter(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const k of keys) {
      const recent = this.recent(k, now);
      if (recent.length >= this.maxFailures) {
        const oldest = recent[0] ?? now;
        wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now) / 1000));
      }
    }
    return wait;
  }

  fail(keys: readonly string[], now: number): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now]);
  }

  succeed(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}
