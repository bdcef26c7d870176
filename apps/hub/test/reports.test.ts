import {
  createCallerFactory,
  hubRouter,
  monthlyReport,
  type SessionUser,
  type StaffFigureSource,
  staffFigures,
} from "@bangban/api";
import { listAudit, schema } from "@bangban/db";
import { projectionFixture } from "@bangban/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, insuranceIntake, ok, rate, stationCaller } from "./cases";
import { CENTER, type HubHarness, hubHarness, STATION_A, type TrpcClient } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

const FULL_ID = "33010619400101004X";
const MASKED_ID = "330106********004X";

/**
 * At the center, 孙华 (center lead) takes in a 医保 case, completes it and it is rated 不满意
 * (a 差评), and a 高龄津贴 case left open past its promised due day (2026-11-23); at station
 * A, 张丽 takes in a case. Today is then 2026-11-30.
 */
async function cases() {
  const lead = await h.as("sunhua");
  const quick = await ok(lead, "cases.intake", insuranceIntake());
  await ok(lead, "cases.accept", { caseId: quick.caseId });
  await ok(lead, "cases.complete", { caseId: quick.caseId });
  await rate(lead, quick.caseId, 2);
  const late = await ok(lead, "cases.intake", elderlyIntake());
  await ok(lead, "cases.accept", { caseId: late.caseId });
  const station = stationCaller(h);
  await station.cases.intake(elderlyIntake("13700002222") as never);
  h.setNow("2026-11-30T03:00:00.000Z");
  return { quick, late };
}

