import { DEMO_SITES, demoSites, demoUsers } from "@bangban/db";
import {
  type Actor,
  addDays,
  type CaseEventType,
  computeCheckChar,
  type ItemRules,
  type PayloadOf,
  seedCatalog,
  toItemSnapshot,
  type WorkCalendar,
} from "@bangban/domain";

/**
 * The demo's seeded history as a plan: about three months of one street's cases over its
 * stations and its center, each a whole life (intake to rating) on working days, cut at `now`
 * — so the recent ones are still open, some near their due date and some past it. Each street
 * has its own character (`DemoStreet`): 北山 busy and mostly on time, 西溪 smaller, its
 * station often late and less often rated, so the district's ranking has something to say.
 * Pure and deterministic: the same street, seed, day and calendar give the same plan.
 */

/** One journal event to record: what, by whom, when. */
export interface PlannedEvent<T extends CaseEventType = CaseEventType> {
  type: T;
  payload: PayloadOf<T>;
  actor: Actor;
  at: string;
}

export interface CasePlan {
  originSiteId: string;
  /** China-time day of intake. */
  day: string;
  applicant: { name: string; idNumber: string; phone: string; address: string };
  /** The intake first; only events at or before `now`. */
  events: PlannedEvent[];
}

/** A small seeded PRNG (mulberry32): the demo must be the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pickOf = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number) => r() < p;
const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function actorOf(username: string): Actor {
  const u = demoUsers.find((x) => x.username === username);
  const site = demoSites.find((s) => s.id === u?.siteId);
  if (!u || !site) throw new Error(`demo user ${username} is not seeded`);
  return { userId: u.id, role: u.role, siteId: u.siteId, siteKind: site.kind };
}

/** Who takes cases in and who answers for them at a site. */
interface SiteStaff {
  helper: Actor;
  lead: Actor;
}

/** One demo street: its sites, its people and its character. */
export interface DemoStreet {
  center: string;
  stations: readonly string[];
  /** Who does what at each of its sites (the center's lead takes in at the center). */
  staff: Readonly<Record<string, SiteStaff>>;
  reviewer: Actor;
  approver: Actor;
  /** Where its residents live, by the site they come to. */
  addresses: Readonly<Record<string, readonly string[]>>;
  /** Cases a working day, [fewest, most], at each station and at the center. */
  perDay: { station: readonly [number, number]; center: readonly [number, number] };
  /** The share of cases decided late, at a station and at the center, and by how much at most. */
  late: { station: number; center: number; upTo: number };
  /** The share of a station's cases transferred to the other station, and picked up there. */
  transfer: number;
  crossPickup: number;
  /** The share of completions rated, and the rating levels' cumulative shares 5, 4, 3, 2. */
  rated: number;
  levels: readonly [number, number, number, number];
  /** The plan's default seed. */
  seed: number;
  /** Cases placed so that today shows what the street should show. */
  showcase: (street: DemoStreet, cal: WorkCalendar, today: string) => CaseShape[];
}

function resident(siteId: string): Actor {
  const kind = demoSites.find((s) => s.id === siteId)?.kind ?? "station";
  return { userId: "resident", role: "resident", siteId, siteKind: kind };
}

const ITEMS = new Map(seedCatalog.items.map((i) => [i.code, toItemSnapshot(i)]));
function item(code: string): ItemRules {
  const i = ITEMS.get(code);
  if (!i) throw new Error(`seed catalog lacks ${code}`);
  return i;
}

/** What stations and the center take in, and how often (weights). */
const STATION_MIX: readonly [string, number][] = [
  ["SQ-GG-001", 24],
  ["MZ-GF-001", 14],
  ["YB-GG-001", 10],
  ["MZ-GG-002", 10],
  ["RS-GG-001", 7],
  ["CL-GF-001", 6],
  ["WJ-GF-001", 5],
  ["MZ-GF-003", 5],
  ["SJ-QT-001", 6],
  ["MZ-GF-002", 4],
  ["WJ-GG-001", 4],
];
const CENTER_MIX: readonly [string, number][] = [
  ["YB-GG-001", 14],
  ["RS-GG-001", 10],
  ["WJ-GG-001", 6],
  ["MZ-GG-002", 8],
  ["SJ-QT-001", 6],
  ["SJ-BA-001", 5],
  ["MZ-GF-003", 5],
  ["MZ-GF-001", 5],
];

