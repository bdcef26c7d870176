import { chromium } from "playwright-core";
const OUT = "/tmp/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
async function as(base, user) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("密码", { exact: true }).fill("bangban2026");
  await page.getByLabel("密码", { exact: true }).press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.waitForTimeout(1500);
  return page;
}
const shot = async (p, n) => { await p.waitForTimeout(800); await p.screenshot({ path: `${OUT}/${n}.png`, fullPage: true }); console.log(n); };
const A = "http://127.0.0.1:8701", B = "http://127.0.0.1:8702", H = "http://127.0.0.1:8700";
try {
  const b = await as(B, "liumei");
  await shot(b, "b-today");
  await b.goto(`${B}/inbox`); await shot(b, "b-inbox");
  await b.goto(`${B}/cases`); await shot(b, "b-all-cases");
  await b.getByTestId("sync-indicator").hover(); await shot(b, "b-sync-popover");
  const a = await as(A, "zhangli");
  await a.goto(`${A}/intake`);
  await a.getByPlaceholder(/输入事项名称/).fill("高龄"); await a.getByPlaceholder(/输入事项名称/).press("Enter");
  await a.getByRole("button", { name: /下一步/ }).click();
  await a.getByLabel("姓名").fill("李建国"); await a.getByLabel("身份证号码").fill("330106197005010024");
  await shot(a, "a-intake-refused");
  const r = await as(H, "chenjing");
  await shot(r, "hub-queue");
  const ap = await as(H, "zhaolei");
  await ap.getByText("只看待审批").click().catch(() => {}); await shot(ap, "hub-queue-awaiting");
  const adm = await as(H, "admin");
  await shot(adm, "hub-dashboard");
  await adm.goto(`${H}/admin/users`); await shot(adm, "hub-users");
  await adm.goto(`${H}/catalog/MZ-GF-001`); await shot(adm, "hub-catalog-edit");
} catch (e) { console.error(e); }
await browser.close();
