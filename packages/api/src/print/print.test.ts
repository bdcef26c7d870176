import { describe, expect, it } from "vitest";
import {
  CALENDAR_UNCERTAIN_NOTE,
  DEFERRED_CONSEQUENCE,
  type DocumentKind,
  deferredConsequence,
  documentTitles,
  esc,
  type PrintCase,
  type PrintExtension,
  type PrintHandover,
  PrintInputError,
  type PrintNotice,
  type PrintSite,
  renderClosureNotice,
  renderDeferredNotice,
  renderDeliveryReceipt,
  renderDocument,
  renderExtensionNotice,
  renderOneTimeNotice,
  renderPowerOfAttorney,
  renderReceipt,
} from "./index";

/** Anything shaped like a full 18-character ID number (GB 11643), not inside a longer number. */
const FULL_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;

const site: PrintSite = {
  id: "330603107001",
  name: "柯桥街道红星社区便民服务站",
  address: "柯桥区红星路 18 号",
  phone: "0575-84001234",
  centerName: "柯桥街道便民服务中心",
  supervisionPhone: "0575-12345",
};

function makeCase(over: Partial<PrintCase> = {}): PrintCase {
  return {
    caseNumber: "BB-20260508-0012",
    itemCode: "MZ-GF-001",
    itemName: "高龄津贴申领",
    promisedDays: 15,
    legalDays: null,
    applicant: {
      name: "张*明",
      idMasked: "110105********002X",
      phoneMasked: "138****5678",
      address: "红星路 18 号 3 幢",
    },
    agent: {
      name: "李*",
      idMasked: "440524********0014",
      phoneMasked: "139****1234",
      relation: "子女",
    },
    mode: "proxy",
    receiverName: "王*芳",
    submittedAt: "2026-05-08T01:30:00.000Z",
    acceptedOn: "2026-05-08",
    dueOn: "2026-05-29",
    calendarUncertain: false,
    materials: [
      { name: "居民身份证", requirement: "mandatory", state: "provided", form: "原件", copies: 1 },
      { name: "户口簿", requirement: "mandatory", state: "provided", form: "复印件", copies: 1 },
      { name: "银行卡", requirement: "deferrable", state: "deferred", form: "复印件" },
      { name: "近期免冠照片", requirement: "deferrable", state: "deferred", form: "2 寸" },
      { name: "代办人身份证", requirement: "conditional", state: "provided", form: "原件" },
    ],
    deferred: [
      {
        name: "银行卡",
        promisedBy: "2026-05-22",
        form: "复印件",
        reminders: ["2026-05-08", "2026-05-19", "2026-05-21", "2026-05-22"],
        suppliedOn: null,
      },
      { name: "近期免冠照片", promisedBy: "2026-05-22", form: "2 寸", suppliedOn: "2026-05-20" },
    ],
    deferredPolicy: { policy: "terminate", graceWorkdays: 15 },
    closure: {
      outcome: "returned",
      on: "2026-06-15",
      reason: "容缺材料逾期未补齐，宽限期满",
      graceUntil: "2026-06-12",
    },
    extension: {
      workdays: 10,
      reason: "需现场核查经营场所",
      oldDueOn: "2026-05-29",
      newDueOn: "2026-06-12",
      approvedBy: "孙华（中心负责人）",
      approvedOn: "2026-05-20",
      basis: "行政许可事项，经本机关负责人批准可延长",
    },
    progressUrl: "https://bangban.example.cn/p/BB-20260508-0012?t=abc&x=1",
    ratingUrl: "https://bangban.example.cn/evaluate?no=BB-20260508-0012",
    handover: {
      how: "collector",
      collector: { name: "李小明", idMasked: "440524********0014" },
      at: "2026-06-01T02:30:00.000Z",
      siteName: "宝石社区便民服务站",
      byName: "王芳",
    },
    ...over,
  };
}

const notice: PrintNotice = {
  noticeId: "GZ-20260508-0003",
  issuedOn: "2026-05-08",
  missing: [
    { name: "户口簿", reason: "未提供", form: "原件及复印件" },
    { name: "居民身份证", reason: "已过有效期", form: "原件" },
    { name: "银行卡", reason: "户名与申请人不一致", form: "复印件" },
  ],
};

const kinds = Object.keys(documentTitles) as DocumentKind[];