/** POSTs an export as a signed-in client; the body as text (CSV) or bytes. */
async function exportAs(c: TrpcClient, kind: string, input: unknown) {
  const res = await h.app.request(`/api/export/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: c.cookie },
    body: JSON.stringify(input),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

async function auditOf(action: string) {
  const rows = await listAudit(h.services.db, { action, limit: 10 });
  // biome-ignore lint/suspicious/noExplicitAny: the detail is JSON the test reads field by field
  return rows.map((r) => ({ userId: r.userId, detail: r.detail as any }));
}

function helperCaller() {
  const user: SessionUser = {
    id: "u-zhangli",
    username: "zhangli",
    displayName: "张丽",
    role: "helper",
    siteId: STATION_A,
    tokenHash: "",
    locked: false,
  };
  const req = {
    requestId: "t",
    ip: "t",
    sessionToken: null,
    bearer: null,
    setSessionCookie: () => {},
    clearSessionCookie: () => {},
  };
  return createCallerFactory(hubRouter)({ services: h.services, req, user });
}

describe("reports.staff: per-staff figures for the center lead", () => {
  it("credits each case to its 办理人 with 按时办结率, 超期, 满意率 and the 差评 count", async () => {
    await cases();
    const lead = await h.as("sunhua");
    const r = await lead.query<{
      columns: unknown[];
      rows: {
        userId: string;
        displayName: string;
        handled: number;
        badRatings: number;
        overdue: number;
        rates: { onTime: { value: number | null }; satisfaction: { value: number | null } };
      }[];
    }>("reports.staff", { from: "2026-11-01", to: "2026-11-30" });
    expect(r.error).toBeUndefined();
    // The 投诉台账 gives each person's substantiated complaints a column of its own.
    expect(r.data?.columns).toEqual([
      { key: "substantiatedComplaints", zh: "属实投诉", en: "Substantiated complaints" },
    ]);
    const sun = r.data?.rows.find((x) => x.userId === "u-sunhua");
    expect(sun).toMatchObject({ displayName: "孙华", handled: 2, badRatings: 1, overdue: 0 });
    expect(sun?.rates.onTime.value).toBe(1);
    expect(sun?.rates.satisfaction.value).toBe(0);
    expect(r.data?.rows.find((x) => x.userId === "u-zhangli")).toMatchObject({ handled: 1 });
  });

  it("is for the leads: a reviewer and a helper are refused", async () => {
    const reviewer = await h.as("chenjing");
    expect((await reviewer.query("reports.staff", {})).status).toBe(403);
    await expect(helperCaller().reports.staff({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("reports.monthly: the A4 monthly report", () => {
  it("lists red cases with the deadline passed, by how many working days, and who holds them", async () => {
    const { late, quick } = await cases();
    const admin = await h.as("admin");
    const r = await admin.query<{
      period: { from: string; to: string };
      redCases: {
        total: number;
        rows: { caseId: string; holder: string; handlingSite: string; reasons: unknown[] }[];
      };
      badRatings: { total: number; rows: { caseId: string; level: number; handler: string }[] };
      rectification: { recorded: boolean; table: { rows: Record<string, unknown>[] } };
      complaints: { recorded: boolean; table: { rows: Record<string, unknown>[] } };
      figures: { bySite: { siteId: string }[]; radar: unknown[] };
    }>("reports.monthly", { month: "2026-11" });
    expect(r.error).toBeUndefined();
    const m = r.data;
    expect(m?.period).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(m?.redCases.total).toBe(1);
    expect(m?.redCases.rows[0]).toMatchObject({ caseId: late.caseId, holder: "孙华" });
    // Due 2026-11-23; 24, 25, 26, 27 and 30 November are working days past it.
    expect(m?.redCases.rows[0]?.reasons).toEqual([
      { deadline: "promised", dueOn: "2026-11-23", workdays: 5 },
    ]);
    expect(m?.badRatings.rows).toEqual([
      expect.objectContaining({ caseId: quick.caseId, level: 2, handler: "孙华" }),
    ]);
    // The month's 差评 from the 差评台账, where its rectification stands; no complaint yet.
    expect(m?.rectification.recorded).toBe(true);
    expect(m?.rectification.table.rows).toEqual([
      expect.objectContaining({ level: "不满意", state: "待分类（逾期）", dueOn: "2026-11-09" }),
    ]);
    // The same cases as the 差评 list above: both count the month's cases, not rating days.
    expect(m?.rectification.table.rows.map((r) => r.caseNumber)).toEqual([quick.caseNumber]);
    expect(m?.complaints).toMatchObject({ recorded: true, table: { rows: [] } });
    expect(m?.figures.bySite.map((s) => s.siteId).sort()).toEqual([CENTER, STATION_A]);
  });

  it("refuses a malformed month, naming the field", async () => {
    const lead = await h.as("sunhua");
    const r = await lead.query("reports.monthly", { month: "2026-13" });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ field: "month" });
  });
});

describe("POST /api/export/dashboard", () => {
  it("writes the period's figures per site and per staff as CSV, and audits the export", async () => {
    await cases();
    const lead = await h.as("sunhua");
    const { res, bytes, text } = await exportAs(lead, "dashboard", {
      format: "csv",
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("数据看板_2026-11-01至2026-11-30.csv")}`,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("站点");
    expect(lines[1]?.startsWith("站点编码,站点,收件量,在办,办结,按时办结率,满意率")).toBe(true);
    // 收件, 在办, 办结, 按时办结率, 满意率, 主动评价率, 超期 ×2, 差评, 差评整改率, 回访率,
    // 终止/退件, 数据截至: the center's 差评 is neither rectified nor called back yet.
    expect(lines).toContain(
      `${CENTER},北山街道便民服务中心,2,1,1,100.0%,0.0%,100.0%,0,0,1,0.0%,0.0%,0,2026年11月30日 11:00`,
    );
    expect(lines).toContain(`${STATION_A},宝石社区便民服务站,1,1,0,,,,0,0,0,,,0,从未同步`);
    expect(lines).toContain(
      ",合计,3,2,1,100.0%,0.0%,100.0%,0,0,1,0.0%,0.0%,0,2026年11月30日 11:00",
    );
    expect(lines).toContain("人员");
    expect(lines).toContain("孙华,中心负责人,北山街道便民服务中心,2,1,100.0%,0.0%,100.0%,0,1,0");
    expect(lines).toContain("张丽,帮办员,宝石社区便民服务站,1,0,,,,0,0,0");
    const [line] = await auditOf("export.dashboard");
    expect(line).toMatchObject({
      userId: "u-sunhua",
      detail: { format: "csv", period: { from: "2026-11-01", to: "2026-11-30" } },
    });
    expect(line?.detail.rows).toBe(Number(res.headers.get("x-row-count")));
  });

  it("gives a reviewer the site figures but not the per-staff sheet", async () => {
    await cases();
    const { res, text } = await exportAs(await h.as("chenjing"), "dashboard", { format: "csv" });
    expect(res.status).toBe(200);
    expect(text).toContain("站点编码");
    expect(text).not.toContain("人员");
  });

  it("writes XLSX; refuses a bad format naming the field, and anyone not signed in", async () => {
    const lead = await h.as("sunhua");
    const x = await exportAs(lead, "dashboard", { format: "xlsx" });
    expect(x.res.headers.get("content-type")).toContain("spreadsheetml");
    expect(new TextDecoder().decode(x.bytes.slice(0, 2))).toBe("PK");
    const bad = await exportAs(lead, "dashboard", { format: "pdf" });
    expect(bad.res.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatchObject({ field: "format" });
    const anon = await exportAs(h.client(), "dashboard", { format: "csv" });
    expect(anon.res.status).toBe(401);
    expect((await exportAs(lead, "nothing", {})).res.status).toBe(404);
    expect(await auditOf("export.dashboard")).toHaveLength(1);
  });
});

