// Walks the hub's screens (back office, administration, public) and a new station's first
// run in headless Chromium, saving screenshots for a person to look at. Not part of `npm
// test`: it needs a hub seeded with the demo data and a fresh, unenrolled station (README).
//   BANGBAN_HUB_URL=http://127.0.0.1:8720 BANGBAN_STATION_URL=http://127.0.0.1:8721 \
//   SHOTS=/tmp/hub-shots node e2e/hub-screens.mjs
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const hub = process.env.BANGBAN_HUB_URL ?? "http://127.0.0.1:8720";
const station = process.env.BANGBAN_STATION_URL ?? "http://127.0.0.1:8721";
const stationSite = process.env.BANGBAN_STATION_SITE ?? "330106001001";
const out = process.env.SHOTS ?? "/tmp/hub-shots";
const password = "bangban2026";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];
const pages = [];
// On a failure, every open page is saved as it stood.
process.on("uncaughtException", async (e) => {
  console.error(e);
  for (const [i, p] of pages.entries())
    await p.screenshot({ path: join(out, `fail-${i}.png`), fullPage: true }).catch(() => {});
  process.exit(1);
});
/** One browser context per person: hub and station cookies share a host, not a port. */
async function person(name) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const page = await context.newPage();
  pages.push(page);
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on(
    "console",
    (m) =>
      m.type() === "error" &&
      !m.text().includes("Failed to load resource") &&
      problems.push(`${name}: console: ${m.text()}`),
  );
  return { context, page };
}
const shot = async (page, name) => {
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(`saved ${name}.png`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The open dialog, once its opening animation is over (a click during it can be lost). */
async function openDialog(page) {
  const d = page.getByRole("dialog");
  await d.waitFor();
  await page.waitForTimeout(400);
  return d;
}

/** tRPC over the person's session: a mutation, or a query with its input in the URL. */
async function call(page, base, path, input, kind = "mutation") {
  const url =
    kind === "query"
      ? `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? {}))}`
      : `${base}/trpc/${path}`;
  const res =
    kind === "query"
      ? await page.request.get(url)
      : await page.request.post(url, { data: input ?? {} });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path}: ${JSON.stringify(body.error?.data?.bangban ?? body)}`);
  return body.result.data;
}

async function signIn(page, base, user) {
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** A valid 18-digit ID number (the check digit computed) from its first 17 digits. */
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

// --- A new station's first run ------------------------------------------------------------
const st = await person("station");
await st.page.goto(`${station}/today`);
await st.page.getByText("本站首次启用").waitFor();
await shot(st.page, "01-station-first-run");
await st.page.getByRole("button", { name: "登记" }).click();
await st.page.getByText("请填写街道中心地址").waitFor();
await shot(st.page, "01b-first-run-errors");
await st.page.getByLabel("街道中心地址").fill(hub.replace(/^http:\/\//, ""));
await st.page.getByLabel("登记码").fill("AAAA-BBBB-CCCC-DDDD");
await st.page.getByRole("button", { name: "登记" }).click();
await st.page
  .getByText(/登记码无效|无法连接/)
  .first()
  .waitFor();
await shot(st.page, "01c-first-run-bad-code");

// --- The administrator gives the station a code --------------------------------------------
const admin = await person("admin");
await signIn(admin.page, hub, "admin");
await admin.page.goto(`${hub}/enrolment`);
await admin.page.getByText("宝石社区便民服务站").waitFor();
await shot(admin.page, "02-enrolment");
await admin.page
  .locator("tr", { hasText: stationSite })
  .getByRole("button", { name: "生成登记码" })
  .click();
await (await openDialog(admin.page)).getByRole("button", { name: "生成登记码" }).click();
const codeEl = admin.page.getByTestId("enrolment-code");
await codeEl.waitFor();
const code = (await codeEl.textContent()).trim();
await shot(admin.page, "02b-enrolment-code");
await admin.page.getByRole("button", { name: "已记下" }).click();

await st.page.getByLabel("登记码").fill(code.toLowerCase().replaceAll("-", " "));
await st.page.getByRole("button", { name: "登记" }).click();
await st.page.getByText("登记成功").waitFor();
await shot(st.page, "03-station-enrolled");
await st.page.getByText("同步完成").waitFor({ timeout: 60_000 });
await shot(st.page, "03b-station-synced");
await st.page.getByRole("button", { name: "去登录" }).click();
await st.page.getByLabel("用户名").fill("zhangli");
await st.page.getByLabel("密码", { exact: true }).fill(password);
await st.page.keyboard.press("Enter");
await st.page.getByRole("heading", { name: "今日办件" }).waitFor();

// --- Cases taken in at the station ----------------------------------------------------------
const items = await call(st.page, station, "catalog.list", {}, "query");
const itemOf = (code) => items.find((i) => i.code === code);
async function takeIn(itemCode, name, n, opts = {}) {
  const item = itemOf(itemCode);
  const materials = item.guide.materials.map((m) => ({
    code: m.code,
    state:
      m.requirement === "conditional" || opts.missing?.includes(m.code) ? "missing" : "provided",
  }));
  const c = await call(st.page, station, "cases.intake", {
    itemCode,
    applicant: {
      name,
      idNumber: idNumber(`33010619${40 + n}0101${String(100 + n).slice(-3)}`),
      phone: `1381234${String(5670 + n).padStart(4, "0")}`,
      address: `杭州市西湖区宝石路 ${n} 号`,
    },
    mode: "assist",
    residentPresent: true,
    agent: null,
    powerOfAttorney: false,
    materials,
  });
  const deferred = (opts.deferred ?? []).map((code) => ({ code, promisedBy: opts.promisedBy }));
  await call(st.page, station, "cases.accept", {
    caseId: c.caseId,
    deferred,
    commitmentSigned: deferred.length > 0,
  });
  if (opts.forward !== false) await call(st.page, station, "cases.forward", { caseId: c.caseId });
  return c;
}
const c1 = await takeIn("MZ-GF-001", "王秀英", 1);
const c2 = await takeIn("MZ-GF-002", "李建国", 2);
const c3 = await takeIn("MZ-GF-003", "赵桂兰", 3);
const c4 = await takeIn("SQ-GG-001", "孙红梅", 4, { forward: false });
const c5 = await takeIn("CL-GF-001", "周志强", 5);
const c6 = await takeIn("SQ-GG-001", "吴小芳", 6, { forward: false });
const all = [c1, c2, c3, c4, c5, c6];

// Wait until the hub holds them all.
const reviewer = await person("reviewer");
await signIn(reviewer.page, hub, "chenjing");
for (let i = 0; ; i++) {
  const list = await call(reviewer.page, hub, "cases.list", { scope: "all", limit: 50 }, "query");
  if (all.every((c) => list.rows.some((r) => r.caseId === c.caseId))) break;
  if (i > 60) throw new Error("the station's cases did not reach the hub");
  await sleep(1000);
}
await st.page.reload();
await st.page.getByTestId("sync-indicator").getByText("在线").waitFor({ timeout: 20_000 });
await shot(st.page, "04-station-today-online");

// The indicator during a long catch-up, and with the hub out of reach (healthz as the station
// would answer it then).
const healthz = async (sync, pendingSync) =>
  st.page.route("**/healthz", (r) =>
    r.fulfill({
      json: {
        ok: true,
        role: "station",
        site: stationSite,
        version: "0.1.0",
        db: "ok",
        pendingSync,
        sync,
      },
    }),
  );
await healthz(
  {
    state: "syncing",
    online: true,
    lastSuccessAt: new Date().toISOString(),
    lastError: null,
    catchUp: {
      changesDone: 1840,
      changesTotal: 5200,
      bytesDone: 3_400_000,
      bytesTotal: 9_800_000,
      cases: 412,
    },
  },
  0,
);
await st.page.reload();
await st.page.getByTestId("sync-catch-up").waitFor();
await st.page.getByTestId("sync-indicator").hover();
await shot(st.page, "05-sync-catch-up");
await st.page.unroute("**/healthz");
await healthz(
  {
    state: "offline",
    online: false,
    lastSuccessAt: new Date().toISOString(),
    lastError: "NETWORK",
    catchUp: null,
  },
  3,
);
await st.page.reload();
await st.page.getByText("中心未连接").waitFor();
await shot(st.page, "05b-sync-hub-offline");
await st.page.unroute("**/healthz");

// --- The back office's queue -----------------------------------------------------------------
await reviewer.page.goto(`${hub}/review`);
await reviewer.page.locator(".ant-table-row").first().waitFor();
await shot(reviewer.page, "06-queue");
await reviewer.page.goto(`${hub}/review?site=${stationSite}&status=ACCEPTED&colour=green`);
await reviewer.page.locator(".ant-table-row").first().waitFor();
await shot(reviewer.page, "06b-queue-filtered");
await reviewer.page.goto(`${hub}/review?item=SJ-QT-001`);
await reviewer.page.getByTestId("empty").waitFor();
await shot(reviewer.page, "06c-queue-empty");

// Review: start, then the approver decides.
await reviewer.page.goto(`${hub}/cases/${c1.caseId}`);
await reviewer.page.getByRole("button", { name: "开始审查" }).click();
await (await openDialog(reviewer.page)).getByRole("button", { name: "确定" }).click();
await reviewer.page.getByText("审查中").first().waitFor();
await shot(reviewer.page, "07-case-in-review");

const approver = await person("approver");
await signIn(approver.page, hub, "zhaolei");
await approver.page.goto(`${hub}/cases/${c1.caseId}`);
await approver.page.getByRole("button", { name: "准予" }).click();
await openDialog(approver.page);
await approver.page.getByLabel("审批意见（可选）").fill("符合高龄津贴申领条件，准予。");
await shot(approver.page, "08-approve-dialog");
await approver.page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
await approver.page.getByRole("button", { name: "出具结果" }).waitFor();
await approver.page.getByRole("button", { name: "出具结果" }).click();
await (await openDialog(approver.page)).getByText("出件站点").waitFor();
await shot(approver.page, "08b-issue-dialog");
await approver.page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
await approver.page.getByText("待出件").first().waitFor();
await shot(approver.page, "08c-case-issued");

// The station hands the result over and the resident rates the service.
async function until(what, check) {
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (i > 60) throw new Error(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}
await until("the result at the station", async () => {
  const d = await call(st.page, station, "cases.get", { caseId: c1.caseId }, "query");
  return d.status === "READY_FOR_PICKUP";
});
await call(st.page, station, "cases.complete", { caseId: c1.caseId });
const invite = await call(st.page, station, "cases.openRating", { caseId: c1.caseId });
await call(st.page, station, "rating.submit", { token: invite.path.split("/").pop(), level: 5 });

// Deny: the reason is required, beside the field; then given.
await approver.page.goto(`${hub}/cases/${c2.caseId}`);
await approver.page.getByRole("button", { name: "不予许可" }).click();
await (await openDialog(approver.page)).getByRole("button", { name: "确定" }).click();
await approver.page.getByText("请填写不予许可的理由").waitFor();
await shot(approver.page, "09-deny-reason-required");
await approver.page
  .getByLabel("不予许可的理由")
  .fill("经核查，申请人家庭人均收入高于本地低保标准。");
await approver.page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
await approver.page.getByText("不予许可").first().waitFor();
await shot(approver.page, "09b-denied");

// 补正 with a one-time notice.
await reviewer.page.goto(`${hub}/cases/${c3.caseId}`);
await reviewer.page.getByRole("button", { name: "一次性告知补正" }).click();
const dialog = await openDialog(reviewer.page);
await dialog.getByText("需要补正的材料", { exact: true }).waitFor();
await dialog.getByRole("checkbox").first().check();
await dialog.getByRole("button", { name: "出具一次性告知" }).click();
await dialog.getByText("请写明需要补正的内容").waitFor();
await shot(reviewer.page, "10-correction-errors");
await dialog.getByRole("textbox").first().fill("身份证复印件不清晰，请提供原件");
await dialog.getByRole("button", { name: "出具一次性告知" }).click();
await reviewer.page.getByText("待补正").first().waitFor();
await shot(reviewer.page, "10b-correction-sent");

// AB岗: a second reviewer is added, then takes a case over.
await admin.page.goto(`${hub}/users`);
await admin.page.getByRole("button", { name: "新增用户" }).click();
const ud = await openDialog(admin.page);
await ud.getByLabel("用户名").fill("9lisi");
await ud.getByLabel("姓名").fill("李思");
await ud.getByRole("button", { name: "确定" }).click();
await ud.getByText("用户名为 3–32 位小写字母").first().waitFor();
await shot(admin.page, "11-user-create-errors");
await ud.getByLabel("用户名").fill("lisi");
await ud.getByLabel("岗位").click();
await admin.page.getByTitle("审查员").click();
await ud.getByLabel("所属站点").click();
await admin.page.getByTitle(/北山街道便民服务中心/).click();
await ud.getByLabel("密码", { exact: true }).fill(password);
await ud.getByRole("button", { name: "确定" }).click();
await admin.page.getByRole("cell", { name: "lisi" }).waitFor();
await shot(admin.page, "11b-users");

await reviewer.page.goto(`${hub}/cases/${c5.caseId}`);
await reviewer.page.getByRole("button", { name: /更多/ }).click();
await reviewer.page.getByRole("menuitem", { name: "AB岗转派" }).click();
const rd = await openDialog(reviewer.page);
await rd.getByLabel("转派给（B岗）").click();
await reviewer.page.getByTitle(/李思/).click();
await rd.getByRole("button", { name: "确定" }).click();
await rd.getByText("请填写转派原因").waitFor();
await rd.getByLabel("转派原因").fill("A岗陈静休假，由B岗李思接办");
await shot(reviewer.page, "12-reassign");
await rd.getByRole("button", { name: "确定" }).click();
await reviewer.page.locator(".ant-descriptions").getByText(/李思/).waitFor();
await shot(reviewer.page, "12b-reassigned");

// --- A conflict: the center denies while the station hands the certificate over -------------
// Both at once, before either node has heard of the other's: one of them cannot stand. Should
// the station's sync round bring the denial in between, the spare case is tried.
let conflicted = null;
for (const c of [c4, c6]) {
  const [denied, completed] = await Promise.allSettled([
    call(approver.page, hub, "cases.deny", { caseId: c.caseId, reason: "居住情况核实不符" }),
    call(st.page, station, "cases.complete", { caseId: c.caseId }),
  ]);
  if (denied.status === "fulfilled" && completed.status === "fulfilled") {
    conflicted = c;
    break;
  }
}
if (!conflicted) throw new Error("could not make a conflict");
for (let i = 0; ; i++) {
  const list = await call(
    reviewer.page,
    hub,
    "cases.list",
    { scope: "all", conflict: true },
    "query",
  );
  if (list.rows.some((r) => r.caseId === conflicted.caseId)) break;
  if (i > 60) throw new Error("no conflict arrived");
  await sleep(1000);
}
await reviewer.page.goto(`${hub}/conflicts`);
await reviewer.page.getByTestId("conflict-panel").waitFor();
await shot(reviewer.page, "13-conflicts");
await reviewer.page.goto(`${hub}/cases/${conflicted.caseId}`);
await reviewer.page.getByTestId("conflict-panel").waitFor();
await shot(reviewer.page, "13b-case-conflict");
await reviewer.page.getByRole("button", { name: "记录处理意见并解除冲突" }).click();
await reviewer.page.getByText("请填写处理意见").waitFor();
await reviewer.page
  .getByLabel("处理意见")
  .fill("已电话联系申请人：证明已领取。经中心负责人同意，维持站点办结，不予许可决定作废。");
await reviewer.page.getByRole("button", { name: "记录处理意见并解除冲突" }).click();
await reviewer.page.getByText("已处理").first().waitFor();
await shot(reviewer.page, "13c-conflict-resolved");

// --- Administration ----------------------------------------------------------------------
await until("the completion at the hub", async () => {
  const d = await call(admin.page, hub, "cases.get", { caseId: c1.caseId }, "query");
  return d.status === "COMPLETED" && d.ratings.length > 0;
});
await admin.page.goto(`${hub}/dashboard`);
await admin.page.getByTestId("radar").locator("canvas").waitFor();
await shot(admin.page, "14-dashboard");
await admin.page.getByText("EN", { exact: true }).click();
await admin.page.getByRole("heading", { name: "Dashboard" }).waitFor();
await admin.page.mouse.move(600, 600);
await shot(admin.page, "14b-dashboard-en");
await admin.page.getByText("中文", { exact: true }).click();

await admin.page.goto(`${hub}/catalog`);
await admin.page.getByText("高龄津贴申领").waitFor();
await shot(admin.page, "15-catalog");
await admin.page.goto(`${hub}/catalog/MZ-GF-003`);
await admin.page.getByLabel("事项名称").waitFor();
await admin.page.getByLabel("无法定时限").uncheck();
await admin.page.getByLabel("法定时限", { exact: true }).fill("3");
await admin.page.getByRole("button", { name: /保存为第 2 版/ }).click();
await admin.page
  .getByText(/不得超过法定时限/)
  .first()
  .waitFor();
await shot(admin.page, "16-catalog-editor-error");
await admin.page.getByLabel("法定时限", { exact: true }).fill("30");
await admin.page.getByRole("button", { name: /保存为第 2 版/ }).click();
await admin.page.getByText("已保存为第 2 版").waitFor();
await admin.page.getByRole("button", { name: /保存为第 3 版/ }).waitFor();
await shot(admin.page, "16b-catalog-saved");

await admin.page.goto(`${hub}/sites`);
await admin.page.getByText("宝石社区便民服务站").first().waitFor();
await shot(admin.page, "17-sites");
await admin.page.goto(`${hub}/enrolment`);
await admin.page.getByText("在线").first().waitFor();
await shot(admin.page, "18-enrolment-enrolled");

// --- The public ---------------------------------------------------------------------------
const pub = await person("public");
await pub.page.goto(`${hub}/public`);
await pub.page.getByText("高龄津贴申领").waitFor();
await shot(pub.page, "19-public-guides");
await pub.page.getByRole("link", { name: "高龄津贴申领" }).click();
await pub.page.getByTestId("guide-process").waitFor();
await shot(pub.page, "20-public-guide");
await pub.page.goto(`${hub}/progress?no=${encodeURIComponent(c1.caseNumber)}`);
await pub.page.getByLabel("手机号后四位").fill("0000");
await pub.page.getByRole("button", { name: "查询" }).click();
await pub.page
  .getByText(/未查到该办件/)
  .first()
  .waitFor();
await shot(pub.page, "21-progress-not-found");
await pub.page.getByLabel("手机号后四位").fill("5671");
await pub.page.getByRole("button", { name: "查询" }).click();
await pub.page.getByTestId("progress-result").waitFor();
await shot(pub.page, "21b-progress");

await browser.close();
console.log(`cases: ${all.map((c) => c.caseNumber).join(", ")}`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exitCode = 1;
}
