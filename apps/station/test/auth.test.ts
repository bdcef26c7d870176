import { hashSecret } from "@bangban/api";
import { applyReference, readReference } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditCount, STATION_A, type StationHarness, stationHarness } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

const T0 = "2026-11-02T02:00:00.000Z";
const minutesAfter = (iso: string, m: number) =>
  new Date(Date.parse(iso) + m * 60_000).toISOString();

/** Forty different six-digit PINs, the right one (246810) in the middle. */
function pinGuesses(): string[] {
  const guesses = Array.from({ length: 40 }, (_, i) => String(100000 + i));
  guesses[20] = "246810";
  return guesses;
}

describe("login attacks (等保2.0 login-failure handling)", () => {
  it("parallel PIN guesses: 40 at once, the right one among them, none signs in", async () => {
    const results = await Promise.all(
      pinGuesses().map((pin) => h.client().mutate("auth.pinLogin", { username: "zhangli", pin })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(0);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(35);
  });

  it("parallel password guesses: only five are ever evaluated", async () => {
    const before = await auditCount(h.services);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.client().mutate("auth.login", { username: "wangqiang", password: `guess-${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 403)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(15);
    // Each evaluated guess writes one auth.failed record; the refused ones never reach scrypt.
    expect((await auditCount(h.services)) - before).toBe(5);
  });

  it("batched guesses: a tRPC batch of sign-ins is refused before any call runs", async () => {
    const before = await auditCount(h.services);
    const guesses = pinGuesses().slice(0, 10);
    const path = guesses.map(() => "auth.pinLogin").join(",");
    const body = Object.fromEntries(guesses.map((pin, i) => [i, { username: "zhangli", pin }]));
    const res = await h.app.request(`/trpc/${path}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error?: { data?: { bangban?: { code: string } } } };
    expect(json.error?.data?.bangban?.code).toBe("BATCH_REFUSED");
    expect(await auditCount(h.services)).toBe(before);
  });

  it("shared terminal: one user's five failures do not lock the others out", async () => {
    for (let i = 0; i < 5; i++)
      await h.client().mutate("auth.login", { username: "wangqiang", password: "wrong" });
    const locked = await h.client().mutate("auth.login", {
      username: "wangqiang",
      password: "bangban2026",
    });
    expect(locked.error?.code).toBe("RATE_LIMITED");
    const other = await h.client().mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    expect(other.status).toBe(200);
  });

  it("shared terminal: the address has a ceiling of 30 failures across accounts", async () => {
    for (let i = 0; i < 30; i++)
      await h.client().mutate("auth.login", { username: `nobody${i}`, password: "wrong" });
    const r = await h.client().mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    expect(r.status).toBe(429);
    expect(r.error?.code).toBe("RATE_LIMITED");
  });
});

describe("idle lock on the shared terminal", () => {
  it("idle session: after 15 minutes every call but the resume is refused as SESSION_LOCKED", async () => {
    const helper = h.client();
    await helper.mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    h.setNow(minutesAfter(T0, 10));
    expect((await helper.query("cases.list", {})).status).toBe(200);
    h.setNow(minutesAfter(T0, 24)); // 14 minutes after the last call: still open
    expect((await helper.query("cases.list", {})).status).toBe(200);
    h.setNow(minutesAfter(T0, 40));
    const locked = await helper.query("cases.list", {});
    expect(locked.status).toBe(401);
    expect(locked.error?.code).toBe("SESSION_LOCKED");
    const me = await helper.query<{ user: { locked: boolean } | null }>("auth.me");
    expect(me.data?.user?.locked).toBe(true);
    const wrong = await helper.mutate("auth.unlock", { secret: "111111" });
    expect(wrong.error?.field).toBe("secret");
    expect((await helper.mutate("auth.unlock", { secret: "246810" })).status).toBe(200);
    expect((await helper.query("cases.list", {})).status).toBe(200);
  });

  it("idle session: the resume call goes through the same limiter", async () => {
    const helper = h.client();
    await helper.mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    h.setNow(minutesAfter(T0, 20));
    const tries = await Promise.all(
      pinGuesses().map((secret) => helper.mutate("auth.unlock", { secret })),
    );
    expect(tries.filter((r) => r.status === 200)).toHaveLength(0);
    expect((await helper.query("cases.list", {})).error?.code).toBe("SESSION_LOCKED");
  });

  it("lock now: the web app's lock makes the server refuse at once", async () => {
    const helper = h.client();
    await helper.mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    expect((await helper.mutate("auth.lock")).status).toBe(200);
    expect((await helper.query("cases.list", {})).error?.code).toBe("SESSION_LOCKED");
  });
});

describe("credentials changed at the hub", () => {
  async function applyChange(username: string, change: Record<string, unknown>) {
    const ref = await readReference(h.services.db, STATION_A);
    ref.users = ref.users.map((u) =>
      u.username === username ? { ...u, ...change, version: u.version + 1 } : u,
    );
    await applyReference(h.services.db, ref);
  }

  it("hub reset: a new PIN in the reference data ends the user's station sessions and old PIN", async () => {
    const helper = h.client();
    await helper.mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    const lead = await h.client().login("wangqiang");
    await applyChange("zhangli", { pinHash: await hashSecret("975310") });
    await applyChange("wangqiang", { displayName: "王强（新）" });
    expect((await helper.query("cases.list", {})).status).toBe(401);
    expect((await lead.query("cases.list", {})).status).toBe(200);
    const old = await h.client().mutate("auth.pinLogin", { username: "zhangli", pin: "246810" });
    expect(old.status).toBe(403);
    const fresh = await h.client().mutate("auth.pinLogin", { username: "zhangli", pin: "975310" });
    expect(fresh.status).toBe(200);
  });

  it("hub reset: a new password or deactivation ends the station sessions", async () => {
    const a = await h.client().login("zhangli");
    const b = await h.client().login("wangqiang");
    await applyChange("zhangli", { passwordHash: await hashSecret("Another-pass1") });
    await applyChange("wangqiang", { active: false });
    expect((await a.query("cases.list", {})).status).toBe(401);
    expect((await b.query("cases.list", {})).status).toBe(401);
    const rows = await h.services.db.client.execute("SELECT count(*) AS n FROM sessions");
    expect(Number(rows.rows[0]?.n)).toBe(0);
  });
});
