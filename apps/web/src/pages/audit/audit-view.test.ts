import { PERSON_ACCESS_ACTIONS } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/i18n-context";
import {
  ACTION_FILTERS,
  actionLabel,
  auditListInput,
  auditSiteOptions,
  chainTag,
  detailText,
  personText,
  siteText,
  verifyText,
} from "./audit-view";

const zh = translator("zh");
const en = translator("en");

describe("审计日志: the filter as the audit.list input", () => {
  it("leaves blanks out, trims text, and carries the page cursor", () => {
    expect(auditListInput({ access: false })).toEqual({ limit: 50, access: false });
    expect(
      auditListInput(
        {
          site: "330106001001",
          userId: "u-wangqiang",
          action: "case.*",
          caseNumber: "  330106001001-20261102-0001 ",
          from: "2026-11-01",
          to: "2026-11-30",
          access: false,
        },
        120,
      ),
    ).toEqual({
      limit: 50,
      access: false,
      site: "330106001001",
      userId: "u-wangqiang",
      action: "case.*",
      caseNumber: "330106001001-20261102-0001",
      from: "2026-11-01",
      to: "2026-11-30",
      before: 120,
    });
    expect(auditListInput({ caseNumber: "   ", userId: "", access: false })).toEqual({
      limit: 50,
      access: false,
    });
  });

  it("查阅记录 replaces the action filter (the server lists the access actions)", () => {
    expect(auditListInput({ action: "case.*", access: true })).toEqual({ limit: 50, access: true });
  });
});

describe("审计日志: actions in words", () => {
  it("names every person-access action and every filter choice in both languages", () => {
    for (const a of PERSON_ACCESS_ACTIONS) {
      expect(actionLabel(a, zh, "zh"), a).not.toBe(a);
      expect(actionLabel(a, en, "en"), a).not.toBe(a);
    }
    for (const f of ACTION_FILTERS) expect(zh(f.label)).not.toBe("");
    expect(actionLabel("person.reveal", zh, "zh")).toBe("查看完整证件号");
  });

  it("composes case events, time rules and prints from their own labels", () => {
    expect(actionLabel("case.accept", zh, "zh")).toBe("办件：受理");
    expect(actionLabel("rule.deadline.red", zh, "zh")).toBe("时限规则：超过承诺时限");
    expect(actionLabel("rule.deadline.red", en, "en")).toBe(
      "Time rule: Past the promised deadline",
    );
    expect(actionLabel("print.receipt", zh, "zh")).toBe("打印：receipt");
  });

  it("shows an action it does not know as itself", () => {
    expect(actionLabel("complaint.register", zh, "zh")).toBe("complaint.register");
    expect(actionLabel("case.no_such_event", zh, "zh")).toBe("case.no_such_event");
  });
});

describe("审计日志: the person, detail and chain columns", () => {
  it("the person with their post; the system and a station's sync by name", () => {
    const row = { userId: "u-w", userName: "王强", userRole: "station_lead" };
    expect(personText(row, zh, "zh")).toBe("王强（站长）");
    expect(personText({ ...row, userId: "system", userName: null }, zh, "zh")).toBe(
      "系统（时限规则）",
    );
    expect(
      personText({ userId: "station:330106001001", userName: null, userRole: null }, zh, "zh"),
    ).toBe("站点同步 330106001001");
    expect(personText({ userId: "u-gone", userName: null, userRole: null }, zh, "zh")).toBe(
      "u-gone",
    );
  });

  it("a person access shows its purpose, note and masked ID first, then the rest", () => {
    expect(
      detailText(
        {
          idMasked: "330106********004X",
          purpose: "投诉处理",
          purposeKind: "complaint",
          note: "12345 热线转办",
          who: "applicant",
          found: 2,
        },
        zh,
      ),
    ).toBe(
      "用途：投诉处理（12345 热线转办） · 证件号：330106********004X · who: applicant · found: 2",
    );
    expect(detailText({ site: "330106001", access: true }, zh)).toBe(
      "site: 330106001 · access: true",
    );
  });

  it("a broken row is red and says why; 校验链's verdict names the first broken row", () => {
    expect(chainTag("ok")).toEqual({ colour: "success", label: "audit.chain.ok" });
    expect(chainTag("hash").colour).toBe("error");
    expect(chainTag("link").colour).toBe("error");
    expect(verifyText({ ok: true, rows: 12 }, zh)).toBe("哈希链完整：共 12 条记录均未被改动。");
    expect(verifyText({ ok: false, brokenId: 7, checked: 6, reason: "hash" }, zh)).toContain(
      "第 7 条断开（内容被改动）",
    );
  });
});

