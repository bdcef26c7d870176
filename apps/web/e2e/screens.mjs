// Walks the station's screens in headless Chromium and saves screenshots, for a person to look
// at. Not part of `npm test` (it needs a running station and a Chromium):
//   BANGBAN_URL=http://127.0.0.1:8701 SHOTS=/tmp/shots node e2e/screens.mjs
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.env.BANGBAN_URL ?? "http://127.0.0.1:8701";
const out = process.env.SHOTS ?? "/tmp/shots";
const user = process.env.BANGBAN_USER ?? "zhangli";
const password = process.env.BANGBAN_PASSWORD ?? "bangban2026";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext({
  viewport: { width: 1366, height: 860 },
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
});
const page = await context.newPage();
const problems = [];
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
// Failed loads are expected where the script cuts the network on purpose.
page.on(
  "console",
  (m) =>
    m.type() === "error" &&
    !m.text().includes("Failed to load resource") &&
    problems.push(`console: ${m.text()}`),
);
const shot = async (name, p = page) => {
  await p.waitForTimeout(400);
  await p.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(`saved ${name}.png`);
};

// Sign in with the keyboard only.
await page.goto(`${base}/today`);
await page.getByLabel("用户名").waitFor();
await shot("01-login");
await page.keyboard.type(user);
await page.keyboard.press("Tab");
await page.keyboard.type("wrong-password");
await page.keyboard.press("Enter");
await page.getByText("用户名或密码不正确").first().waitFor();
await shot("01b-login-error");
await page.getByRole("tab", { name: "PIN 快速登录" }).click();
await page.getByText("选择您的姓名").waitFor();
await shot("01c-login-pin");
await page.getByRole("tab", { name: "密码登录" }).click();
await page.getByLabel("密码", { exact: true }).fill("");
await page.keyboard.type(password);
await page.keyboard.press("Enter");
await page.getByRole("heading", { name: "今日办件" }).waitFor();
await shot("02-today");

// The intake wizard, keyboard first.
await page.goto(`${base}/intake`);
await page.getByPlaceholder(/输入事项名称/).waitFor();
await page.keyboard.type("高龄");
await page.keyboard.press("Enter"); // picks the first match
await page.getByTestId("item-guide").waitFor();
await shot("03-intake-item");
await page.keyboard.press("Enter"); // next
await page.getByLabel("姓名").waitFor();
await page.keyboard.type("王秀英");
await page.keyboard.press("Tab");
await page.keyboard.type("330106194001010040"); // wrong check digit
await page.keyboard.press("Tab");
await shot("04-intake-applicant-error");
await page.getByLabel("身份证号码").fill("33010619400101004X");
await page.keyboard.press("Tab");
await page.keyboard.type("13812345678");
await page.keyboard.press("Tab");
await page.keyboard.type("杭州市西湖区宝石路 1 号");
await page
  .getByTestId("earlier-cases")
  .getByText(/既往办件/)
  .first()
  .waitFor();
await shot("05-intake-applicant");
await page.keyboard.press("Enter");
await page.getByText("办理方式").waitFor();
await page.keyboard.press("Space"); // the focused first option: 帮办
await shot("06-intake-mode");
await page.keyboard.press("Enter");
await page.getByText("勾选申请人已提交的材料").waitFor();
await page.keyboard.press("Space"); // ID card (focused)
await page.keyboard.press("Tab");
await page.keyboard.press("Space"); // household register
await shot("07-intake-materials");
await page.keyboard.press("Enter");
await page.getByText("容缺材料与承诺补交日期").waitFor();
const pickers = page.locator(".ant-picker input");
// A week from today: the promise must be after the acceptance day and within the limit.
const promised = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
for (let i = 0; i < (await pickers.count()); i++) {
  await pickers.nth(i).click();
  await page.keyboard.type(promised);
  await page.keyboard.press("Enter");
}
await page.getByText("申请人已签署容缺受理承诺书").click();
await shot("08-intake-outcome");
await page.getByRole("button", { name: "提交" }).click();
await page
  .getByText(/办件编号：/)
  .waitFor()
  .catch(async (e) => {
    await shot("fail");
    throw e;
  });
await shot("09-intake-done");

// The case.
await page.getByRole("button", { name: "查看办件" }).click();
await page.getByTestId("deadline-clock").waitFor();
await shot("10-case");

