import { DeadlineRefresh, markProjectionsCurrent } from "@bangban/api";
import { CALENDAR_META, getMeta, setMeta } from "@bangban/db";
import { edits } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, insuranceIntake, ok, rate } from "./cases";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.services.deadlines.stop();
  await h.close();
});

interface Row {
  caseId: string;
  dueOn: string | null;
}

/** 高龄津贴 accepted on Monday 2026-11-02: 15 working days, due Monday 2026-11-23. */
async function acceptedCase(phone?: string) {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", elderlyIntake(phone));
  await ok(lead, "cases.accept", { caseId: c.caseId });
  return c.caseId;
}

async function listedDue(caseId: string): Promise<string | null> {
  const lead = await h.as("sunhua");
  const r = await lead.query<{ rows: Row[] }>("cases.list", { open: true });
  return r.data?.rows.find((x) => x.caseId === caseId)?.dueOn ?? null;
}

describe("a calendar change recomputes open cases' due dates at once", () => {
  it("a 调休 row saved at the hub moves an open case's due date in the lists", async () => {
    const caseId = await acceptedCase();
    expect(await listedDue(caseId)).toBe("2026-11-23");

    // Saturday 2026-11-21 becomes a working day (调休): the 15th working day comes sooner.
    const lead = await h.as("sunhua");
    const saved = await lead.mutate("admin.calendar.update", {
      days: { "2026-11-21": "work" },
      expectedVersion: 0,
    });
    expect(saved.status).toBe(200);
    await h.services.deadlines.idle();
    expect(await listedDue(caseId)).toBe("2026-11-21");
    const p = await h.services.repo.store.getProjection(caseId);
    expect(p).toMatchObject({ dueOn: "2026-11-21", yellowFrom: "2026-11-19" });

    // Taking the row out again moves it back.
    await lead.mutate("admin.calendar.update", { days: {}, expectedVersion: 1 });
    await h.services.deadlines.idle();
    expect(await listedDue(caseId)).toBe("2026-11-23");
  });

  it("a refused save moves nothing", async () => {
    const caseId = await acceptedCase();
    const lead = await h.as("sunhua");
    const r = await lead.mutate("admin.calendar.update", {
      days: { "2026-11-21": "work" },
      expectedVersion: 3,
    });
    expect(r.error?.field).toBe("expectedVersion");
    await h.services.deadlines.idle();
    expect(await listedDue(caseId)).toBe("2026-11-23");
  });

  it("pages through every open case in batches and records the calendar it used", async () => {
    const ids = [
      await acceptedCase("13812340001"),
      await acceptedCase("13812340002"),
      await acceptedCase("13812340003"),
    ];
    const refresh = new DeadlineRefresh({
      db: h.services.db,
      repo: h.services.repo,
      batchSize: 2,
    });
    // The node's own refresher is stopped first, so the save leaves the cases on the old
    // calendar, as a hub stopped in the middle of a pass would.
    await h.services.deadlines.stop();
    const lead = await h.as("sunhua");
    await lead.mutate("admin.calendar.update", { days: { "2026-11-21": "work" } });
    expect((await h.services.repo.store.getProjection(ids[0] as string))?.dueOn).toBe("2026-11-23");
    // What a start finds: the open cases were projected with another calendar than the stored one.
    expect(await refresh.ensureCurrent()).toBe(true);
    await refresh.idle();
    for (const id of ids) {
      expect((await h.services.repo.store.getProjection(id))?.dueOn).toBe("2026-11-21");
    }
    expect(await getMeta(h.services.db, "deadlines:projectedWith")).toContain("2026-11-21");
    expect(await refresh.ensureCurrent()).toBe(false);
    // Three cases in batches of two: every one is written, none twice.
    expect(await refresh.refresh()).toBe(3);
  });

  it("the legal clock moves with the calendar too, and the case shows it beside the promised one", async () => {
    // 低保申请(初审): legal and promised limit both 25 working days, due Monday 2026-12-07.
    const lead = await h.as("sunhua");
    const c = await ok(lead, "cases.intake", {
      ...elderlyIntake("13812340009"),
      itemCode: "MZ-GF-002",
      materials: [
        "APPLICATION_FORM",
        "FAMILY_IDS_AND_HOUSEHOLD_REGISTER",
        "VERIFICATION_AUTHORIZATION",
        "INCOME_PROOF",
      ].map((code) => ({ code, state: "provided" })),
    });
    await ok(lead, "cases.accept", { caseId: c.caseId });
    const p = await h.services.repo.store.getProjection(c.caseId);
    expect(p).toMatchObject({ dueOn: "2026-12-07", legalDueOn: "2026-12-07", legalOnTime: null });
    const detail = await lead.query<{ legalDeadline: { dueOn: string } | null }>("cases.get", {
      caseId: c.caseId,
    });
    expect(detail.data?.legalDeadline?.dueOn).toBe("2026-12-07");

    await lead.mutate("admin.calendar.update", { days: { "2026-11-21": "work" } });
    await h.services.deadlines.idle();
    const moved = await h.services.repo.store.getProjection(c.caseId);
    expect(moved).toMatchObject({ dueOn: "2026-12-04", legalDueOn: "2026-12-04" });
  });
});