describe("POST /api/export/cases", () => {
  it("is masked as on screen; full numbers only with a purpose and the right to reveal", async () => {
    await cases();
    const lead = await h.as("sunhua");
    const filters = { format: "csv", scope: "all", itemCode: "MZ-GF-001" };
    const masked = await exportAs(lead, "cases", filters);
    expect(masked.res.status).toBe(200);
    expect(masked.text).toContain(MASKED_ID);
    expect(masked.text).not.toContain(FULL_ID);
    expect(masked.res.headers.get("x-row-count")).toBe("2");

    // The district administrator may not reveal full ID numbers: a purpose does not change it.
    const admin = await h.as("admin");
    const refused = await exportAs(admin, "cases", { ...filters, reveal: { kind: "business" } });
    expect(refused.text).not.toContain(FULL_ID);

    // The center lead may, with a purpose; the audit line names it and the cases revealed.
    const noPurpose = await exportAs(lead, "cases", { ...filters, reveal: {} });
    expect(noPurpose.res.status).toBe(400);
    const full = await exportAs(lead, "cases", { ...filters, reveal: { kind: "business" } });
    expect(full.text).toContain(FULL_ID);
    const lines = await auditOf("export.cases");
    expect(lines).toHaveLength(3);
    const revealLine = lines.find((l) => l.detail.reveal?.revealed === 2);
    expect(revealLine).toMatchObject({
      userId: "u-sunhua",
      detail: { format: "csv", rows: 2, filters: { itemCode: "MZ-GF-001", scope: "all" } },
    });
    expect(lines.find((l) => l.userId === "u-admin")?.detail.reveal).toMatchObject({
      revealed: 0,
    });
  });

  it("a search by full ID number is audited as a person search, and the number never in clear", async () => {
    await cases();
    const lead = await h.as("sunhua");
    const r = await exportAs(lead, "cases", {
      format: "csv",
      idNumber: FULL_ID,
      purpose: { kind: "verify_identity" },
    });
    expect(r.res.status).toBe(200);
    const [search] = await auditOf("archive.lookup");
    expect(search?.detail).toMatchObject({ idMasked: MASKED_ID, via: "export.cases", found: 1 });
    const [line] = await auditOf("export.cases");
    expect(JSON.stringify(line)).not.toContain(FULL_ID);
    expect(line?.detail.filters.idNumber).toBe(MASKED_ID);
  });
});