// The resident's rating screen, opened by the helper in its own window.
const [rating] = await Promise.all([
  context.waitForEvent("page"),
  page.getByRole("button", { name: /邀请评价/ }).click(),
]);
await rating.waitForURL(/\/rate\//);
await rating.getByText("请您对本次服务进行评价").waitFor();
await shot("11-rate", rating);
await rating.getByRole("button", { name: "非常满意" }).click();
await rating.getByText("感谢您的评价").waitFor();
await shot("12-rated", rating);
await rating.close();

// A one-time notice, then the day's list, in English, and offline.
await page.goto(`${base}/intake`);
await page.getByPlaceholder(/输入事项名称/).waitFor();
await page.keyboard.type("居住证明");
await page.keyboard.press("Enter");
await page.getByTestId("item-guide").waitFor();
await page.keyboard.press("Enter");
await page.getByLabel("姓名").fill("李建国");
await page.getByLabel("身份证号码").fill("440524188001010014");
await page.getByLabel("联系电话").fill("0571-88881234");
await page.keyboard.press("Enter");
await page.getByText("办理方式").waitFor();
await page.getByText("代办", { exact: true }).click();
await page.getByRole("checkbox", { name: "申请人本人到场" }).uncheck();
await page.getByRole("button", { name: /下一步/ }).click();
await shot("13-intake-mode-proxy-errors");
await page.getByRole("checkbox", { name: "申请人已签署授权委托书" }).check();
await page.getByLabel("姓名").fill("李小明");
await page.getByLabel("身份证号码").fill("11010519491231002X");
await page.getByLabel("联系电话").fill("13900001111");
await page.getByLabel("与申请人关系").fill("子女");
await page.getByRole("button", { name: /下一步/ }).click();
await page.getByText("勾选申请人已提交的材料").waitFor();
await page.getByRole("button", { name: /下一步/ }).click();
await page.getByText("一次性告知内容").waitFor();
await shot("14-intake-notice");
// The network drops on submit: the message says so and nothing typed is lost.
await page.route("**/trpc/cases.intake**", (r) => r.abort());
await page.getByRole("button", { name: "提交" }).click();
await page.getByText(/无法连接本站服务器/).waitFor();
await shot("14b-intake-network-error");
await page.unroute("**/trpc/cases.intake**");
await page.getByRole("button", { name: "提交" }).click();
await page.getByText("已出具一次性告知").waitFor();
await shot("14c-intake-notice-done");
await page.getByRole("button", { name: "查看办件" }).click();
await page.getByTestId("deadline-clock").waitFor();
await shot("18-case-notice");
await page.getByRole("button", { name: "补充材料" }).click();
await page.getByRole("dialog").getByText("本次补交的材料").waitFor();
await page.getByRole("dialog").getByRole("checkbox").first().check();
await shot("19-supplement");
await page.keyboard.press("Escape");
await page.getByRole("button", { name: "转办" }).click();
await page.getByRole("dialog").getByText("转至站点").waitFor();
await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
await shot("20-transfer-errors");
await page.keyboard.press("Escape");

await page.goto(`${base}/today`);
await page.getByRole("heading", { name: "今日办件" }).waitFor();
await page.locator(".ant-table-row").first().waitFor();
await shot("15-today-cases");
await page.getByText("EN", { exact: true }).click();
await page.getByRole("heading", { name: "Today's cases" }).waitFor();
await shot("16-today-en");
await page.locator(".ant-table-row").first().click();
await page.getByTestId("deadline-clock").waitFor();
await shot("16b-case-en");
await page.goto(`${base}/cases`);
await page.locator(".ant-table-row").first().waitFor();
await shot("16c-cases-en");
await page.goto(`${base}/intake`);
await page.getByPlaceholder(/Type a name/).waitFor();
await page.keyboard.type("MZ-GF-002");
await page.keyboard.press("Enter");
await page.getByTestId("item-guide").waitFor();
await shot("21-intake-item-en");
await page.getByText("中文", { exact: true }).click();
await page.route("**/healthz", (r) => r.abort());
await page.reload();
await page.getByText("离线").waitFor({ timeout: 15000 });
await shot("17-offline");

await browser.close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exitCode = 1;
}