/** The case as each kind needs it: a 终止办理告知书 is for a case closed by 终止, not 退件. */
function caseFor(kind: DocumentKind, c: PrintCase): PrintCase {
  if (kind !== "termination-notice" || !c.closure) return c;
  const closure = { ...c.closure, outcome: "terminated" as const, graceUntil: null };
  return { ...c, closure: { ...closure, reason: "容缺材料逾期未补齐" } };
}

async function renderAll(c: PrintCase): Promise<[DocumentKind, string][]> {
  return Promise.all(
    kinds.map(async (k): Promise<[DocumentKind, string]> => {
      const doc = await renderDocument(k, { case: caseFor(k, c), site, notice });
      return [k, doc.html];
    }),
  );
}

const count = (s: string, sub: string): number => s.split(sub).length - 1;

describe("every document", () => {
  it("renders as a complete Chinese A4 page with the case number and item name", async () => {
    for (const [kind, html] of await renderAll(makeCase())) {
      expect(html, kind).toMatch(/^<!doctype html>\s*<html lang="zh-CN">/);
      expect(html, kind).toContain("@page { size: A4; margin: 18mm; }");
      expect(html, kind).toContain('"SimSun", "Songti SC", "Noto Serif CJK SC", serif');
      expect(html, kind).toContain("BB-20260508-0012");
      expect(html, kind).toContain("高龄津贴申领");
      expect(html, kind).toContain(documentTitles[kind]);
    }
  });

  it("has a 打印 button that is hidden on paper", async () => {
    for (const [kind, html] of await renderAll(makeCase())) {
      expect(html, kind).toContain('<button type="button" onclick="window.print()">打印</button>');
      expect(html, kind).toMatch(/@media print \{\s*\.toolbar \{ display: none; \}/);
    }
  });

  it("脱敏: shows masked IDs and never a full 18-digit ID number", async () => {
    for (const [kind, html] of await renderAll(makeCase())) {
      expect(html, kind).not.toMatch(FULL_ID);
    }
    const receipt = await renderReceipt(makeCase(), site);
    expect(receipt).toContain("110105********002X");
    expect(receipt).toContain("138****5678");
  });

  it("脱敏: an ID or phone that arrives unmasked is masked before it reaches paper", async () => {
    const leaky = makeCase({
      applicant: { name: "张*明", idMasked: "11010519491231002X", phoneMasked: "13812345678" },
      agent: {
        name: "李*",
        idMasked: "440524188001010014",
        phoneMasked: "13912341234",
        relation: "子女",
      },
    });
    for (const [kind, html] of await renderAll(leaky)) {
      expect(html, kind).not.toMatch(FULL_ID);
      expect(html, kind).not.toContain("13812345678");
    }
    expect(renderPowerOfAttorney(leaky, site)).toContain("110105********002X");
  });

  it("escapes HTML in every interpolated value (a <script> in a name stays text)", async () => {
    const evil = "<script>alert(1)</script>";
    const c = makeCase({
      itemName: `居住证明${evil}`,
      applicant: { name: `张${evil}`, idMasked: "110105********002X", phoneMasked: "138****5678" },
      deferred: [{ name: `银行卡${evil}`, promisedBy: "2026-05-22" }],
      extension: { ...(makeCase().extension as PrintExtension), reason: `核查${evil}` },
    });
    for (const [kind, html] of await renderAll(c)) {
      expect(html, kind).not.toContain("<script>");
      expect(html, kind).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });
});

describe("esc", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(esc(42)).toBe("42");
  });
});