describe("projections recorded as current", () => {
  it("leaves the next start nothing to do, until the calendar changes", async () => {
    // As a generated history arrives: projections written, no pass recorded.
    await h.services.db.client.execute("DELETE FROM meta WHERE key LIKE 'deadlines:%'");
    await h.services.db.client.execute("DELETE FROM meta WHERE key = 'case_attachments:indexed'");
    const fresh = new DeadlineRefresh({ db: h.services.db, repo: h.services.repo });
    await markProjectionsCurrent(h.services.db);
    expect(await fresh.ensureCurrent()).toBe(false);
    // A calendar that changes afterwards (saved here, or received from above) still asks for one.
    await setMeta(h.services.db, CALENDAR_META.overrides, "v2:调休");
    expect(await fresh.ensureCurrent()).toBe(true);
    await fresh.idle();
  });
});

describe("an upgrade re-projects what the new projection knows", () => {
  it("a closed case rated 差评 before 差评整改 existed enters the 差评台账 at the next start", async () => {
    const lead = await h.as("sunhua");
    const c = await ok(lead, "cases.intake", insuranceIntake());
    await ok(lead, "cases.accept", { caseId: c.caseId });
    await ok(lead, "cases.complete", { caseId: c.caseId });
    await rate(lead, c.caseId, 1);
    // As an older build projected it: the rating, but no rectification record.
    await h.services.db.client.execute({
      sql: `UPDATE case_projections SET rectify_site_id = NULL, rectify_state = NULL,
              rectify_level = NULL, rectify_rated_on = NULL, rectify_due_on = NULL,
              rectify_open = 0, rectify_bad = 0 WHERE case_id = ?`,
      args: [c.caseId],
    });
    const ledger = async () =>
      (await lead.query<{ rows: { caseId: string }[] }>("rectify.ledger", {})).data?.rows.map(
        (r) => r.caseId,
      );
    expect(await ledger()).toEqual([]);
    // The next start finds the projection format changed and re-projects in the background.
    expect(await h.services.deadlines.ensureCurrent()).toBe(true);
    await h.services.deadlines.idle();
    expect(await ledger()).toEqual([c.caseId]);
    expect(await h.services.repo.store.getProjection(c.caseId)).toMatchObject({
      rectifyState: "open",
      rectifyOpen: 1,
    });
    // Done once: the start after that has nothing to do.
    expect(await h.services.deadlines.ensureCurrent()).toBe(false);
  });

  it("a closed case's scans enter the attachment index (case_attachments) at the first start after it existed", async () => {
    const lead = await h.as("sunhua");
    const c = await ok(lead, "cases.intake", insuranceIntake());
    const hash = "ab".repeat(32);
    await h.services.repo.edit(c.caseId, (d) =>
      edits.addAttachment(d, {
        hash,
        materialCode: "ID_CARD",
        name: "身份证.jpg",
        mime: "image/jpeg",
        size: 1234,
      }),
    );
    await ok(lead, "cases.accept", { caseId: c.caseId });
    await ok(lead, "cases.complete", { caseId: c.caseId });
    // As a node upgraded from before the index: the document references the scan, the index not.
    await h.services.db.client.execute("DELETE FROM case_attachments");
    expect(await h.services.repo.store.blobRefs(hash)).toEqual([]);
    expect(await h.services.deadlines.ensureCurrent()).toBe(true);
    await h.services.deadlines.idle();
    expect(await h.services.repo.store.blobRefs(hash)).toEqual([
      expect.objectContaining({ caseId: c.caseId, hash, size: 1234, page: null }),
    ]);
    expect(await h.services.deadlines.ensureCurrent()).toBe(false);
  });
});