function weighted(r: Rand, mix: readonly [string, number][]): string {
  const total = mix.reduce((t, [, w]) => t + w, 0);
  let x = r() * total;
  for (const [code, w] of mix) {
    x -= w;
    if (x < 0) return code;
  }
  return mix[0]?.[0] ?? "SQ-GG-001";
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = [
  "秀英",
  "桂英",
  "建国",
  "国华",
  "玉兰",
  "志强",
  "丽华",
  "德明",
  "淑芬",
  "海燕",
  "明",
  "伟",
  "芳",
  "静",
  "敏",
  "磊",
  "洋",
  "勇",
  "军",
  "杰",
  "娟",
  "艳",
  "涛",
  "超",
  "秀兰",
  "凤英",
  "建华",
  "文斌",
  "晓东",
  "春梅",
  "永福",
  "金凤",
  "宏伟",
  "雪梅",
  "志华",
  "美玲",
];

/** Minimum ages the items ask for (高龄津贴 80+, 优待证 60+). */
const MIN_AGE: Record<string, number> = { "MZ-GF-001": 80, "MZ-GG-002": 60 };

function applicantFor(
  r: Rand,
  street: DemoStreet,
  siteId: string,
  itemCode: string,
  today: string,
) {
  const min = MIN_AGE[itemCode] ?? 20;
  const age = min + between(r, 0, min >= 80 ? 14 : min >= 60 ? 25 : 45);
  const year = Number(today.slice(0, 4)) - age - 1;
  const birth = `${year}${String(between(r, 1, 12)).padStart(2, "0")}${String(between(r, 1, 28)).padStart(2, "0")}`;
  const first17 = `330106${birth}${String(between(r, 1, 999)).padStart(3, "0")}`;
  return {
    name: pickOf(r, [...SURNAMES]) + pickOf(r, GIVEN),
    idNumber: first17 + computeCheckChar(first17),
    phone: `1${pickOf(r, ["35", "38", "39", "58", "59", "77", "86", "88"])}${String(between(r, 0, 99_999_999)).padStart(8, "0")}`,
    address: `${pickOf(r, street.addresses[siteId] ?? ["保俶路"])} ${between(r, 1, 120)} 号`,
  };
}

/**
 * Stands for the case's latest rating event in a planned 差评整改 step: event ids are minted
 * when the plan is recorded (demo-history.ts puts the real one in).
 */
export const LATEST_RATING = "@latest-rating";

/** What a 差评's lead did about it, as 谁办理谁负责 asks (DOMAIN §5). */
const BAD_RATING_NOTES = [
  "群众反映排队等候时间较长。已致歉，并说明下周起上午增开一个窗口。",
  "群众认为需补交的材料事先没有一次性说清。已致歉，已重新培训一次性告知。",
  "群众反映领证时工作人员态度生硬。已当面致歉，纳入本月服务评议。",
  "群众对办理时限不满意（超过承诺期限）。已说明原因，并跟进部门审批进度。",
  "群众反映站点电话无人接听。已核实为午休时段，已安排值班并公示电话。",
];

/** A rating level drawn from the street's shares (北山: mostly satisfied, one 差评 in twenty). */
const levelOf = (r: Rand, [five, four, three, two]: DemoStreet["levels"]): number => {
  const x = r();
  return x < five ? 5 : x < four ? 4 : x < three ? 3 : x < two ? 2 : 1;
};

/** A journal timeline under construction: events on working days, in order. */
class Life {
  readonly events: PlannedEvent[] = [];
  private last = 0;
  constructor(
    private readonly r: Rand,
    private readonly cal: WorkCalendar,
  ) {}

  /** Records `type` on `day` (China time), some minutes after the previous event. */
  add<T extends CaseEventType>(day: string, type: T, payload: PayloadOf<T>, actor: Actor) {
    const opening = Date.parse(`${day}T09:00:00+08:00`);
    const at = Math.max(
      opening + between(this.r, 0, 420) * 60_000,
      this.last + between(this.r, 3, 40) * 60_000,
    );
    this.last = at;
    this.events.push({ type, payload, actor, at: new Date(at).toISOString() } as PlannedEvent);
  }

  /** The n-th working day after `day` (the day itself not counted). */
  after(day: string, n: number): string {
    return n <= 0 ? day : (this.cal.addWorkdays(day, n).date ?? addDays(day, n));
  }
}

export interface CaseShape {
  origin: string;
  day: string;
  itemCode: string;
  /** 容缺: a deferrable material promised for later, supplied on time, late, or not yet. */
  deferred: "no" | "supplied" | "late" | "outstanding";
  /** Working days after the due date the case is decided (0: on time). */
  lateBy: number;
  /** The resident comes for the result (else it is still waiting for pick-up). */
  collect: boolean;
  /** Sent from its station to the other one before forwarding (转办). */
  transferred: boolean;
  /** Picked up at the other station (跨域通办). */
  crossPickup: boolean;
  rating: number | null;
  /** The life stops before this event (the case waits there today). */
  stopAt?: CaseEventType;
}

/** One case's life at `street`, from its shape; the caller cuts it at `now`. */
export function lifeOf(
  shape: CaseShape,
  r: Rand,
  cal: WorkCalendar,
  street: DemoStreet = STREET_1,
): PlannedEvent[] {
  const it = item(shape.itemCode);
  const life = new Life(r, cal);
  const staffOf = (site: string): SiteStaff => {
    const s = street.staff[site];
    if (!s) throw new Error(`demo street ${street.center} has no staff at ${site}`);
    return s;
  };
  const staff = staffOf(shape.origin);
  const atStation = shape.origin !== street.center;
  /** The street's other station (transfers and 跨域 pick-ups go there). */
  const otherThan = (site: string): string => {
    const other = street.stations.find((s) => s !== site);
    if (!other) throw new Error(`demo street ${street.center} has no second station`);
    return other;
  };
  const deferrable = it.materials.filter((m) => m.requirement === "deferrable");
  const owed = shape.deferred !== "no" && it.promisedDays > 0 ? deferrable[0] : undefined;
  life.add(
    shape.day,
    "intake",
    {
      item: it,
      mode: "assist",
      residentPresent: true,
      powerOfAttorney: false,
      originSiteId: shape.origin,
      materials: it.materials
        .filter((m) => m.requirement !== "conditional")
        .map((m) => ({ code: m.code, state: m === owed ? "missing" : "provided" })),
    },
    staff.helper,
  );
  const promisedBy = owed ? life.after(shape.day, Math.max(1, Math.min(it.promisedDays, 5))) : "";
  life.add(
    shape.day,
    "accept",
    { deferred: owed ? [{ code: owed.code, promisedBy }] : [] },
    staff.helper,
  );
  // 容缺 never supplied: the center terminates the case once the promise is long overdue (§4).
  const terminate = () =>
    life.add(
      life.after(promisedBy, 10),
      "terminate",
      { reason: "容缺材料逾期未补交，按容缺受理承诺终止办理" },
      staffOf(street.center).lead,
    );
  const supply = (day: string, by: Actor) => {
    if (owed)
      life.add(day, "supplement", { materials: [{ code: owed.code, attachments: [] }] }, by);
  };
  const supplyDay =
    shape.deferred === "supplied"
      ? life.after(shape.day, 1)
      : shape.deferred === "late"
        ? life.after(promisedBy, 2)
        : "9999-12-31";

  // 即办 and the station's own 居住证明: done where taken in.
  const local = it.kind === "IMMEDIATE" || (it.stationMayComplete && atStation);
  if (local) {
    let doneDay =
      it.kind === "IMMEDIATE"
        ? shape.day
        : life.after(shape.day, shape.lateBy ? it.promisedDays + shape.lateBy : between(r, 0, 1));
    if (owed) {
      if (shape.deferred === "outstanding") {
        terminate();
        return life.events;
      }
      supply(supplyDay, staff.helper);
      if (supplyDay > doneDay) doneDay = supplyDay;
    }
    life.add(doneDay, "complete", {}, staff.helper);
    rate(life, street, shape, shape.origin, doneDay);
    return life.events;
  }

  let handler = staff;
  let pickup = shape.origin;
  if (atStation) {
    if (shape.transferred) {
      const other = otherThan(shape.origin);
      life.add(
        shape.day,
        "transfer",
        { toSiteId: other, reason: "申请人现居住在该站辖区，转由就近站点办理" },
        staff.lead,
      );
      handler = staffOf(other);
      pickup = other;
    }
    life.add(
      life.after(shape.day, shape.transferred ? 1 : 0),
      "forward",
      { toSiteId: street.center },
      handler.helper,
    );
  }
  const reviewDay = life.after(shape.day, 1);
  life.add(reviewDay, "start_review", {}, street.reviewer);
  let pauseDays = 0;
  if (it.publicityWorkdays) {
    pauseDays = it.publicityWorkdays;
    life.add(
      life.after(reviewDay, 1),
      "suspend",
      { reason: "publicity", note: `公示${pauseDays}个工作日` },
      street.reviewer,
    );
    life.add(life.after(reviewDay, 1 + pauseDays), "resume", {}, street.reviewer);
  }
  const k = shape.lateBy
    ? it.promisedDays + shape.lateBy
    : Math.max(2, Math.round(it.promisedDays * (0.4 + r() * 0.5)));
  const decideDay = life.after(shape.day, k + pauseDays);
  if (owed && supplyDay <= decideDay) supply(supplyDay, handler.helper);
  life.add(decideDay, "approve", {}, street.approver);
  if (owed && supplyDay > decideDay) {
    if (shape.deferred === "outstanding") {
      terminate();
      return life.events;
    }
    supply(supplyDay, handler.helper);
  }
  if (shape.crossPickup && atStation) pickup = otherThan(pickup);
  const issueDay = owed && supplyDay > decideDay ? supplyDay : decideDay;
  life.add(issueDay, "issue", { pickupSiteId: pickup }, street.reviewer);
  if (!shape.collect) return life.events;
  const doneDay = life.after(issueDay, between(r, 1, 4));
  life.add(doneDay, "complete", {}, staffOf(pickup).helper);
  rate(life, street, shape, pickup, doneDay);
  return life.events;
}

function rate(life: Life, street: DemoStreet, shape: CaseShape, site: string, day: string) {
  if (shape.rating === null) return;
  life.add(
    day,
    "rate",
    { level: shape.rating, channel: "offline", stage: "completion" },
    resident(site),
  );
  // Every fourth satisfied resident also rates on their own phone (扫码评价, recorded by the
  // hub), so the dashboard's mix of channels has both.
  if (shape.rating >= 3 && shape.day.charCodeAt(9) % 4 === 0) {
    life.add(
      day,
      "rate",
      { level: shape.rating, channel: "qr", stage: "completion" },
      resident(street.center),
    );
  }
  if (shape.rating <= 2) {
    // 差评整改 (DOMAIN §5): the site's lead fixes it at once, records what was done and calls
    // the resident back; a 差评 from the last days is still open in the demo's 差评台账.
    const lead = street.staff[site]?.lead;
    if (!lead) throw new Error(`demo street ${street.center} has no lead at ${site}`);
    const ratingEventId = LATEST_RATING;
    const note =
      BAD_RATING_NOTES[(shape.day.charCodeAt(9) + shape.rating) % BAD_RATING_NOTES.length] ?? "";
    const fixDay = life.after(day, 1);
    life.add(fixDay, "rectify_classify", { ratingEventId, kind: "immediate" }, lead);
    life.add(fixDay, "rectify_record", { ratingEventId, text: note }, lead);
    life.add(
      life.after(fixDay, 1),
      "rectify_callback",
      { ratingEventId, reached: true, result: "已电话回访，群众认可整改。", satisfied: true },
      lead,
    );
  }
}

export interface HistoryOptions {
  calendar: WorkCalendar;
  /** The street whose history this is (its 9-digit code); the first street (北山) when absent. */
  street?: string;
  /** The demo's now: events after it are not recorded (the case is still open). */
  now: Date;
  /** Days of history before today. */
  days?: number;
  seed?: number;
}

/** The whole history: random cases plus a few that make sure every colour shows today. */
export function planHistory(o: HistoryOptions): CasePlan[] {
  const street = demoStreet(o.street);
  const r = seededRandom(o.seed ?? street.seed);
  const today = chinaDay(o.now);
  const days = o.days ?? 92;
  const shapes: CaseShape[] = [];
  for (let d = addDays(today, -days); d <= today; d = addDays(d, 1)) {
    if (!o.calendar.isWorkday(d)) continue;
    // Station cases end yesterday: a station numbers today's cases itself (收件号 per day).
    const sites = d < today ? [...street.stations, street.center] : [street.center];
    for (const origin of sites) {
      const [lo, hi] = origin === street.center ? street.perDay.center : street.perDay.station;
      const n = between(r, lo, hi);
      for (let i = 0; i < n; i++) shapes.push(randomShape(r, street, origin, d));
    }
  }
  shapes.push(...street.showcase(street, o.calendar, today));
  const nowIso = o.now.toISOString();
  return shapes
    .map((shape) => {
      const life = lifeOf(shape, r, o.calendar, street);
      const stop = shape.stopAt ? life.findIndex((e) => e.type === shape.stopAt) : -1;
      const events = (stop >= 0 ? life.slice(0, stop) : life).filter((e) => e.at <= nowIso);
      return {
        originSiteId: shape.origin,
        day: shape.day,
        applicant: applicantFor(r, street, shape.origin, shape.itemCode, today),
        events,
      };
    })
    .filter((p) => p.events.length > 0)
    .sort((a, b) => (a.events[0]?.at ?? "").localeCompare(b.events[0]?.at ?? ""));
}

function randomShape(r: Rand, street: DemoStreet, origin: string, day: string): CaseShape {
  const atCenter = origin === street.center;
  const itemCode = weighted(r, atCenter ? CENTER_MIX : STATION_MIX);
  const deferrable = item(itemCode).materials.some((m) => m.requirement === "deferrable");
  const x = r();
  return {
    origin,
    day,
    itemCode,
    deferred:
      !deferrable || x > 0.18 ? "no" : x < 0.1 ? "supplied" : x < 0.14 ? "late" : "outstanding",
    lateBy: chance(r, atCenter ? street.late.center : street.late.station)
      ? between(r, 1, street.late.upTo)
      : 0,
    collect: true,
    transferred: !atCenter && chance(r, street.transfer),
    crossPickup: !atCenter && chance(r, street.crossPickup),
    rating: chance(r, street.rated) ? levelOf(r, street.levels) : null,
  };
}

/** 残疾人两项补贴: 20 working days, no 公示 pause, decided at the center. */
const SHOWCASE_ITEM = "CL-GF-001";

/** Helpers for placing showcase cases relative to today. */
function placing(cal: WorkCalendar, today: string) {
  const promised = item(SHOWCASE_ITEM).promisedDays;
  const base: Omit<CaseShape, "origin" | "day"> = {
    itemCode: SHOWCASE_ITEM,
    deferred: "no",
    lateBy: 12,
    transferred: false,
    crossPickup: false,
    collect: true,
    rating: null,
  };
  return {
    promised,
    base,
    /** Taken in so that its due date is `left` working days from today (negative: past). */
    dueIn: (left: number) =>
      left >= promised ? today : cal.subtractWorkdays(today, promised - left).date,
    /** `n` working days before today. */
    back: (n: number) => cal.subtractWorkdays(today, n).date,
  };
}

/**
 * Cases placed so that today shows each colour whatever the random ones did: 高龄津贴 at
 * station B taken in so its due date is far ahead (green), in two working days (yellow) and
 * past (red); a 容缺 promise overdue at A; a 跨域 result waiting at B; a 差评 at A.
 */
function showcase(_street: DemoStreet, cal: WorkCalendar, today: string): CaseShape[] {
  const { promised, base, dueIn, back } = placing(cal, today);
  const shapes: CaseShape[] = [
    { ...base, origin: DEMO_SITES.stationB, day: dueIn(8) },
    { ...base, origin: DEMO_SITES.stationB, day: dueIn(1) },
    { ...base, origin: DEMO_SITES.stationA, day: dueIn(-3) },
    { ...base, origin: DEMO_SITES.stationA, day: back(12), deferred: "outstanding", lateBy: 0 },
    {
      ...base,
      origin: DEMO_SITES.stationA,
      day: back(promised + 4),
      lateBy: 0,
      crossPickup: true,
      collect: false,
    },
    {
      ...base,
      origin: DEMO_SITES.stationA,
      itemCode: "SQ-GG-001",
      day: back(1),
      lateBy: 0,
      rating: 1,
    },
    // Sent from A to B, where the resident now lives; B has not forwarded it yet.
    { ...base, origin: DEMO_SITES.stationA, day: back(2), transferred: true, stopAt: "forward" },
  ];
  return shapes.filter((s) => s.day < today);
}

/**
 * 西溪's station shows its trouble today: two cases past their due date (red), one due in a
 * working day (yellow), and a 差评 from yesterday still to be rectified.
 */
function showcase2(street: DemoStreet, cal: WorkCalendar, today: string): CaseShape[] {
  const { base, dueIn, back } = placing(cal, today);
  const station = street.stations[0] ?? street.center;
  const shapes: CaseShape[] = [
    { ...base, origin: station, day: dueIn(-6) },
    { ...base, origin: station, day: dueIn(-2) },
    { ...base, origin: station, day: dueIn(1) },
    { ...base, origin: station, itemCode: "SQ-GG-001", day: back(1), lateBy: 0, rating: 2 },
  ];
  return shapes.filter((s) => s.day < today);
}

/** 北山: two busy stations, mostly on time, most residents rate, few 差评. */
const STREET_1: DemoStreet = {
  center: DEMO_SITES.center,
  stations: [DEMO_SITES.stationA, DEMO_SITES.stationB],
  staff: {
    [DEMO_SITES.stationA]: { helper: actorOf("zhangli"), lead: actorOf("wangqiang") },
    [DEMO_SITES.stationB]: { helper: actorOf("liumei"), lead: actorOf("zhoujun") },
    [DEMO_SITES.center]: { helper: actorOf("sunhua"), lead: actorOf("sunhua") },
  },
  reviewer: actorOf("chenjing"),
  approver: actorOf("zhaolei"),
  addresses: {
    [DEMO_SITES.stationA]: ["宝石一弄", "宝石二弄", "保俶路", "宝石山下一弄"],
    [DEMO_SITES.stationB]: ["北山路", "曙光路", "西湖村", "杨公堤"],
    [DEMO_SITES.center]: ["保俶北路", "黄龙路", "松木场", "玉古路"],
  },
  perDay: { station: [1, 4], center: [0, 2] },
  late: { station: 0.12, center: 0.12, upTo: 4 },
  transfer: 0.06,
  crossPickup: 0.12,
  rated: 0.68,
  levels: [0.6, 0.84, 0.95, 0.98],
  seed: 20261205,
  showcase,
};

/**
 * 西溪: one station and a quiet center, about a third of 北山's cases; its station decides
 * about one case in three late, and by more; fewer residents rate, and more of them badly.
 */
const STREET_2: DemoStreet = {
  center: DEMO_SITES.center2,
  stations: [DEMO_SITES.stationC],
  staff: {
    [DEMO_SITES.stationC]: { helper: actorOf("xuting"), lead: actorOf("machao") },
    [DEMO_SITES.center2]: { helper: actorOf("guomin"), lead: actorOf("guomin") },
  },
  reviewer: actorOf("linfang"),
  approver: actorOf("hewei"),
  addresses: {
    [DEMO_SITES.stationC]: ["求是村", "求是路", "浙大路", "文一路"],
    [DEMO_SITES.center2]: ["教工路", "文二路", "学院路", "西溪路"],
  },
  perDay: { station: [0, 3], center: [0, 1] },
  late: { station: 0.32, center: 0.1, upTo: 7 },
  transfer: 0,
  crossPickup: 0,
  rated: 0.45,
  levels: [0.42, 0.7, 0.86, 0.93],
  seed: 20261206,
  showcase: showcase2,
};

const STREETS: readonly DemoStreet[] = [STREET_1, STREET_2];

/** The demo street `code` (9 digits); the first street when absent. Refuses any other. */
export function demoStreet(code: string = DEMO_SITES.center): DemoStreet {
  const street = STREETS.find((s) => s.center === code);
  if (!street)
    throw new Error(
      `no demo history for ${code}: the demo's streets are ${STREETS.map((s) => s.center).join(", ")}`,
    );
  return street;
}

/** The China-time day of an instant. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
