import { seededRandom } from "@bangban/api";
import { checkEligibility, computeCheckChar, type EligibilityCondition } from "@bangban/domain";

/** What the bench needs of a catalog item (as `catalog.list` returns it). */
export interface BenchItem {
  code: string;
  name: string;
  kind: string;
  /** 受理条件 intake checks (age, 户籍): an applicant who does not meet them is refused. */
  eligibility?: EligibilityCondition[];
  stationMayComplete: boolean;
  guide: { materials: { code: string; requirement: "mandatory" | "deferrable" | "conditional" }[] };
}

export interface Person {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** One planned case: who, which item, and which deferrable materials were missing at intake. */
export interface PlannedCase {
  index: number;
  applicant: Person;
  agent: (Person & { relation: string }) | null;
  item: BenchItem;
  missingAtIntake: string[];
  caseId?: string;
}

/** One HTTP mutation of the edit phase. */
export interface Edit {
  path: string;
  input: Record<string, unknown>;
}

/** The demo's seeded PRNG (mulberry32): every run makes the same cases. */
export const rng = seededRandom;

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾"];
const GIVEN = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚婷晨",
  ..."秀英 桂英 建华 建国 秀兰 玉兰 志强 海燕 子涵 国庆 淑珍 桂兰 文华 晓明 春梅 德明 金凤 丽华".split(
    " ",
  ),
];
const REGIONS = ["330106", "330102", "330105", "330108", "330110", "110105", "320102", "440524"];
const STREETS = ["宝石一弄", "保俶路", "北山路", "曙光路", "黄龙路", "文三路", "玉古路"];
const RELATIONS = ["子女", "配偶", "孙子女", "兄弟姐妹"];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const digits = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join("");

/** A valid 18-character ID number (GB 11643, real birth date, MOD 11-2 check character). */
export function idNumber(r: () => number): string {
  const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(r() * 75 * 365.25) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `${pick(r, REGIONS)}${ymd}${digits(r, 3)}`;
  return first17 + computeCheckChar(first17);
}

export function person(r: () => number): Person {
  return {
    name: pick(r, SURNAMES) + pick(r, GIVEN),
    idNumber: idNumber(r),
    phone: `1${pick(r, ["3", "5", "7", "8", "9"])}${digits(r, 9)}`,
    address: `${pick(r, STREETS)} ${1 + Math.floor(r() * 120)} 号`,
  };
}

/** Draws before giving up on finding a resident who meets an item's conditions. */
const ELIGIBLE_DRAWS = 200;

/**
 * `count` cases over a population of about 0.7 × count residents (some come back for a
 * second item, as at a real station), spread over the station-assist items; every tenth is
 * 代办 by a relative; a third leave a deferrable material out at intake. Each applicant meets
 * the item's 受理条件 on `today` (a helper does not take in an 80+ allowance for a 40-year-old:
 * intake refuses it).
 */
export function planCases(
  count: number,
  items: BenchItem[],
  today: string,
  seed = 20261102,
): PlannedCase[] {
  const r = rng(seed);
  const people = Array.from({ length: Math.max(1, Math.round(count * 0.7)) }, () => person(r));
  return Array.from({ length: count }, (_, index) => {
    const item = items[index % items.length] as BenchItem;
    const deferrable = item.guide.materials.filter((m) => m.requirement === "deferrable");
    return {
      index,
      applicant: eligible(r, people, item, today),
      agent: index % 10 === 9 ? { ...person(r), relation: pick(r, RELATIONS) } : null,
      item,
      missingAtIntake: index % 3 === 0 ? deferrable.map((m) => m.code) : [],
    };
  });
}

/**
 * A resident of `people` who meets `item`'s conditions on `today`: drawn at random, and when
 * `ELIGIBLE_DRAWS` draws found none (a rare condition: 80 or over), the first one who does
 * from the last draw on. (Giving up with the last drawn let 1 intake in 10,000 be refused as
 * NOT_ELIGIBLE, a 57-year-old for 高龄津贴.) The last drawn only if nobody qualifies.
 */