describe("export bounds", () => {
  it("refuses a list over the bound with a typed error naming the rows, before reading them", async () => {
    // 501 cases: within the plain export's bound, over the bound of one with full numbers.
    const rows = Array.from({ length: 501 }, (_, i) => projectionFixture(i + 1));
    for (let i = 0; i < rows.length; i += 100) {
      await h.services.db.orm.insert(schema.caseProjections).values(rows.slice(i, i + 100));
    }
    const lead = await h.as("sunhua");
    const plain = await exportAs(lead, "cases", { format: "csv", scope: "all" });
    expect(plain.res.status).toBe(200);
    expect(plain.res.headers.get("x-row-count")).toBe("501");
    const full = await exportAs(lead, "cases", {
      format: "csv",
      scope: "all",
      reveal: { kind: "business" },
    });
    expect(full.res.status).toBe(400);
    const error = JSON.parse(full.text).error;
    expect(error).toMatchObject({ code: "OUT_OF_RANGE", field: "rows" });
    expect(error.zh).toContain("500");
    // Refused: nothing was exported, so only the plain export is in the log.
    expect(await auditOf("export.cases")).toHaveLength(1);
  });
});

describe("the extension points other records fill", () => {
  const ctxOf = (user: SessionUser) => ({
    services: h.services,
    req: {
      requestId: "t",
      ip: "t",
      sessionToken: null,
      bearer: null,
      setSessionCookie: () => {},
      clearSessionCookie: () => {},
    },
    user,
  });
  const sunhua: SessionUser = {
    id: "u-sunhua",
    username: "sunhua",
    displayName: "孙华",
    role: "center_lead",
    siteId: CENTER,
    tokenHash: "",
    locked: false,
  };

  it("a per-staff figure source adds its column; staff it does not name get 0", async () => {
    await cases();
    const complaints: StaffFigureSource = {
      key: "complaints",
      zh: "属实投诉",
      en: "Substantiated complaints",
      countsBy: async () => new Map([["u-sunhua", 2]]),
    };
    const f = await staffFigures(ctxOf(sunhua), {}, [complaints]);
    expect(f.columns).toEqual([
      { key: "complaints", zh: "属实投诉", en: "Substantiated complaints" },
    ]);
    expect(f.rows.find((r) => r.userId === "u-sunhua")?.extra).toEqual({ complaints: 2 });
    expect(f.rows.find((r) => r.userId === "u-zhangli")?.extra).toEqual({ complaints: 0 });
  });

  it("a monthly section source fills its section with the rows it gives, over the month", async () => {
    const seen: unknown[] = [];
    const m = await monthlyReport(ctxOf(sunhua), "2026-02", {
      complaints: async (_ctx, period) => {
        seen.push(period);
        return { columns: [{ key: "no", zh: "投诉编号" }], rows: [{ no: "TS-1" }] };
      },
    });
    expect(seen).toEqual([{ from: "2026-02-01", to: "2026-02-28" }]);
    expect(m.complaints).toEqual({
      recorded: true,
      table: { columns: [{ key: "no", zh: "投诉编号" }], rows: [{ no: "TS-1" }] },
    });
    expect(m.rectification).toMatchObject({ recorded: false });
  });
});

/** 孙华 registers a complaint about 张丽 (station A) and 陈静 closes it as substantiated. */
async function substantiatedComplaint() {
  const lead = await h.as("sunhua");
  const c = await lead.mutate<{ id: string }>("complaints.register", {
    channel: "phone",
    target: { staffId: "u-zhangli" },
    content: "窗口推诿，材料被退回三次",
    written: false,
    complexity: "complex",
    complainant: { name: "李四", phone: "13912345678" },
  });
  expect(c.error).toBeUndefined();
  const id = c.data?.id as string;
  const reviewer = await h.as("chenjing");
  for (const type of ["accept", "start_handling"]) {
    expect((await reviewer.mutate("complaints.act", { id, type })).error).toBeUndefined();
  }
  const closed = await reviewer.mutate("complaints.act", {
    id,
    type: "close",
    substantiated: true,
    result: "已批评教育",
  });
  expect(closed.error).toBeUndefined();
  return id;
}

