import { chromium } from "playwright-core";
const OUT = "/work/h14/shots";
const HUB = "http://127.0.0.1:8800";
const A = "http://127.0.0.1:8801";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
async function page(base, user) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  const p = await ctx.newPage();
  await p.goto(`${base}/login`);
  await p.getByLabel("用户名").fill(user);
  await p.getByLabel("密码", { exact: true }).fill("bangban2026");
  await p.getByLabel("密码", { exact: true }).press("Enter");
  await p.waitForURL((u) => !u.pathname.startsWith("/login"));
  await p.waitForTimeout(1500);
  return p;
}
async function shot(p, path, name) {
  await p.goto(p.url().replace(/(https?:\/\/[^/]+).*/, `$1${path}`));
  await p.waitForLoadState("networkidle");
  await p.waitForTimeout(1200);
  await p.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
}
const helper = await page(A, "zhangli");
await shot(helper, "/reminders", "01-station-helper-reminders");
await shot(helper, "/inbox", "02-station-inbox");
const leadA = await page(A, "wangqiang");
await shot(leadA, "/absences", "03-station-absences");
await shot(leadA, "/sms-log", "04-station-sms-log");
await shot(leadA, "/reminders", "05-station-lead-reminders");
const lead = await page(HUB, "sunhua");
await shot(lead, "/calendar", "06-hub-calendar");
await shot(lead, "/dashboard", "07-hub-dashboard");
await shot(lead, "/reminders", "08-hub-lead-reminders");
await shot(lead, "/sms-log", "09-hub-sms-log");
await shot(lead, "/absences", "10-hub-absences");
// A case with a system event, if any: from the lead's reminders, open the first case.
const terminated = await lead.evaluate(async () => {
  const r = await fetch("/trpc/cases.list?input=" + encodeURIComponent(JSON.stringify({ scope: "all", status: "TERMINATED", limit: 5 })));
  return r.json();
});
const id = terminated?.result?.data?.rows?.[0]?.caseId;
console.log("terminated case", id, JSON.stringify(terminated).slice(0, 300));
if (id) await shot(lead, `/cases/${id}`, "11-hub-case-terminated");
const reviewer = await page(HUB, "chenjing");
await shot(reviewer, "/review", "12-hub-review-queue");
await browser.close();