function eligible(r: () => number, people: Person[], item: BenchItem, today: string): Person {
  const ok = (p: Person) => checkEligibility(item, p, today).ok;
  let p = pick(r, people);
  for (let i = 1; i < ELIGIBLE_DRAWS && !ok(p); i++) p = pick(r, people);
  if (ok(p)) return p;
  const from = people.indexOf(p);
  for (let i = 1; i < people.length; i++) {
    const q = people[(from + i) % people.length] as Person;
    if (ok(q)) return q;
  }
  return p;
}

/** The `cases.intake` input for a planned case: mandatory materials always provided. */
export function intakeInput(c: PlannedCase) {
  const materials = c.item.guide.materials
    .filter((m) => m.requirement !== "conditional")
    .map((m) => ({
      code: m.code,
      state: c.missingAtIntake.includes(m.code) ? ("missing" as const) : ("provided" as const),
    }));
  return {
    itemCode: c.item.code,
    applicant: c.applicant,
    mode: c.agent ? "proxy" : "assist",
    residentPresent: true,
    agent: c.agent,
    // A relative acting (代办) brings the resident's signed 委托书; intake requires it.
    powerOfAttorney: c.agent !== null,
    materials,
  };
}

/** The number of edits `editPlan` makes per case. */
export const EDITS_PER_CASE = 9;

const NOTES = ["已电话联系申请人，告知办理进度", "已核对原件", "申请人来电询问进度，已答复"];
const REMARKS = [
  "申请人行动不便，材料由帮办员上门收取",
  "申请人行动不便，材料由帮办员上门收取；补正材料已齐",
  "材料已核对，等待后续办理",
];

/**
 * Nine edits after intake, so each case has ten changes. The status-changing edits come
 * first and differ from the first round on, so a run cut short by its time budget still
 * lists a real mix of statuses; the rest are notes and remarks. By `index % 8`:
 * 0–2 受理 (ACCEPTED); 3 受理 then 补正 (NEEDS_CORRECTION); 4 受理 then 办结 when the item
 * allows it (即办件 or station-completable: COMPLETED); 5 一次性告知 left open
 * (NEEDS_CORRECTION); 6–7 a note, then 一次性告知 and 补交 (SUBMITTED). Cases that left a
 * deferrable material out at intake get 一次性告知 and 补交 before 受理.
 */
export function editPlan(c: PlannedCase, caseId: string): Edit[] {
  const mandatory = c.item.guide.materials.find((m) => m.requirement === "mandatory")?.code;
  if (!mandatory) throw new Error(`item ${c.item.code} has no mandatory material`);
  const on = (path: string, input: Record<string, unknown> = {}): Edit => ({
    path,
    input: { caseId, ...input },
  });
  const correction = (codes: string[]) =>
    on("cases.requestCorrection", {
      missing: codes.map((code) => ({ code, reason: "复印件不清晰，请重新提供" })),
    });
  const noticed = [mandatory, ...c.missingAtIntake];
  const supplement = on("cases.supplement", { materials: noticed.map((code) => ({ code })) });
  const corrected = [correction(noticed), supplement];
  const accepted = [...(c.missingAtIntake.length ? corrected : []), on("cases.accept")];
  const canComplete = c.item.kind === "IMMEDIATE" || c.item.stationMayComplete;
  const note = (i: number) => on("cases.note", { text: NOTES[i % NOTES.length] });
  const k = c.index % 8;
  const core =
    k <= 2
      ? accepted
      : k === 3
        ? [...accepted, correction([mandatory])]
        : k === 4
          ? [...accepted, ...(canComplete ? [on("cases.complete", { note: "当场办结" })] : [])]
          : k === 5
            ? [correction(noticed)]
            : [note(2), ...corrected];
  const filler = Array.from({ length: EDITS_PER_CASE - core.length }, (_, i) =>
    i % 2 === 0
      ? note(i / 2)
      : on("cases.updateRemarks", { text: REMARKS[((i - 1) / 2) % REMARKS.length] }),
  );
  return [...core, ...filler];
}
