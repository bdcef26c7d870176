import { listAudit, verifyAuditChain, verifyAuditReport } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ELDER_ID,
  ELDER_ID_MASKED,
  elderlyIntake,
  type StationHarness,
  stationHarness,
} from "./harness";

interface Detail {
  caseId: string;
  caseNumber: string;
}

const FULL_ID = ELDER_ID;
const MASKED = ELDER_ID_MASKED;

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

async function lookups(action = "archive.lookup") {
  const rows = await listAudit(h.services.db, { action, limit: 50 });
  expect(JSON.stringify(rows)).not.toContain(FULL_ID);
  return rows;
}

describe("privacy (issue #12, attacker findings)", () => {
  it("a search of cases by a full ID number writes no audit line and asks no purpose", async () => {
    const helper = await h.client().login("zhangli");
    await helper.mutate<Detail>("cases.intake", elderlyIntake());

    const bare = await helper.query("cases.list", { idNumber: FULL_ID });
    expect(bare.error).toMatchObject({ code: "REQUIRED", field: "purpose" });
    expect(bare.error?.zh).toContain("用途");
    expect(await lookups()).toHaveLength(0);

    const found = await helper.query<{ rows: unknown[] }>("cases.list", {
      idNumber: FULL_ID,
      purpose: { kind: "verify_identity" },
    });
    expect(found.data?.rows).toHaveLength(1);
    const [line] = await lookups();
    expect(line).toMatchObject({ userId: "u-zhangli", siteId: "330106001001", caseId: null });
    expect(line?.detail).toMatchObject({ idMasked: MASKED, purpose: "核实身份", found: 1 });
  });

  it("searches by name, case number or phone tail ask no purpose and write no lookup line", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const byName = await helper.query<{ rows: unknown[] }>("cases.list", {
      applicantName: "王秀英",
    });
    const byNumber = await helper.query<{ rows: unknown[] }>("cases.list", {
      caseNumber: c.caseNumber,
    });
    expect(byName.data?.rows).toHaveLength(1);
    expect(byNumber.data?.rows).toHaveLength(1);
    expect(await lookups()).toHaveLength(0);
  });

  it("the archive lookup takes the same purpose and writes the same line", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const bare = await helper.query("residents.lookup", { idNumber: FULL_ID });
    expect(bare.error?.field).toBe("purpose");
    const other = await helper.query("residents.lookup", {
      idNumber: FULL_ID,
      purpose: { kind: "other" },
    });
    expect(other.error?.field).toBe("purpose.note");
    await helper.query("residents.lookup", {
      idNumber: FULL_ID,
      purpose: { kind: "business", note: "收件核对" },
      caseId: c.caseId,
    });
    const [line] = await lookups();
    expect(line).toMatchObject({ userId: "u-zhangli", caseId: c.caseId });
    expect(line?.detail).toMatchObject({ idMasked: MASKED, purpose: "办理业务", note: "收件核对" });
  });

  it("查看完整证件号: a helper reveals an open case's ID with a purpose, logged as person.reveal", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const bare = await helper.mutate("residents.reveal", { caseId: c.caseId });
    expect(bare.error?.field).toBe("purpose");
    const shown = await helper.mutate<{ idNumber: string }>("residents.reveal", {
      caseId: c.caseId,
      purpose: { kind: "verify_identity" },
    });
    expect(shown.data?.idNumber).toBe(FULL_ID);
    const [line] = await lookups("person.reveal");
    expect(line).toMatchObject({ userId: "u-zhangli", caseId: c.caseId });
    expect(line?.detail).toMatchObject({ who: "applicant", idMasked: MASKED, purpose: "核实身份" });

    await helper.mutate("cases.withdraw", { caseId: c.caseId, reason: "申请人撤回" });
    const closed = await helper.mutate("residents.reveal", {
      caseId: c.caseId,
      purpose: { kind: "verify_identity" },
    });
    expect(closed.error).toMatchObject({ code: "NOT_ALLOWED", field: "caseId" });
    expect(await lookups("person.reveal")).toHaveLength(1);
    const [refusal] = await lookups("person.reveal_refused");
    expect(refusal).toMatchObject({ userId: "u-zhangli", caseId: c.caseId });
    expect(refusal?.detail).toMatchObject({ purpose: "核实身份", reason: "The case is closed" });
  });

  it("every audit line written through the API is on a verifiable hash chain", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    await helper.mutate("cases.note", { caseId: c.caseId, text: "已电话联系家属" });
    await helper.query("cases.list", { idNumber: FULL_ID, purpose: { kind: "business" } });
    const result = await verifyAuditChain(h.services.db);
    expect(result).toMatchObject({ ok: true, unchained: 0 });
    expect(result.ok && result.rows).toBeGreaterThanOrEqual(3);
  });
});

describe("verify-audit", () => {
  it("a lead sees the chain's state; a helper may not ask", async () => {
    const helper = await h.client().login("zhangli");
    await helper.mutate<Detail>("cases.intake", elderlyIntake());
    expect((await helper.query("system.verifyAudit")).status).toBe(403);
    const lead = await h.client().login("wangqiang");
    const r = await lead.query<{ ok: boolean; rows: number }>("system.verifyAudit");
    expect(r.data).toMatchObject({ ok: true, unchained: 0 });
  });

  it("the CLI command exits non-zero and names the row tampered behind the triggers", async () => {
    const helper = await h.client().login("zhangli");
    await helper.mutate<Detail>("cases.intake", elderlyIntake());
    const ok = await verifyAuditReport(h.services.db);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.lines.join("\n")).toMatch(/audit log intact: \d+ rows/);
    await h.services.db.client.executeMultiple(`
      DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET user_id = 'u-someone-else' WHERE id = 1;`);
    const broken = await verifyAuditReport(h.services.db);
    expect(broken.code).toBe(1);
    expect(broken.lines.join("\n")).toContain("BROKEN at row 1");
  });
});