describe("受理回执", () => {
  it("受理回执: carries a QR code SVG to the progress page with its caption and URL", async () => {
    const html = await renderReceipt(makeCase(), site);
    expect(html).toMatch(/<svg[^>]*viewBox/);
    expect(html).toContain("扫码查询办理进度");
    expect(html).toContain("https://bangban.example.cn/p/BB-20260508-0012?t=abc&amp;x=1");
  });

  it("扫码评价: the 受理回执 carries a second QR code, to the resident's own rating page after 办结", async () => {
    const html = await renderReceipt(makeCase(), site);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain("办结后扫码评价");
    expect(html).toContain("https://bangban.example.cn/evaluate?no=BB-20260508-0012");
  });

  it("受理回执: states 受理日期, 承诺时限 in working days, due date, receiver and contacts", async () => {
    const html = await renderReceipt(makeCase({ legalDays: 20 }), site);
    expect(html).toContain("2026年5月8日");
    expect(html).toContain("15 个工作日");
    expect(html).toContain("法定时限 20 个工作日");
    expect(html).toContain("2026年5月29日");
    expect(html).toContain("王*芳");
    expect(html).toContain("0575-84001234");
    expect(html).toContain("监督电话：0575-12345");
    expect(html).not.toContain(CALENDAR_UNCERTAIN_NOTE);
  });

  it("受理回执: a due date past the published holiday calendar is flagged 日期待核", async () => {
    const html = await renderReceipt(makeCase({ calendarUncertain: true }), site);
    expect(html).toContain(`2026年5月29日${CALENDAR_UNCERTAIN_NOTE}`);
  });

  it("受理回执: names the 代办人 when someone acts for the applicant, not otherwise", async () => {
    expect(await renderReceipt(makeCase(), site)).toContain("李*（与申请人关系：子女）");
    const alone = await renderReceipt(makeCase({ agent: null, mode: "assist" }), site);
    expect(alone).not.toContain("代 办 人");
    expect(alone).toContain("帮办");
  });

  it("受理回执: a 容缺 case refers the resident to the 容缺受理通知书", async () => {
    expect(await renderReceipt(makeCase(), site)).toContain("《容缺受理通知书》");
    const complete = await renderReceipt(makeCase({ deferred: [] }), site);
    expect(complete).not.toContain("容缺受理通知书");
  });

  it("受理回执: lists materials received and leaves out conditional ones not applicable", async () => {
    const c = makeCase({
      materials: [
        {
          name: "居民身份证",
          requirement: "mandatory",
          state: "provided",
          form: "原件",
          copies: 1,
        },
        { name: "出生医学证明", requirement: "conditional", state: "missing" },
      ],
    });
    const html = await renderReceipt(c, site);
    expect(html).toContain("<td>居民身份证</td><td>原件 1 份</td><td>已收取</td>");
    expect(html).not.toContain("出生医学证明");
  });

  it("收件回执: before acceptance the receipt says so and promises no due date", async () => {
    const c = makeCase({ acceptedOn: null, dueOn: null });
    const doc = await renderDocument("receipt", { case: c, site });
    expect(doc.title).toBe("收件回执");
    expect(doc.html).toContain("待受理");
    expect(doc.html).toContain("受理后按工作日计算");
  });

  it("即办件: 0 promised days prints 当场办结", async () => {
    expect(await renderReceipt(makeCase({ promisedDays: 0 }), site)).toContain("即办件，当场办结");
  });
});

describe("一次性告知书", () => {
  it("一次性告知书: lists every missing material on one notice, with reason and form", () => {
    const html = renderOneTimeNotice(makeCase(), site, notice);
    for (const m of notice.missing) {
      expect(html).toContain(`<td>${m.name}</td><td>${m.reason}</td><td>${m.form}</td>`);
    }
    expect(html).toContain("一次性告知");
    expect(html).toContain("共 3 项");
    expect(html).toContain("不再要求您提供其他材料");
  });

  it("一次性告知书: says where to bring the materials, whom to call, and has both signature lines", () => {
    const html = renderOneTimeNotice(makeCase(), site, notice);
    expect(html).toContain("柯桥区红星路 18 号");
    expect(html).toContain("GZ-20260508-0003");
    expect(html).toContain("经办人");
    expect(html).toContain("申请人（代办人）签收");
    expect(html).toContain("2026年5月8日");
  });

  it("一次性告知书: refuses to print a notice that lists nothing", () => {
    expect(() => renderOneTimeNotice(makeCase(), site, { ...notice, missing: [] })).toThrow(
      PrintInputError,
    );
  });
});

describe("容缺受理", () => {
  it("容缺受理承诺书: lists materials and promised dates, the consequence, and signature lines", async () => {
    const { html } = await renderDocument("deferred-commitment", { case: makeCase(), site });
    expect(html).toContain("<td>银行卡</td><td>复印件</td><td>2026年5月22日前</td>");
    expect(html).toContain("<td>近期免冠照片</td>");
    expect(html).toContain(DEFERRED_CONSEQUENCE);
    expect(html).toContain("承诺人（申请人）签字/按指印");
    expect(html).toContain("代办人签字");
  });

  it("容缺受理承诺书: signed by the applicant alone when there is no agent", async () => {
    const c = makeCase({ agent: null, mode: "assist" });
    const { html } = await renderDocument("deferred-commitment", { case: c, site });
    expect(html).toContain("承诺人签字/按指印");
    expect(html).not.toContain("代办人签字");
  });

  it("容缺受理通知书: printed in two copies (申请人留存联, 受理单位存档联) separated by a page break", () => {
    const html = renderDeferredNotice(makeCase(), site);
    expect(count(html, '<section class="copy">')).toBe(2);
    expect(html.indexOf("申请人留存联")).toBeLessThan(html.indexOf("受理单位存档联"));
    expect(html).toContain(".copy { break-after: page;");
  });

  it("容缺受理通知书: each copy lists each material, its form, deadline and the consequence", () => {
    const html = renderDeferredNotice(makeCase(), site);
    expect(count(html, "<td>银行卡</td><td>复印件</td><td>2026年5月22日前</td>")).toBe(2);
    expect(count(html, "<td>近期免冠照片</td><td>2 寸</td>")).toBe(2);
    expect(count(html, DEFERRED_CONSEQUENCE)).toBeGreaterThanOrEqual(4);
  });

  it("容缺: both documents refuse a case with no deferred materials", async () => {
    const c = makeCase({ deferred: [] });
    for (const kind of ["deferred-commitment", "deferred-notice"] as const) {
      await expect(renderDocument(kind, { case: c, site })).rejects.toThrow(/case\.deferred/);
    }
  });
});

