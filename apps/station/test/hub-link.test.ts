import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpClient, type RunningNode } from "@bangban/http/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  elderlyIntake,
  STATION_A,
  type StationHarness,
  seededHub,
  stationHarness,
} from "./harness";

/**
 * This station (in-process, its own libSQL file) linked to a real hub process on 127.0.0.1:
 * what a helper sees of sync — 待上传 / 已同步 on each case, 立即同步, and the names of staff
 * of other sites, which arrive with the hub's reference data.
 */
const dir = mkdtempSync(join(tmpdir(), "bangban-link-"));
let hub: RunningNode;
let h: StationHarness;

beforeAll(async () => {
  let code: string;
  ({ hub, code } = await seededHub(dir));
  // The station runs on the same clock as the hub process: the hub judges pushes by its today.
  h = await stationHarness(STATION_A, new Date().toISOString());
  await h.services.sync.enrolOnly(hub.url, code);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await hub?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Every material provided, so the case can be accepted and forwarded at once. */
const complete = elderlyIntake({
  materials: ["ID_CARD", "HOUSEHOLD_REGISTER", "PHOTO", "BANK_OR_SOCIAL_SECURITY_CARD"].map(
    (code) => ({ code, state: "provided" }),
  ),
});

interface Detail {
  caseId: string;
  syncState: "synced" | "pending" | null;
  people: Record<string, string>;
  timeline: { type: string; actorId: string }[];
}

describe("a station and its hub", () => {
  it("shows 待上传 on a case until the hub acknowledged it, and 已同步 after 立即同步", async () => {
    const helper = await h.client().login("zhangli");
    const made = await helper.mutate<Detail>("cases.intake", complete);
    const caseId = made.data?.caseId as string;
    expect(made.data?.syncState).toBe("pending");
    const listed = await helper.query<{ rows: { caseId: string; syncState: string }[] }>(
      "cases.list",
      {},
    );
    expect(listed.data?.rows.find((r) => r.caseId === caseId)?.syncState).toBe("pending");

    // 立即同步 is any signed-in helper's.
    const now = await helper.mutate<{ lastSuccessAt: string | null; pending: number }>(
      "system.syncNow",
    );
    expect(now.status).toBe(200);
    expect(now.data).toMatchObject({ pending: 0 });
    expect(now.data?.lastSuccessAt).not.toBeNull();
    expect((await helper.query<Detail>("cases.get", { caseId })).data?.syncState).toBe("synced");
    const after = await helper.query<{ rows: { caseId: string; syncState: string }[] }>(
      "cases.list",
      {},
    );
    expect(after.data?.rows.find((r) => r.caseId === caseId)?.syncState).toBe("synced");

    // A new change waits again until the next exchange. (The demo hashes differ between the
    // two seeds: the hub's arrived with the sync, which signs the helper out here.)
    const again = await h.client().login("zhangli");
    const accepted = await again.mutate<Detail>("cases.accept", { caseId });
    expect(accepted.data?.syncState).toBe("pending");
  });

  it("its audit log syncs up after the cases: the center lead reads it at the hub, chain intact", async () => {
    const lead = await h.client().login("wangqiang");
    await lead.mutate("system.syncNow");
    const status = await lead.query<{ sync: { audit: unknown } }>("system.status");
    expect(status.data?.sync.audit).toEqual({ pending: 0, refusal: null, hubLacksCall: false });
    const center = new HttpClient(hub.url);
    await center.login("sunhua");
    const page = await center.call<{ rows: { action: string; userName: string | null }[] }>(
      "audit.list",
      { site: STATION_A, action: "auth.login.*", limit: 100 },
      "query",
    );
    expect(page.data?.rows.length).toBeGreaterThan(0);
    expect(page.data?.rows.every((r) => r.action.startsWith("auth.login."))).toBe(true);
    const verdict = await center.call<{ result: { ok: boolean } }>("audit.verify", {
      site: STATION_A,
    });
    expect(verdict.data?.result.ok).toBe(true);
  });

  it("names a reviewer it never held, who acted at the hub, after a sync", async () => {
    const helper = await h.client().login("zhangli");
    const made = await helper.mutate<Detail>("cases.intake", complete);
    const caseId = made.data?.caseId as string;
    await helper.mutate("cases.accept", { caseId });
    await helper.mutate("cases.forward", { caseId });
    await h.services.sync.syncNow();

    const reviewer = new HttpClient(hub.url);
    await reviewer.login("chenjing");
    expect((await reviewer.call("cases.startReview", { caseId })).status).toBe(200);
    await h.services.sync.syncNow();

    const reader = await h.client().login("zhangli");
    const detail = (await reader.query<Detail>("cases.get", { caseId })).data as Detail;
    expect(detail.timeline.map((e) => e.actorId)).toContain("u-chenjing");
    expect(detail.people["u-chenjing"]).toBe("陈静");
    expect(detail.people["u-zhangli"]).toBe("张丽");
    // A name, not an account: the reviewer cannot sign in at the station.
    const visitor = await h.client().mutate("auth.login", {
      username: "chenjing",
      password: "bangban2026",
    });
    expect(visitor.status).not.toBe(200);
  });

  it("a 调休 row saved at the hub moves an open case's due date at the station after a sync", async () => {
    const helper = await h.client().login("zhangli");
    const made = await helper.mutate<Detail>("cases.intake", complete);
    const caseId = made.data?.caseId as string;
    await helper.mutate("cases.accept", { caseId });
    const before = (await h.services.repo.store.getProjection(caseId))?.dueOn as string;
    expect(before).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The center closes on the case's due day (a local closure): the due day moves on.
    const admin = new HttpClient(hub.url);
    await admin.login("sunhua");
    const table = await admin.call<{ version: number }>("admin.calendar.get", undefined, "query");
    const saved = await admin.call("admin.calendar.update", {
      days: { [before]: "rest" },
      expectedVersion: table.data?.version,
    });
    expect(saved.status).toBe(200);
    expect((await h.services.repo.store.getProjection(caseId))?.dueOn).toBe(before);

    await h.services.sync.syncNow();
    await h.services.deadlines.idle();
    const after = (await h.services.repo.store.getProjection(caseId))?.dueOn as string;
    expect(after > before).toBe(true);
    expect(h.services.calendar.get().isWorkday(before)).toBe(false);
  });

  it("投诉同步: a complaint registered at the station reaches the hub's ledger; the center's answer comes back", async () => {
    const helper = await h.client().login("zhangli");
    const made = await helper.mutate<{ id: string; complainant: unknown }>("complaints.register", {
      channel: "cant_get_it_done_desk",
      target: { staffId: "u-zhangli" },
      content: "窗口推诿",
      written: false,
      complexity: "complex",
      complainant: { name: "李四", phone: "13912345678" },
    });
    expect(made.error).toBeUndefined();
    // The helper complained about sees the complaint, not who made it.
    expect(made.data?.complainant).toBeNull();
    const id = made.data?.id as string;
    await h.services.sync.syncNow();

    const reviewer = new HttpClient(hub.url);
    await reviewer.login("chenjing");
    expect((await reviewer.call("complaints.act", { id, type: "accept" })).status).toBe(200);
    await h.services.sync.syncNow();
    const seen = await helper.query<{ stage: string }>("complaints.get", { id });
    expect(seen.data?.stage).toBe("accepted");
  });
});
