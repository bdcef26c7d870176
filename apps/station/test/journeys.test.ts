import { listAudit } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  caseCount,
  ELDER_ID,
  ELDER_ID_MASKED,
  elderlyIntake,
  type StationHarness,
  stationHarness,
  writtenSoFar,
} from "./harness";

interface Detail {
  caseId: string;
  caseNumber: string;
  status: string;
  statusLabel: string;
  allowed: string[];
  handlingSiteId: string;
  notices: string[];
  flags: unknown[];
  materials: { code: string; state: string }[];
  deadline: { dueOn: string | null; colour: string };
}

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

describe("station journeys over HTTP (app.request, temp libSQL file)", () => {
  it("收件 → 一次性告知 → 补正 → 受理 → 转报中心", async () => {
    const helper = await h.client().login("zhangli");
    const created = await helper.mutate<Detail>("cases.intake", elderlyIntake());
    expect(created.status).toBe(200);
    const c = created.data as Detail;
    expect(c.status).toBe("SUBMITTED");
    expect(c.caseNumber).toMatch(/^330106001001-20261102-0001$/);

    const notice = await helper.mutate<Detail>("cases.requestCorrection", {
      caseId: c.caseId,
      missing: [
        { code: "BANK_OR_SOCIAL_SECURITY_CARD", reason: "未带银行卡" },
        { code: "PHOTO", reason: "需近期免冠照片" },
      ],
    });
    expect(notice.data?.status).toBe("NEEDS_CORRECTION");
    expect(notice.data?.notices).toHaveLength(1);

    const printed = await h.app.request(`/print/one-time-notice/${c.caseId}`, {
      headers: { cookie: helper.cookie },
    });
    const html = await printed.text();
    expect(printed.status).toBe(200);
    expect(html).toContain("一次性告知");
    expect(html).toContain("本人银行卡或社会保障卡");
    expect(html).toContain("近期");

    h.setNow("2026-11-03T02:00:00.000Z");
    // A new day's shift: yesterday's session has expired.
    expect((await helper.query("cases.list", {})).status).toBe(401);
    await helper.login("zhangli");
    const back = await helper.mutate<Detail>("cases.supplement", {
      caseId: c.caseId,
      materials: [{ code: "BANK_OR_SOCIAL_SECURITY_CARD" }, { code: "PHOTO" }],
    });
    expect(back.error).toBeUndefined();
    expect(back.data?.status).toBe("SUBMITTED");
    const accepted = await helper.mutate<Detail>("cases.accept", { caseId: c.caseId });
    expect(accepted.data?.status).toBe("ACCEPTED");
    expect(accepted.data?.deadline.dueOn).toBe("2026-11-24");
    const forwarded = await helper.mutate<Detail>("cases.forward", { caseId: c.caseId });
    expect(forwarded.data?.handlingSiteId).toBe("330106001");

    const receipt = await h.app.request(`/print/receipt/${c.caseId}`, {
      headers: { cookie: helper.cookie },
    });
    const receiptHtml = await receipt.text();
    expect(receiptHtml).toContain(c.caseNumber);
    expect(receiptHtml).toContain("<svg");
    expect(receiptHtml).not.toMatch(/\d{17}[\dX]/);

    const list = await helper.query<{ rows: { caseId: string; applicantNameMasked: string }[] }>(
      "cases.list",
      { open: true },
    );
    expect(list.data?.rows.map((r) => r.caseId)).toEqual([c.caseId]);
    expect(list.data?.rows[0]?.applicantNameMasked).toBe("王*英");
  });

  it("转报中心 once: after forwarding, the case offers no second forward and reads 已受理 · 已转报中心", async () => {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        ...elderlyIntake(),
        materials: ["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD", "PHOTO"].map(
          (code) => ({ code, state: "provided" }),
        ),
      })
    ).data as Detail;
    const accepted = await helper.mutate<Detail>("cases.accept", { caseId: c.caseId });
    expect(accepted.data?.allowed).toContain("forward");
    const forwarded = await helper.mutate<Detail>("cases.forward", { caseId: c.caseId });
    expect(forwarded.data?.status).toBe("ACCEPTED");
    expect(forwarded.data?.allowed).not.toContain("forward");
    expect(forwarded.data?.statusLabel).toBe("已受理 · 已转报中心");
    const again = await helper.mutate("cases.forward", { caseId: c.caseId });
    expect(again.status).toBe(403);
    const list = await helper.query<{ rows: { caseId: string; statusLabel: string }[] }>(
      "cases.list",
      { open: true },
    );
    expect(list.data?.rows.find((r) => r.caseId === c.caseId)?.statusLabel).toBe(
      "已受理 · 已转报中心",
    );
  });

  it("容缺: an outstanding promise blocks completion until the material is supplied", async () => {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        ...elderlyIntake(),
        itemCode: "SQ-GG-001",
        materials: [
          { code: "ID_CARD", state: "provided" },
          { code: "PROPERTY_OR_LEASE", state: "provided" },
        ],
      })
    ).data as Detail;
    const unsigned = await helper.mutate("cases.accept", {
      caseId: c.caseId,
      deferred: [{ code: "SITUATION_STATEMENT", promisedBy: "2026-11-03" }],
    });
    expect(unsigned.error?.field).toBe("commitmentSigned");
    const tooLate = await helper.mutate("cases.accept", {
      caseId: c.caseId,
      deferred: [{ code: "SITUATION_STATEMENT", promisedBy: "2026-11-20" }],
      commitmentSigned: true,
    });
    expect(tooLate.error?.field).toBe("deferred.SITUATION_STATEMENT.promisedBy");
    const ok = await helper.mutate<Detail>("cases.accept", {
      caseId: c.caseId,
      deferred: [{ code: "SITUATION_STATEMENT", promisedBy: "2026-11-03" }],
      commitmentSigned: true,
    });
    expect(ok.data?.status).toBe("ACCEPTED");
    const blocked = await helper.mutate("cases.complete", { caseId: c.caseId });
    expect(blocked.status).toBe(400);
    expect(blocked.error?.code).toBe("MATERIALS_OUTSTANDING");
    expect(blocked.error?.zh).toContain("情况说明");
    const notice = await h.app.request(`/print/deferred-notice/${c.caseId}`, {
      headers: { cookie: helper.cookie },
    });
    expect(await notice.text()).toContain("容缺受理通知书");
    await helper.mutate("cases.supplement", {
      caseId: c.caseId,
      materials: [{ code: "SITUATION_STATEMENT" }],
    });
    const done = await helper.mutate<Detail>("cases.complete", { caseId: c.caseId });
    expect(done.data?.status).toBe("COMPLETED");
  });

  it("权限: a helper cannot reject at intake (a lead's action) and nothing is written", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const seq = await h.services.repo.store.lastSeq();
    const refused = await helper.mutate("cases.reject", {
      caseId: c.caseId,
      reason: "不属于本站受理范围",
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("NOT_ALLOWED");
    expect(await h.services.repo.store.lastSeq()).toBe(seq);
    const lead = await h.client().login("wangqiang");
    const rejected = await lead.mutate<Detail>("cases.reject", {
      caseId: c.caseId,
      reason: "不属于本站受理范围",
    });
    expect(rejected.data?.status).toBe("REJECTED_AT_INTAKE");
  });

  it("校验: an invalid ID number is refused with the field named, and nothing is written", async () => {
    const helper = await h.client().login("zhangli");
    const before = await writtenSoFar(h.services);
    const bad = await helper.mutate(
      "cases.intake",
      elderlyIntake({
        applicant: { name: "王秀英", idNumber: "110105194912310021", phone: "13812345678" },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: "INVALID_CHECKSUM", field: "applicant.idNumber" });
    expect(bad.error?.zh).toMatch(/身份证|校验/);
    const legacy = await helper.mutate(
      "cases.intake",
      elderlyIntake({
        applicant: { name: "王秀英", idNumber: "110105491231002", phone: "13812345678" },
      }),
    );
    expect(legacy.error?.code).toBe("LEGACY_ID_NUMBER");
    const phone = await helper.mutate(
      "cases.intake",
      elderlyIntake({
        applicant: { name: "王秀英", idNumber: ELDER_ID, phone: "12345" },
      }),
    );
    expect(phone.error?.field).toBe("applicant.phone");
    const missing = await helper.mutate("cases.intake", { itemCode: "MZ-GF-001" });
    expect(missing.status).toBe(400);
    expect(missing.error?.field).toMatch(/^applicant/);
    expect(await writtenSoFar(h.services)).toEqual(before);
  });

  it("幂等: a retried intake with the same client case id returns the case it created", async () => {
    const helper = await h.client().login("zhangli");
    const clientCaseId = "01KQ7Z8Y6X5W4V3T2S1R0P9N8M";
    const first = await helper.mutate<Detail>("cases.intake", elderlyIntake({ clientCaseId }));
    const again = await helper.mutate<Detail>("cases.intake", elderlyIntake({ clientCaseId }));
    expect(again.data?.caseId).toBe(clientCaseId);
    expect(again.data?.caseNumber).toBe(first.data?.caseNumber);
    expect(await caseCount(h.services)).toBe(1);
    const lead = await h.client().login("wangqiang");
    const other = await lead.mutate("cases.intake", elderlyIntake({ clientCaseId }));
    expect(other.error?.field).toBe("clientCaseId");
    const detail = await helper.query<{
      people: Record<string, string>;
      timeline: { actorRoleCode: string }[];
    }>("cases.get", { caseId: clientCaseId });
    expect(detail.data?.people).toEqual({ "u-zhangli": "张丽" });
    expect(detail.data?.timeline[0]?.actorRoleCode).toBe("helper");
  });

  it("受理条件: a 56-year-old is refused 高龄津贴 (年满80周岁) and nothing is written; an 80-year-old is taken in", async () => {
    const helper = await h.client().login("zhangli");
    const before = await writtenSoFar(h.services);
    const young = await helper.mutate(
      "cases.intake",
      elderlyIntake({
        applicant: { name: "王建国", idNumber: "330106197001010035", phone: "13812345678" },
      }),
    );
    expect(young.status).toBe(400);
    expect(young.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "applicant.idNumber" });
    expect(young.error?.zh).toContain("现年 56 周岁");
    expect(young.error?.zh).toContain("年满 80 周岁");
    expect(await writtenSoFar(h.services)).toEqual(before);

    // 80 on 2026-11-02 (the harness's day): born 1946-11-02.
    const eighty = await helper.mutate<Detail>(
      "cases.intake",
      elderlyIntake({
        applicant: { name: "王秀英", idNumber: "330106194611020026", phone: "13812345678" },
      }),
    );
    expect(eighty.error).toBeUndefined();
    expect(eighty.data?.status).toBe("SUBMITTED");
  });

  it("受理条件: an ID issued outside the district needs the 户口簿 checked, which the intake event records", async () => {
    const helper = await h.client().login("zhangli");
    const applicant = { name: "王秀英", idNumber: "110105194001010018", phone: "13812345678" };
    const refused = await helper.mutate("cases.intake", elderlyIntake({ applicant }));
    expect(refused.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "applicant.idNumber" });
    const taken = await helper.mutate<Detail>(
      "cases.intake",
      elderlyIntake({ applicant, householdVerified: true }),
    );
    expect(taken.data?.status).toBe("SUBMITTED");
    const view = await h.services.repo.get(taken.data?.caseId ?? "");
    const intake = view?.record.journal[0];
    expect(intake?.type === "intake" && intake.payload.householdVerified).toBe(true);
  });

  it("代办: the 委托书 is needed even when 申请人本人到场 is ticked", async () => {
    const helper = await h.client().login("zhangli");
    const agent = {
      name: "王小明",
      idNumber: "440524188001010014",
      phone: "13900001111",
      relation: "子女",
    };
    const before = await caseCount(h.services);
    const present = await helper.mutate(
      "cases.intake",
      elderlyIntake({ mode: "proxy", residentPresent: true, agent }),
    );
    expect(present.error).toMatchObject({ code: "REQUIRED", field: "powerOfAttorney" });
    expect(await caseCount(h.services)).toBe(before);
  });

  it("代办: a proxy intake without the resident needs a 委托书 and the agent's valid ID", async () => {
    const helper = await h.client().login("zhangli");
    const agent = {
      name: "王小明",
      idNumber: "440524188001010014",
      phone: "13900001111",
      relation: "子女",
    };
    const noPoa = await helper.mutate(
      "cases.intake",
      elderlyIntake({ mode: "proxy", residentPresent: false, agent }),
    );
    expect(noPoa.error?.field).toBe("powerOfAttorney");
    const ok = await helper.mutate<Detail>(
      "cases.intake",
      elderlyIntake({ mode: "proxy", residentPresent: false, agent, powerOfAttorney: true }),
    );
    expect(ok.data?.status).toBe("SUBMITTED");
  });

  it("好差评: the resident rates on their own screen, once", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const rate = await helper.mutate<{ token: string; path: string }>("cases.openRating", {
      caseId: c.caseId,
    });
    const token = rate.data?.token as string;
    const kiosk = h.client();
    const shown = await kiosk.query<{ itemName: string }>("rating.show", { token });
    expect(shown.data?.itemName).toBe("高龄津贴申领");
    expect((await kiosk.mutate("rating.submit", { token, level: 5 })).status).toBe(200);
    expect((await kiosk.mutate("rating.submit", { token, level: 1 })).error?.field).toBe("token");
    const detail = await helper.query<{
      ratings: { level: number }[];
      timeline: { type: string; actorRole: string }[];
    }>("cases.get", { caseId: c.caseId });
    expect(detail.data?.ratings).toEqual([expect.objectContaining({ level: 5 })]);
    expect(detail.data?.timeline.find((t) => t.type === "rate")?.actorRole).toBe("群众");
    const again = await helper.mutate<{ token: string }>("cases.openRating", { caseId: c.caseId });
    const dup = await kiosk.mutate("rating.submit", { token: again.data?.token, level: 2 });
    expect(dup.error?.code).toBe("DUPLICATE");
  });

  it("电子档案: lookup by ID number returns earlier cases masked; a reveal is logged with its purpose", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const found = await helper.query<{ idMasked: string; cases: Record<string, unknown>[] }>(
      "residents.lookup",
      { idNumber: ELDER_ID.toLowerCase(), purpose: { kind: "business", note: "核对既往办件" } },
    );
    expect(found.data?.idMasked).toBe(ELDER_ID_MASKED);
    expect(found.data?.cases).toHaveLength(1);
    expect(JSON.stringify(found.data)).not.toContain(ELDER_ID);
    const noPurpose = await helper.mutate("residents.reveal", { caseId: c.caseId });
    expect(noPurpose.error?.field).toBe("purpose");
    const revealed = await helper.mutate<{ idNumber: string }>("residents.reveal", {
      caseId: c.caseId,
      purpose: { kind: "verify_identity", note: "核对身份证原件" },
    });
    expect(revealed.data?.idNumber).toBe(ELDER_ID);
    const audit = await listAudit(h.services.db, { caseId: c.caseId, limit: 50 });
    const reveal = audit.find((a) => a.action === "person.reveal");
    expect(reveal).toMatchObject({ userId: "u-zhangli", siteId: "330106001001" });
    expect(reveal?.detail).toMatchObject({
      purpose: "核实身份",
      note: "核对身份证原件",
      idMasked: ELDER_ID_MASKED,
    });
    expect(JSON.stringify(audit)).not.toContain(ELDER_ID);
  });

  it("审计: every case action is in the append-only audit log with its request id", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    await helper.mutate("cases.note", { caseId: c.caseId, text: "已电话联系家属" });
    const audit = await listAudit(h.services.db, { caseId: c.caseId, limit: 50 });
    expect(audit.map((a) => a.action).sort()).toEqual(["case.intake", "case.note"]);
    expect(audit.every((a) => a.requestId && a.requestId !== "-")).toBe(true);
    await expect(h.services.db.client.execute("DELETE FROM audit_log")).rejects.toThrow();
  });
});