describe("委托书", () => {
  it("委托书: pre-filled from the case with masked IDs, the item, scope, term and signatures", () => {
    const html = renderPowerOfAttorney(makeCase(), site);
    expect(html).toContain("张*明");
    expect(html).toContain("110105********002X");
    expect(html).toContain("李*");
    expect(html).toContain("440524********0014");
    expect(html).toContain("子女");
    expect(html).toContain("高龄津贴申领");
    expect(html).toContain("委托权限");
    expect(html).toContain("委托期限");
    expect(html).toContain("委托人签字（按指印）");
    expect(html).toContain("受托人签字（按指印）");
  });

  it("委托书: prints a blank template when there is no case", async () => {
    const doc = await renderDocument("power-of-attorney", { case: null, site });
    expect(doc.title).toBe("委托书");
    expect(doc.html).toContain('<span class="blank">&nbsp;</span>');
    expect(doc.html).not.toContain("办件编号");
  });
});

describe("送达回证", () => {
  it("送达回证: says who collected the result, how, when and where, with both signature lines", async () => {
    const doc = await renderDeliveryReceipt(makeCase(), site);
    expect(doc).toContain("送达回证");
    expect(doc).toContain("代领　领取人：李小明　身份证号：440524********0014");
    expect(doc).toContain("2026年6月1日");
    expect(doc).toContain("宝石社区便民服务站");
    expect(doc).toContain("王芳");
    expect(doc).toContain("领取人签字（按指印）");
    expect(doc).toContain("送达人签字");
  });

  it("扫码评价: the 送达回证 (the result notice) carries the QR code to the resident's own rating page", async () => {
    const doc = await renderDeliveryReceipt(makeCase(), site);
    expect(doc).toMatch(/<svg[^>]*viewBox/);
    expect(doc).toContain("扫码评价");
    expect(doc).toContain("https://bangban.example.cn/evaluate?no=BB-20260508-0012");
  });

  it("送达回证: 本人领取 names the applicant as the collector", async () => {
    const doc = await renderDeliveryReceipt(
      makeCase({
        handover: { ...(makeCase().handover as PrintHandover), how: "self", collector: null },
      }),
      site,
    );
    expect(doc).toContain("申请人本人领取");
    expect(doc).not.toContain("李小明");
  });

  it("送达回证: refuses a case with no recorded hand-over, naming case.handover", async () => {
    await expect(renderDeliveryReceipt(makeCase({ handover: null }), site)).rejects.toMatchObject({
      field: "case.handover",
    });
  });
});

describe("renderDocument", () => {
  it("refuses every kind but the 委托书 without a case, naming input.case", async () => {
    for (const kind of kinds.filter((k) => k !== "power-of-attorney")) {
      const attempt = renderDocument(kind, { case: null, site, notice });
      await expect(attempt, kind).rejects.toThrow(PrintInputError);
      await expect(attempt, kind).rejects.toMatchObject({ field: "input.case" });
    }
  });

  it("refuses the 一次性告知书 without a notice, naming input.notice", async () => {
    await expect(
      renderDocument("one-time-notice", { case: makeCase(), site }),
    ).rejects.toMatchObject({ field: "input.notice", name: "PrintInputError" });
  });

  it("returns the Chinese title of each kind", async () => {
    for (const kind of kinds) {
      const doc = await renderDocument(kind, { case: caseFor(kind, makeCase()), site, notice });
      expect(doc.title).toBe(documentTitles[kind]);
      expect(doc.html).toContain(`<title>${documentTitles[kind]}`);
    }
  });
});