describe("审计日志: the site column", () => {
  it("names a site the node lists, and keeps the code of one it does not", () => {
    const sites = [
      { siteId: "330106", name: "西湖区", kind: "district" as const, own: true },
      { siteId: "330106001001", name: "宝石社区", kind: "station" as const, own: false },
    ];
    expect(siteText("330106001001", sites)).toBe("宝石社区");
    expect(siteText("330106009001", sites)).toBe("330106009001");
  });
});

describe("审计日志: the log picker", () => {
  const own = { siteId: "330106001", name: "北山街道", kind: "center" as const, own: true };
  const a = { siteId: "330106001001", name: "宝石社区", kind: "station" as const, own: false };

  it("at a street hub: its own log, then its stations', ungrouped", () => {
    expect(auditSiteOptions([own, a], zh)).toEqual([
      { value: "330106001", label: "北山街道 （本节点）", search: "北山街道 330106001" },
      { value: a.siteId, label: "宝石社区", search: "宝石社区 330106001001" },
    ]);
  });

  it("at a district: one group per street; a street's name or code finds its stations", () => {
    const district = { siteId: "330106", name: "西湖区", kind: "district" as const, own: true };
    const inX = { ...a, street: "北山街道" };
    const b = { ...inX, siteId: "330106001002", name: "松木场社区" };
    const c = {
      siteId: "330106002001",
      name: "求是社区",
      kind: "station" as const,
      own: false,
      street: "西溪街道",
    };
    const lost = {
      siteId: "330106009001",
      name: "330106009001",
      kind: "station" as const,
      own: false,
    };
    expect(auditSiteOptions([district, inX, b, c, lost], en)).toEqual([
      { value: "330106", label: "西湖区 (this node)", search: "西湖区 330106" },
      {
        label: "北山街道",
        options: [
          { value: a.siteId, label: "宝石社区", search: "北山街道 宝石社区 330106001001" },
          { value: b.siteId, label: "松木场社区", search: "北山街道 松木场社区 330106001002" },
        ],
      },
      {
        label: "西溪街道",
        options: [{ value: c.siteId, label: "求是社区", search: "西溪街道 求是社区 330106002001" }],
      },
      { value: lost.siteId, label: lost.name, search: "330106009001 330106009001" },
    ]);
  });

  it("at a district: a street's own log heads its street's group, named as the street's own", () => {
    const district = { siteId: "330106", name: "西湖区", kind: "district" as const, own: true };
    const x = { ...own, own: false, street: "北山街道" };
    const inX = { ...a, street: "北山街道" };
    expect(auditSiteOptions([district, x, inX], zh)).toEqual([
      { value: "330106", label: "西湖区 （本节点）", search: "西湖区 330106" },
      {
        label: "北山街道",
        options: [
          {
            value: "330106001",
            label: "北山街道 （街道本级）",
            search: "北山街道 北山街道 330106001",
          },
          { value: a.siteId, label: "宝石社区", search: "北山街道 宝石社区 330106001001" },
        ],
      },
    ]);
    expect(auditSiteOptions([x], en)[0]).toMatchObject({
      options: [{ label: "北山街道 (the street's own log)" }],
    });
  });
});