describe("station HTTP edges", () => {
  it("登录: password and PIN sign-in; repeated failures are rate-limited", async () => {
    const kiosk = h.client();
    expect(
      (await kiosk.mutate("auth.pinLogin", { username: "zhangli", pin: "246810" })).status,
    ).toBe(200);
    const me = await kiosk.query<{ user: { role: string } }>("auth.me");
    expect(me.data?.user.role).toBe("helper");
    const badPin = await h.client().mutate("auth.pinLogin", { username: "zhangli", pin: "12345" });
    expect(badPin.error?.field).toBe("pin");
    const c = h.client();
    for (let i = 0; i < 5; i++)
      expect(
        (await c.mutate("auth.login", { username: "wangqiang", password: "wrong" })).status,
      ).toBe(403);
    const locked = await c.mutate("auth.login", { username: "wangqiang", password: "bangban2026" });
    expect(locked.status).toBe(429);
    expect(locked.error?.code).toBe("RATE_LIMITED");
  });

  it("会话: procedures need a session; logout ends it", async () => {
    const anon = h.client();
    expect((await anon.query("cases.list", {})).status).toBe(401);
    const helper = await h.client().login("zhangli");
    expect((await helper.query("cases.list", {})).status).toBe(200);
    await helper.mutate("auth.logout");
    expect((await helper.query("cases.list", {})).status).toBe(401);
  });

  it("healthz reports role, site, version, db and pending sync", async () => {
    const helper = await h.client().login("zhangli");
    await helper.mutate("cases.intake", elderlyIntake());
    const r = await h.app.request("/healthz");
    expect(await r.json()).toEqual({
      ok: true,
      role: "station",
      site: "330106001001",
      version: "0.1.0",
      db: "ok",
      // A station checkpoints inline: no checkpoint thread (cli.ts says why).
      checkpoint: null,
      pendingSync: 1,
      quarantined: [],
      sync: {
        state: "not_enrolled",
        online: false,
        lastSuccessAt: null,
        lastError: null,
        catchUp: null,
      },
      // Run from source: no bundle flags to check (test/bundle.test.ts runs the bundle).
      nodeFlags: { expected: [], missing: [] },
    });
  });

  it("unknown routes get a JSON 404; oversized bodies are refused", async () => {
    const r = await h.app.request("/nope");
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const helper = await h.client().login("zhangli");
    const big = await h.app.request("/trpc/cases.note", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: helper.cookie },
      body: JSON.stringify({ caseId: "x".repeat(20), text: "长".repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    // In tRPC's shape, so the web client finds the Chinese message where it reads every error.
    expect(await big.json()).toMatchObject({
      error: {
        data: {
          code: "PAYLOAD_TOO_LARGE",
          httpStatus: 413,
          path: "cases.note",
          bangban: { code: "PAYLOAD_TOO_LARGE", field: null, zh: expect.stringContaining("过大") },
        },
      },
    });
  });

  it("附件: uploads are type-checked, size-limited and stored by sha256", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const up = await h.app.request(
      `/api/cases/${c.caseId}/attachments?material=PHOTO&name=photo.png`,
      {
        method: "POST",
        headers: { cookie: helper.cookie, "content-type": "application/octet-stream" },
        body: png,
      },
    );
    expect(up.status).toBe(201);
    const { hash } = (await up.json()) as { hash: string };
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const back = await h.app.request(`/api/attachments/${hash}`, {
      headers: { cookie: helper.cookie },
    });
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(png);
    const exe = await h.app.request(`/api/cases/${c.caseId}/attachments?material=PHOTO`, {
      method: "POST",
      headers: { cookie: helper.cookie },
      body: new Uint8Array([0x4d, 0x5a, 0, 0]),
    });
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: { field: string } }).error.field).toBe("file");
    const huge = await h.app.request(`/api/cases/${c.caseId}/attachments?material=PHOTO`, {
      method: "POST",
      headers: { cookie: helper.cookie },
      body: new Uint8Array(11 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    const anon = await h.app.request(`/api/attachments/${hash}`);
    expect(anon.status).toBe(401);
    const detail = await helper.query<{
      materials: { code: string; attachments: { hash: string }[] }[];
    }>("cases.get", { caseId: c.caseId });
    expect(detail.data?.materials.find((m) => m.code === "PHOTO")?.attachments[0]?.hash).toBe(hash);
  });
});

describe("intake papers, 带入 and 送达 (issue #13)", () => {
  const agent = { name: "王小明", idNumber: "440524188001010014", phone: "13900001111" };

  it("委托书 from the form before the case exists: names filled, IDs masked, the print logged", async () => {
    const helper = await h.client().login("zhangli");
    const doc = await helper.mutate<{ title: string; html: string }>("print.draft", {
      kind: "power-of-attorney",
      itemCode: "MZ-GF-001",
      applicant: { name: "王秀英", idNumber: ELDER_ID, phone: "13812345678", address: "" },
      agent: { ...agent, address: "", relation: "子女" },
    });
    expect(doc.error).toBeUndefined();
    expect(doc.data?.html).toContain("王秀英");
    expect(doc.data?.html).toContain("王小明");
    expect(doc.data?.html).toContain(ELDER_ID_MASKED);
    expect(doc.data?.html).toContain("440524********0014");
    expect(doc.data?.html).not.toContain(ELDER_ID);
    const audit = await listAudit(h.services.db, {
      action: "print.draft.power-of-attorney",
      limit: 5,
    });
    expect(audit[0]?.detail).toMatchObject({ idMasked: ELDER_ID_MASKED });
    const bad = await helper.mutate("print.draft", {
      kind: "power-of-attorney",
      itemCode: "MZ-GF-001",
      applicant: { name: "王秀英", idNumber: "330106194001010040" },
    });
    expect(bad.error).toMatchObject({ code: "INVALID_CHECKSUM", field: "applicant.idNumber" });
  });

  it("容缺受理承诺书 prints from the form before it is signed; the promise dates are checked", async () => {
    const helper = await h.client().login("zhangli");
    const input = {
      kind: "deferred-commitment",
      itemCode: "MZ-GF-001",
      applicant: { name: "王秀英", idNumber: ELDER_ID },
      deferred: [{ code: "PHOTO", promisedBy: "2026-11-10" }],
    };
    const doc = await helper.mutate<{ html: string }>("print.draft", input);
    expect(doc.data?.html).toContain("容缺受理承诺书");
    expect(doc.data?.html).toContain("近期一寸免冠彩色照片");
    const late = await helper.mutate("print.draft", {
      ...input,
      deferred: [{ code: "PHOTO", promisedBy: "2027-06-01" }],
    });
    expect(late.error?.field).toBe("deferred.PHOTO.promisedBy");
    const mandatory = await helper.mutate("print.draft", {
      ...input,
      deferred: [{ code: "ID_CARD", promisedBy: "2026-11-10" }],
    });
    expect(mandatory.error?.field).toBe("deferred.ID_CARD");
  });

  it("带入: an earlier case's name, phone and address for the ID typed, never the ID; another's case is refused and logged", async () => {
    const helper = await h.client().login("zhangli");
    const mine = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const purpose = { kind: "business", note: "收件带入" };
    const filled = await helper.mutate<Record<string, string>>("residents.prefill", {
      idNumber: ELDER_ID,
      caseId: mine.caseId,
      purpose,
    });
    expect(filled.data).toEqual({ name: "王秀英", phone: "13812345678", address: "宝石一弄 8 号" });
    expect(JSON.stringify(filled.data)).not.toContain(ELDER_ID);
    // Attack: a valid ID of someone else, with the case id of 王秀英's case.
    const other = await helper.mutate("residents.prefill", {
      idNumber: "330106194611020026",
      caseId: mine.caseId,
      purpose,
    });
    expect(other.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "caseId" });
    expect(other.data).toBeUndefined();
    const noPurpose = await helper.mutate("residents.prefill", {
      idNumber: ELDER_ID,
      caseId: mine.caseId,
    });
    expect(noPurpose.error?.field).toBe("purpose");
    const audit = await listAudit(h.services.db, { caseId: mine.caseId, limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["person.prefill", "person.prefill_refused"]),
    );
    expect(JSON.stringify(audit)).not.toContain(ELDER_ID);
  });

  it("送达: 办结 records 代领 with the collector's checked ID (kept masked) and prints the 送达回证", async () => {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        itemCode: "YB-GG-001",
        applicant: { name: "李建国", idNumber: ELDER_ID, phone: "13900001111" },
        mode: "assist",
        residentPresent: true,
        materials: [{ code: "ID_OR_HOUSEHOLD_REGISTER", state: "provided" }],
      })
    ).data as Detail;
    await helper.mutate("cases.accept", { caseId: c.caseId });
    const noId = await helper.mutate("cases.complete", {
      caseId: c.caseId,
      handover: { how: "collector", collector: { name: "王小明", idNumber: "" } },
    });
    expect(noId.error).toMatchObject({ field: "handover.collector.idNumber" });
    const done = await helper.mutate<{ status: string; handover: unknown }>("cases.complete", {
      caseId: c.caseId,
      handover: { how: "collector", collector: { name: "王小明", idNumber: agent.idNumber } },
    });
    expect(done.data?.status).toBe("COMPLETED");
    expect(done.data?.handover).toMatchObject({
      how: "collector",
      collector: { name: "王小明", idMasked: "440524********0014" },
      siteId: "330106001001",
    });
    const view = await h.services.repo.get(c.caseId);
    expect(JSON.stringify(view?.record.journal)).not.toContain(agent.idNumber);
    const paper = await helper.query<{ html: string }>("print.document", {
      kind: "delivery-receipt",
      caseId: c.caseId,
    });
    expect(paper.data?.html).toContain("送达回证");
    expect(paper.data?.html).toContain("代领　领取人：王小明");
    expect(paper.data?.html).toContain("张丽");
  });
});