describe("容缺受理通知书: reminders and the jurisdiction's consequence", () => {
  it("lists each material's reminder dates (at acceptance, T-3, T-1, the due day)", () => {
    const html = renderDeferredNotice(makeCase(), site);
    expect(count(html, "2026年5月8日、2026年5月19日、2026年5月21日、2026年5月22日")).toBe(2);
    expect(html).toContain("提醒日期");
  });

  it("policy terminate: 逾期未补齐的，终止办理", () => {
    const html = renderDeferredNotice(makeCase(), site);
    expect(html).toContain(DEFERRED_CONSEQUENCE);
    expect(html).not.toContain("退件");
  });

  it("policy suspend_then_return: 中止, then 退件 after the configured grace in working days", async () => {
    const c = makeCase({ deferredPolicy: { policy: "suspend_then_return", graceWorkdays: 15 } });
    const consequence = deferredConsequence(c.deferredPolicy);
    expect(consequence).toContain("中止办理");
    expect(consequence).toContain("15 个工作日");
    expect(consequence).toContain("退件");
    const notice = renderDeferredNotice(c, site);
    expect(notice).toContain(consequence);
    expect(notice).not.toContain(DEFERRED_CONSEQUENCE);
    const { html } = await renderDocument("deferred-commitment", { case: c, site });
    expect(html).toContain(consequence);
  });

  it("the grace period is the jurisdiction's number, not a fixed 15", () => {
    const c = makeCase({ deferredPolicy: { policy: "suspend_then_return", graceWorkdays: 10 } });
    expect(renderDeferredNotice(c, site)).toContain("10 个工作日");
  });
});

describe("退件通知书 and 终止办理告知书", () => {
  it("退件通知书: the materials not supplied with their promised dates, the grace, the date, the office", () => {
    const html = renderClosureNotice(makeCase(), site, "returned");
    expect(html).toContain("<h1>退件通知书</h1>");
    expect(html).toContain("<td>银行卡</td><td>复印件</td><td>2026年5月22日</td>");
    // Supplied in time: not among what is missing.
    expect(html).not.toContain("<td>近期免冠照片</td>");
    expect(html).toContain("15 个工作日");
    expect(html).toContain("2026年6月12日");
    expect(html).toContain("予以退件");
    expect(html).toContain("2026年6月15日");
    expect(html).toContain(`${site.name}（盖章）`);
    expect(html).toContain("容缺材料逾期未补齐，宽限期满");
  });

  it("终止办理告知书: a plain 终止 says 终止办理 and no grace", () => {
    const c = caseFor("termination-notice", makeCase());
    const html = renderClosureNotice(c, site, "terminated");
    expect(html).toContain("<h1>终止办理告知书</h1>");
    expect(html).toContain("终止办理");
    expect(html).not.toContain("宽限");
    expect(html).toContain("<td>银行卡</td>");
  });

  it("refuses a case that was not closed for a missed promise, naming case.closure", async () => {
    for (const kind of ["return-notice", "termination-notice"] as const) {
      await expect(
        renderDocument(kind, { case: makeCase({ closure: null }), site }),
      ).rejects.toMatchObject({ field: "case.closure" });
    }
  });

  it("refuses the wrong paper: no 退件通知书 for a 终止, no 终止办理告知书 for a 退件", async () => {
    const terminated = caseFor("termination-notice", makeCase());
    await expect(renderDocument("return-notice", { case: terminated, site })).rejects.toMatchObject(
      { field: "case.closure" },
    );
    await expect(
      renderDocument("termination-notice", { case: makeCase(), site }),
    ).rejects.toMatchObject({ field: "case.closure" });
  });
});

describe("延期告知书", () => {
  it("states the reason, the old and new due dates, the working days, who approved and when", () => {
    const html = renderExtensionNotice(makeCase(), site);
    expect(html).toContain("<h1>延期告知书</h1>");
    expect(html).toContain("需现场核查经营场所");
    expect(html).toContain("2026年5月29日");
    expect(html).toContain("2026年6月12日");
    expect(html).toContain("10 个工作日");
    expect(html).toContain("孙华（中心负责人）");
    expect(html).toContain("2026年5月20日");
    expect(html).toContain("行政许可事项，经本机关负责人批准可延长");
  });

  it("refuses a case that was not extended, naming case.extension", () => {
    expect(() => renderExtensionNotice(makeCase({ extension: null }), site)).toThrow(
      expect.objectContaining({ field: "case.extension" }),
    );
  });
});
