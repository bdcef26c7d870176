import { DEMO_SITES } from "@bangban/db";
import {
  type Actor,
  type Complainant,
  type ComplaintEvent,
  complaintEventSchema,
} from "@bangban/domain";
import type { ComplaintBook } from "@bangban/sync";
import { demoStreet, seededRandom } from "./demo-history-plan";

/**
 * The demo's complaints and 办不成事 records of one street, each registered and moved on at
 * its hub through the complaint machine (ComplaintBook), so the 投诉台账, the 办不成事 board,
 * the radar's complaint rate and the per-staff figures show a realistic month. 北山: a closed
 * and called-back complaint, one in handling past its answer day, one waiting since the
 * suggestion box was opened, one declined, and 兜底 records open, overdue and done. 西溪:
 * fewer cases but as many complaints about its station's slowness, one 兜底 overdue.
 */

export interface DemoComplaintDeps {
  book: ComplaintBook;
  /** The demo's now; every record is dated before it. */
  now: Date;
  newId: (atMs: number, random: () => number) => string;
  /** The street hub being seeded (its 9-digit code); 北山 when absent. */
  street?: string;
}

type Step = [daysAgo: number, type: ComplaintEvent["type"], payload: unknown, by?: Actor];

interface Scenario {
  complainant: Complainant | null;
  register: { daysAgo: number; payload: unknown };
  steps: Step[];
}

const DAY = 86_400_000;

const called = { reached: true, result: "电话回访，投诉人对处理结果表示满意" };

/** A day `daysFromNow` from the demo's now, China time. */
const dayFrom = (now: Date, daysFromNow: number) =>
  new Date(now.getTime() + daysFromNow * DAY + 8 * 3600_000).toISOString().slice(0, 10);

/** 北山's month. */
function street1(now: Date): Scenario[] {
  const sites = DEMO_SITES;
  const deadline = (daysFromNow: number) => dayFrom(now, daysFromNow);
  return [
    {
      complainant: { name: "周建国", phone: "13805710231" },
      register: {
        daysAgo: 12,
        payload: {
          kind: "complaint",
          channel: "phone",
          target: { staffId: "u-zhangli", siteId: sites.stationA },
          content: "办理高龄津贴时被要求重复提交户口簿复印件，往返两次",
          written: false,
          complexity: "complex",
        },
      },
      steps: [
        [11, "accept", {}],
        [11, "start_handling", {}],
        [
          8,
          "close",
          { substantiated: true, result: "经核实属实：已对帮办员进行提醒，并完善一次性告知清单" },
        ],
        [7, "file_result", { result: "整改结果已归档：一次性告知清单更新，站内通报" }],
        [6, "follow_up", called],
      ],
    },
    {
      complainant: { name: "陈美华", phone: "13967120458" },
      register: {
        daysAgo: 9,
        payload: {
          kind: "complaint",
          channel: "12345",
          target: { siteId: sites.stationB },
          content: "12345 转办：西湖社区服务站中午无人值守，等候四十分钟",
          written: true,
          complexity: "complex",
        },
      },
      steps: [
        [8, "accept", {}],
        [7, "start_handling", {}],
      ],
    },
    {
      complainant: null,
      register: {
        daysAgo: 2,
        payload: {
          kind: "complaint",
          channel: "suggestion_box",
          target: { siteId: sites.center },
          content: "意见箱：中心叫号屏字太小，老年人看不清",
          written: false,
          complexity: "simple",
        },
      },
      steps: [],
    },
    {
      complainant: { name: "吴立新", phone: "13588762190" },
      register: {
        daysAgo: 10,
        payload: {
          kind: "complaint",
          channel: "qr_code",
          target: {},
          content: "服务不好",
          written: false,
          complexity: "simple",
        },
      },
      steps: [
        [10, "decline", { reason: "no_identifiable_target", note: "已电话联系，未能说明具体对象" }],
      ],
    },
    {
      complainant: { name: "郑晓燕", phone: "13758964310" },
      register: {
        daysAgo: 3,
        payload: {
          kind: "complaint",
          channel: "cant_get_it_done_desk",
          target: { staffId: "u-liumei", siteId: sites.stationB },
          content: "办不成事窗口反映：残疾人证换领材料清单与站内告知不一致",
          written: false,
          complexity: "complex",
        },
      },
      steps: [[2, "accept", {}]],
    },
    {
      complainant: { name: "王德明", phone: "13606512784" },
      register: {
        daysAgo: 40,
        payload: {
          kind: "complaint",
          channel: "phone",
          target: { staffId: "u-zhangli", siteId: sites.stationA },
          content: "代办医保参保登记时未告知缴费期限，导致断缴一个月",
          written: true,
          complexity: "complex",
        },
      },
      steps: [
        [39, "accept", {}],
        [38, "start_handling", {}],
        [
          35,
          "close",
          {
            substantiated: true,
            reply: "经核实属实，已协助补缴并向您致歉",
            result: "已补缴，帮办员培训",
          },
        ],
        [34, "file_result", { result: "整改结果已归档" }],
        [33, "follow_up", called],
      ],
    },
    {
      complainant: { name: "孙桂兰", phone: "13516789023" },
      register: {
        daysAgo: 6,
        payload: {
          kind: "fallback",
          matter: "外省户籍老人申请本地高龄津贴，户籍地无法出具证明，常规渠道办不成",
          coordinatorId: "u-chenjing",
          deadline: deadline(4),
        },
      },
      steps: [],
    },
    {
      complainant: { name: "刘建平", phone: "13857123469" },
      register: {
        daysAgo: 12,
        payload: {
          kind: "fallback",
          matter: "重度残疾人无法到场办理居住证明，需上门核实",
          coordinatorId: "u-sunhua",
          deadline: deadline(-1),
        },
      },
      steps: [],
    },
    {
      complainant: { name: "黄丽娟", phone: "13777450981" },
      register: {
        daysAgo: 20,
        payload: {
          kind: "fallback",
          matter: "低保复核材料跨部门流转卡在民政科",
          coordinatorId: "u-chenjing",
          deadline: deadline(-10),
        },
      },
      steps: [[14, "fallback_close", { outcome: "done", note: "协调民政科当日办结" }]],
    },
  ];
}

