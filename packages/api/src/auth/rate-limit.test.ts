import { describe, expect, it } from "vitest";
import { LoginLimiter } from "./rate-limit";

const T = Date.parse("2026-11-02T02:00:00.000Z");

describe("LoginLimiter", () => {
  it("counts an attempt the moment it begins: the sixth concurrent one is refused", () => {
    const l = new LoginLimiter();
    const started = Array.from({ length: 8 }, () => l.begin("user:a", "ip:1", T));
    expect(started.filter((r) => r.ok)).toHaveLength(5);
    expect(started[5]).toEqual({ ok: false, retryAfterSeconds: 900 });
  });

  it("locks per account: another account from the same address goes on", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 5; i++) l.begin("user:a", "ip:1", T);
    expect(l.begin("user:a", "ip:1", T).ok).toBe(false);
    expect(l.begin("user:b", "ip:1", T).ok).toBe(true);
  });

  it("the address has its own, higher ceiling", () => {
    const l = new LoginLimiter({ addressMax: 30 });
    for (let i = 0; i < 30; i++) expect(l.begin(`user:${i}`, "ip:1", T).ok).toBe(true);
    expect(l.begin("user:x", "ip:1", T).ok).toBe(false);
    expect(l.begin("user:x", "ip:2", T).ok).toBe(true);
  });

  it("a success forgives the account and gives its own attempt back to the address", () => {
    const l = new LoginLimiter({ addressMax: 6 });
    for (let i = 0; i < 4; i++) l.begin("user:a", "ip:1", T);
    const r = l.begin("user:a", "ip:1", T);
    if (!r.ok) throw new Error("refused");
    r.attempt.succeed();
    // Four failures stay on the address; the account starts again from zero.
    for (let i = 0; i < 2; i++) expect(l.begin("user:a", "ip:1", T).ok).toBe(true);
    expect(l.begin("user:a", "ip:1", T).ok).toBe(false);
  });

  it("failures leave the window after 15 minutes", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 5; i++) l.begin("user:a", "ip:1", T);
    expect(l.begin("user:a", "ip:1", T + 14 * 60_000).ok).toBe(false);
    expect(l.begin("user:a", "ip:1", T + 15 * 60_000).ok).toBe(true);
  });

  it("forgets keys whose failures left the window, so made-up names cannot fill memory", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 10_000; i++) l.begin(`user:${i}`, `ip:${i}`, T);
    expect(l.size).toBe(20_000);
    // A quarter of an hour later the first ones are forgotten as new ones arrive.
    for (let i = 0; i < 10_000; i++) l.begin(`late:${i}`, `ip:late-${i}`, T + 16 * 60_000);
    expect(l.size).toBeLessThanOrEqual(20_000);
  });
});
