/**
 * `pnpm --filter @bangban/domain demo [YYYY-MM-DD]` — the rules at work on one sample case:
 * a 高龄津贴 application taken at a community station with one 容缺 material, forwarded to
 * the street center, approved, supplemented at another station and completed there. Prints
 * the timeline, the derived status, the deadline and what the rules refused on the way.
 */
import { localDateOf } from "../calendar/local-date";
import { WorkCalendar } from "../calendar/workdays";
import { caseDeadline } from "../case/deadline-of";
import { actors, JournalKit, SITES } from "../case/fixtures";
import { foldJournal } from "../case/fold";
import { actionLabel, applyEvent } from "../case/machine";
import { caseStatusLabels } from "../case/types";
import { toItemSnapshot } from "../catalog/schema";
import { seedCatalog } from "../catalog/seed-catalog";
import { defaultRules } from "../config";
import { maskIdNumber, maskName } from "../privacy/mask";
import { parseIdNumber } from "../validation/id-number";

const asOf = process.argv[2] ?? "2026-11-23";
const calendar = new WorkCalendar();
const item = seedCatalog.items.find((i) => i.code === "MZ-GF-001");
if (!item) throw new Error("seed catalog lacks MZ-GF-001");
const rules = toItemSnapshot(item);
const deferrable = rules.materials.filter((m) => m.requirement === "deferrable");
const [later, ...now] = deferrable;
if (!later) throw new Error("MZ-GF-001 has no deferrable material");

const id = parseIdNumber("11010519491231002X", { today: asOf });
console.log("申请人:", maskName("王秀英"), id.ok ? maskIdNumber(id.value.normalized) : id.error.zh);

const kit = new JournalKit("2026-11-02T01:30:00.000Z");
kit.intake(rules, actors.helperA);
if (now.length)
  kit.add(
    "supplement",
    { materials: now.map((m) => ({ code: m.code, attachments: [] })) },
    actors.helperA,
  );
kit.add("accept", { deferred: [{ code: later.code, promisedBy: "2026-11-10" }] }, actors.helperA);
kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
kit.add("start_review", {}, actors.reviewer);
kit.add(
  "suspend",
  { reason: "publicity", note: "公示5个工作日" },
  actors.reviewer,
  "2026-11-04T02:00:00.000Z",
);
kit.add("resume", {}, actors.reviewer, "2026-11-11T02:00:00.000Z");
kit.add("approve", {}, actors.approver, "2026-11-12T02:00:00.000Z");

const refused = kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
const before = foldJournal(kit.events.slice(0, -1)).state;
const attempt = applyEvent(before, refused);
kit.events.pop();
console.log("\n出件尝试:", attempt.ok ? "允许" : `被拒绝 — ${attempt.error.zh}`);

kit.add(
  "supplement",
  { materials: [{ code: later.code, attachments: [] }] },
  actors.helperB,
  "2026-11-13T03:00:00.000Z",
);
kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver, "2026-11-13T05:00:00.000Z");
kit.add("complete", {}, actors.helperB, "2026-11-16T02:00:00.000Z");
kit.add(
  "rate",
  { level: 5, channel: "offline", stage: "completion" },
  { ...actors.resident, siteId: SITES.stationB },
  "2026-11-16T02:10:00.000Z",
);

console.log("\n时间线:");
for (const e of kit.events) {
  console.log(
    `  ${localDateOf(e.at)}  ${actionLabel(e.type).zh.padEnd(8, "　")} ${e.actor.role}@${e.actor.siteId}`,
  );
}
const { state } = foldJournal([...kit.events].reverse());
if (!state) throw new Error("the sample journal has no intake");
const d = caseDeadline(state, { asOf, calendar, rules: defaultRules });
console.log("\n状态:", caseStatusLabels[state.status].zh, `(${state.status})`);
console.log("承诺期限:", rules.promisedDays, "个工作日；受理日不计入；公示与容缺等待不计时");
console.log("暂停:", state.pauses.map((p) => `${p.reason} ${p.from}→${p.to ?? "…"}`).join("; "));
console.log(
  "到期日:",
  d.dueOn,
  "按时办结:",
  d.onTime ? "是" : "否",
  d.calendarUncertain ? "(日历未发布，期限待核)" : "",
);
console.log("出件站点:", state.pickupSiteId, " 首问负责人:", state.firstResponderId);
console.log("评价:", state.ratings.map((r) => `${r.level}星`).join(", "));
