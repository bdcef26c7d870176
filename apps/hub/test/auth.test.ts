import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, ok } from "./cases";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

async function acceptedCase() {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", elderlyIntake("13812345678"));
  await ok(lead, "cases.accept", { caseId: c.caseId });
  return c;
}

/** 120 phone tails, the right one (5678) among them. */
function tails(): string[] {
  const all = Array.from({ length: 120 }, (_, i) => String(1000 + i));
  all[77] = "5678";
  return all;
}

async function sessionCount(userId: string): Promise<number> {
  const r = await h.services.db.client.execute({
    sql: "SELECT count(*) AS n FROM sessions WHERE user_id = ?",
    args: [userId],
  });
  return Number(r.rows[0]?.n ?? 0);
}

describe("public progress attacks", () => {
  it("batched phone-tail guesses: 120 in one batched GET are refused before any runs", async () => {
    const c = await acceptedCase();
    const guesses = tails();
    const path = guesses.map(() => "public.progress").join(",");
    const input = Object.fromEntries(
      guesses.map((phoneLast4, i) => [i, { caseNumber: c.caseNumber, phoneLast4 }]),
    );
    const res = await h.app.request(
      `/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { data?: { bangban?: { code: string } } } };
    expect(body.error?.data?.bangban?.code).toBe("BATCH_REFUSED");
    expect(JSON.stringify(body)).not.toMatch(/ACCEPTED|已受理/);
  });

  it("parallel phone-tail guesses: 120 at once, the right one among them, none finds the case", async () => {
    const c = await acceptedCase();
    const results = await Promise.all(
      tails().map((phoneLast4) =>
        h.client().query("public.progress", { caseNumber: c.caseNumber, phoneLast4 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(0);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(115);
  });

  it("a batch of ordinary queries still works", async () => {
    const lead = await h.as("sunhua");
    const res = await h.app.request("/trpc/catalog.list,admin.users.list?batch=1&input={}", {
      headers: { cookie: lead.cookie },
    });
    expect(res.status).toBe(200);
  });
});

describe("password change and resets", () => {
  it("hub reset: setting a PIN ends the user's hub sessions", async () => {
    const admin = await h.as("sunhua");
    const target = { id: "u-chenjing" };
    const session = await h.as("chenjing");
    expect(await sessionCount(target.id)).toBe(1);
    await ok(admin, "admin.users.setPin", { id: target.id, pin: "864200" });
    expect(await sessionCount(target.id)).toBe(0);
    expect((await session.query("cases.list", {})).status).toBe(401);
  });

  it("admin reset: a password against the complexity rule is refused, naming the field", async () => {
    const admin = await h.as("sunhua");
    const id = "u-chenjing";
    const weak = await admin.mutate("admin.users.resetPassword", { id, password: "bangban2026" });
    expect(weak.error).toMatchObject({ field: "password", code: "INVALID_FORMAT" });
    expect(weak.error?.zh).toMatch(/至少三种/);
    const same = await admin.mutate("admin.users.resetPassword", { id, password: "Chenjing" });
    expect(same.error?.field).toBe("password");
  });

  it("changePassword: the user changes their own; other sessions end, this one stays", async () => {
    const here = await h.as("chenjing");
    const elsewhere = await h.as("chenjing");
    const wrong = await here.mutate("auth.changePassword", {
      oldPassword: "nope",
      newPassword: "Bangban-2027",
    });
    expect(wrong.error).toMatchObject({ field: "oldPassword", zh: "原密码不正确" });
    const weak = await here.mutate("auth.changePassword", {
      oldPassword: "bangban2026",
      newPassword: "short",
    });
    expect(weak.error).toMatchObject({ field: "newPassword", zh: "密码至少 8 位" });
    const r = await here.mutate("auth.changePassword", {
      oldPassword: "bangban2026",
      newPassword: "Bangban-2027",
    });
    expect(r.status).toBe(200);
    expect((await here.query("cases.list", {})).status).toBe(200);
    expect((await elsewhere.query("cases.list", {})).status).toBe(401);
    const old = await h.client().mutate("auth.login", {
      username: "chenjing",
      password: "bangban2026",
    });
    expect(old.status).toBe(403);
    await h.client().login("chenjing", "Bangban-2027");
  });

  it("changePassword: old-password guesses go through the sign-in limiter", async () => {
    const here = await h.as("chenjing");
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        here.mutate("auth.changePassword", {
          oldPassword: `guess-${i}`,
          newPassword: "Bangban-2027",
        }),
      ),
    );
    expect(tries.filter((t) => t.status === 429)).toHaveLength(7);
  });
});