describe("the ledgers in the reports (差评台账, 投诉台账)", () => {
  it("the per-staff figures count each person's substantiated complaints", async () => {
    await cases();
    await substantiatedComplaint();
    const lead = await h.as("sunhua");
    const r = await lead.query<{
      rows: { userId: string; extra: Record<string, number> }[];
    }>("reports.staff", { from: "2026-11-01", to: "2026-11-30" });
    const extra = (id: string) => r.data?.rows.find((x) => x.userId === id)?.extra;
    expect(extra("u-zhangli")).toEqual({ substantiatedComplaints: 1 });
    expect(extra("u-sunhua")).toEqual({ substantiatedComplaints: 0 });
  });

  it("the monthly report lists the month's complaints with stage and verdict, not the complainant", async () => {
    await cases();
    await substantiatedComplaint();
    const admin = await h.as("admin");
    const r = await admin.query<{
      complaints: { recorded: boolean; table: { rows: Record<string, unknown>[] } };
    }>("reports.monthly", { month: "2026-11" });
    expect(r.data?.complaints.table.rows).toEqual([
      expect.objectContaining({
        渠道: "投诉电话",
        投诉对象: "宝石社区便民服务站 / 张丽",
        环节: "办结",
        是否属实: "属实",
      }),
    ]);
    expect(JSON.stringify(r.data)).not.toContain("李四");
  });

  it("exports the 差评台账 as CSV with its filters, audited; a helper cannot", async () => {
    const { quick } = await cases();
    const lead = await h.as("sunhua");
    const { res, text } = await exportAs(lead, "rectify", { format: "csv", openOnly: true });
    expect(res.status).toBe(200);
    const lines = text.slice(1).split("\r\n");
    // One table: no title line, the header first.
    expect(lines[0]).toBe(
      "办件编号,事项名称,责任站点,评价等级,评价日期,整改状态,未完成,整改期限,是否逾期",
    );
    expect(lines[1]).toBe(
      `${quick.caseNumber},城乡居民医保参保登记,北山街道便民服务中心,不满意,2026-11-02,待分类,1,2026-11-09,逾期`,
    );
    const [line] = await auditOf("export.rectify");
    expect(line).toMatchObject({ userId: "u-sunhua", detail: { format: "csv", rows: 1 } });
    const helper = await exportAs(await h.as("chenjing"), "rectify", { format: "csv" });
    expect(helper.res.status).toBe(403);
  });

  it("exports the 投诉台账 with the complainant masked as on screen, audited", async () => {
    await substantiatedComplaint();
    const reviewer = await h.as("chenjing");
    const { res, text } = await exportAs(reviewer, "complaints", {
      format: "csv",
      kind: "complaint",
      state: "all",
    });
    expect(res.status).toBe(200);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "投诉编号,登记日期,登记站点,渠道,投诉对象,投诉人,内容,环节,是否属实,待办期限",
    );
    // Closed as substantiated on 11-02: file the result by 11-04, call back by 11-06.
    expect(lines[1]).toMatch(/,2026-11-04；2026-11-06$/);
    expect(lines[1]).toContain(
      ",投诉电话,宝石社区便民服务站 / 张丽,李*（139****5678）,窗口推诿，材料被退回三次,办结,属实,",
    );
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("李四");
    const [line] = await auditOf("export.complaints");
    expect(line).toMatchObject({ userId: "u-chenjing", detail: { format: "csv", rows: 1 } });
  });
});