/** 西溪's month: its station's slowness complained of three ways, and a 兜底 overdue. */
function street2(now: Date): Scenario[] {
  const station = DEMO_SITES.stationC;
  return [
    {
      complainant: { name: "沈国平", phone: "13605819327" },
      register: {
        daysAgo: 15,
        payload: {
          kind: "complaint",
          channel: "phone",
          target: { staffId: "u-xuting", siteId: station },
          content: "残疾人两项补贴超过承诺期限未办结，多次询问无人答复",
          written: false,
          complexity: "complex",
        },
      },
      steps: [
        [14, "accept", {}],
        [13, "start_handling", {}],
        [
          10,
          "close",
          { substantiated: true, result: "经核实属实：材料在站内积压五个工作日，已督促转报" },
        ],
        [9, "file_result", { result: "整改结果已归档：站点每日核对待转报清单" }],
        [8, "follow_up", called],
      ],
    },
    {
      complainant: { name: "蒋丽萍", phone: "13968045172" },
      register: {
        daysAgo: 8,
        payload: {
          kind: "complaint",
          channel: "12345",
          target: { siteId: station },
          content: "12345 转办：求是社区服务站居住证明开具需往返三次，告知不一致",
          written: true,
          complexity: "complex",
        },
      },
      steps: [
        [7, "accept", {}],
        [6, "start_handling", {}],
      ],
    },
    {
      complainant: { name: "韩志刚", phone: "13516872094" },
      register: {
        daysAgo: 3,
        payload: {
          kind: "complaint",
          channel: "qr_code",
          target: { staffId: "u-xuting", siteId: station },
          content: "扫码反映：医保参保登记等候一个多小时，窗口只开一个",
          written: false,
          complexity: "simple",
        },
      },
      steps: [],
    },
    {
      complainant: { name: "曹秀兰", phone: "13738290156" },
      register: {
        daysAgo: 9,
        payload: {
          kind: "fallback",
          matter: "独居老人高龄津贴因户籍迁移中断，两个部门互相推诿",
          coordinatorId: "u-linfang",
          deadline: dayFrom(now, -2),
        },
      },
      steps: [],
    },
  ];
}

/** Seeds the street's demo complaints at its hub; returns how many records were registered. */
export async function seedDemoComplaints(d: DemoComplaintDeps): Promise<number> {
  const street = demoStreet(d.street);
  const first = street.center === DEMO_SITES.center;
  const random = seededRandom(first ? 0xc0de : 0xc0de2);
  // The street's reviewer registers and handles; its center lead closes 兜底 records.
  const handler: Actor = street.reviewer;
  const centerLead = street.staff[street.center]?.lead ?? handler;
  const lead: Actor = { ...handler, userId: centerLead.userId, role: centerLead.role };
  const at = (daysAgo: number, minute: number) =>
    new Date(d.now.getTime() - daysAgo * DAY + minute * 60_000).toISOString();
  let n = 0;
  for (const s of first ? street1(d.now) : street2(d.now)) {
    const atMs = Date.parse(at(s.register.daysAgo, 0));
    const id = d.newId(atMs, random);
    const event = (type: string, payload: unknown, when: string, actor: Actor) =>
      complaintEventSchema.parse({
        id: d.newId(Date.parse(when), random),
        at: when,
        actor,
        type,
        payload,
      });
    await d.book.register(
      id,
      event("register", s.register.payload, at(s.register.daysAgo, 0), handler),
      s.complainant,
    );
    let minute = 1;
    for (const [daysAgo, type, payload, by] of s.steps) {
      const actor = by ?? (type === "fallback_close" ? lead : handler);
      await d.book.record(id, event(type, payload, at(daysAgo, minute++), actor));
    }
    n++;
  }
  return n;
}
