import { isDeepStrictEqual } from "node:util";
import {
  applyEvent,
  type CaseEvent,
  type CaseState,
  compareEvents,
  foldJournal,
  type ItemRules,
  type JurisdictionRules,
  mayUseItemAt,
  parsePerson,
  type Role,
  refuseSystemEvent,
  type SiteKind,
  type WorkCalendar,
} from "@bangban/domain";
import type { AttachmentRef, CaseRecord, PersonFields } from "../case-doc";
import { SyncError } from "../protocol/errors";
import { speaksFor } from "./scope";

/** A staff account as the hub's users table holds it. */
export interface StaffRecord {
  role: Role;
  siteId: string;
  active: boolean;
}

/**
 * What the hub knows from its own tables, read once per push: who its users are, what kind
 * each site is, and every catalog version it issued. A station's claims are checked against
 * this and nothing else (DESIGN.md, Sync: trust).
 */
export interface HubAuthority {
  staff(userId: string): StaffRecord | undefined;
  siteKind(siteId: string): SiteKind | undefined;
  /**
   * Whether the hub's catalog issued exactly this item snapshot: the version it names exists
   * and its rules (toItemSnapshot) are these, field for field.
   */
  issued(item: ItemRules): boolean;
  /** Today at the hub (`YYYY-MM-DD`), for ID-number birth dates and the time rules. */
  today: string;
  /** The hub's working-day calendar and rules: a station's system event must be due by them. */
  calendar: WorkCalendar;
  rules: JurisdictionRules;
}

/** The node a push comes from (a station, or a street at the district) and what it did to one case. */
export interface CaseChange {
  siteId: string;
  caseId: string;
  before: CaseRecord | null;
  after: CaseRecord;
  /** `after` folded: the hub's own derivation of the case with the station's events in it. */
  state: CaseState;
  /**
   * The journal as it stood when the station recorded `eventId` (the document at the change
   * that added it). Read only for an event the full fold refuses: a legitimate concurrent
   * transition must be kept as a conflict, a forged one refused.
   */
  causalJournal(eventId: string): Promise<CaseEvent[] | null>;
}

const refusal = (
  kind: "HISTORY_REWRITTEN" | "CONFLICTING_EVENT" | "FORBIDDEN_EVENT" | "INVALID_CASE",
  caseId: string,
  zh: string,
  en: string,
) => new SyncError({ kind, caseId, zh, en });

/**
 * The hub's judgement of one case in a push, after the scope check: the history is only
 * appended to, fields fixed at intake stay fixed, a new case carries the catalog's snapshot
 * and valid people, and every new event is one the hub's tables and the domain machine
 * allow that station's real user. Returns the refusal, or null.
 */
export async function judgeCase(c: CaseChange, a: HubAuthority): Promise<SyncError | null> {
  return (
    appendOnly(c) ??
    (c.before ? (fixedFields(c) ?? otherFields(c, a)) : newCase(c, a)) ??
    (await newEvents(c, a))
  );
}

/**
 * Case numbers over a whole batch: each new case's number is held by no other case, at the
 * hub or earlier in the batch (a second case under a number would fail the hub's unique
 * index and, unchecked, refuse the station's every later push).
 */
export async function takenNumbers(
  cases: readonly { caseId: string; before: CaseRecord | null; after: CaseRecord }[],
  holders: (numbers: string[]) => Promise<Map<string, string>>,
): Promise<SyncError | null> {
  const fresh = cases.filter((c) => !c.before);
  const held = await holders(fresh.map((c) => c.after.caseNumber));
  const seen = new Map<string, string>();
  for (const c of fresh) {
    const n = c.after.caseNumber;
    const other = held.get(n) ?? seen.get(n);
    if (other !== undefined && other !== c.caseId) {
      return refusal(
        "INVALID_CASE",
        c.caseId,
        `受理号 ${n} 已被其他办件使用，已拒收`,
        `Case number ${n} is held by case ${other}`,
      );
    }
    seen.set(n, c.caseId);
  }
  return null;
}

/**
 * What makes two entries the same event. A system event's id is derived from its rule, case
 * and due day, so a copy recorded on top of more history (a higher Lamport value) is still
 * that one rule firing once: the fold keeps one of them, the same on every replica.
 */
const eventKey = (e: CaseEvent) =>
  e.actor.role === "system" && e.rule ? JSON.stringify({ ...e, lamport: 0 }) : JSON.stringify(e);

/** Every recorded entry stays, unchanged; an id never stands for two different events. */
function appendOnly(c: CaseChange): SyncError | null {
  // A new case has no history to keep; only an id used twice needs its content compared.
  if (!c.before) return reusedIds(c);
  const byId = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const e of c.after.journal) {
    const key = eventKey(e);
    const seen = byId.get(e.id);
    if (seen !== undefined && seen !== key) {
      return conflicting(c.caseId, e.id);
    }
    byId.set(e.id, key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const e of c.before?.journal ?? []) {
    const key = eventKey(e);
    const left = counts.get(key) ?? 0;
    if (left === 0) {
      return refusal(
        "HISTORY_REWRITTEN",
        c.caseId,
        "同步数据删除或改写了办件的历史记录，已拒收",
        `Event ${e.id} was removed or altered`,
      );
    }
    counts.set(key, left - 1);
  }
  return null;
}

const conflicting = (caseId: string, id: string) =>
  refusal(
    "CONFLICTING_EVENT",
    caseId,
    "同步数据以已有操作记录的编号写入了不同内容，已拒收",
    `Event id ${id} is recorded twice with different content`,
  );

function reusedIds(c: CaseChange): SyncError | null {
  const seen = new Map<string, CaseEvent>();
  for (const e of c.after.journal) {
    const other = seen.get(e.id);
    if (other && eventKey(other) !== eventKey(e)) {
      return conflicting(c.caseId, e.id);
    }
    seen.set(e.id, e);
  }
  return null;
}

/** Case id, number and creation time never change after intake (origin, first responder and item live in the intake event, which appendOnly keeps). */
function fixedFields(c: CaseChange): SyncError | null {
  const b = c.before as CaseRecord;
  for (const f of ["caseId", "caseNumber", "createdAt"] as const) {
    if (b[f] !== c.after[f]) {
      return refusal(
        "HISTORY_REWRITTEN",
        c.caseId,
        "同步数据改写了办件编号、受理号或创建时间，已拒收",
        `Field ${f} changed after intake`,
      );
    }
  }
  return null;
}

const attachmentKey = (r: AttachmentRef) => JSON.stringify([r.hash, r.materialCode, r.mime]);

/**
 * SPEC.md "Who may change a document field": applicant and agent only to valid values;
 * attachments are added, never removed or altered; remarks are free text. Not tied to the
 * case's status: an edit made while a station saw the case open may merge after the center
 * closed it, and the document's history keeps every earlier value anyway.
 */
function otherFields(c: CaseChange, a: HubAuthority): SyncError | null {
  const b = c.before as CaseRecord;
  const after = new Map(c.after.attachments.map((r) => [r.hash, attachmentKey(r)]));
  for (const r of b.attachments) {
    if (after.get(r.hash) !== attachmentKey(r)) {
      return refusal(
        "HISTORY_REWRITTEN",
        c.caseId,
        "同步数据删除或改写了办件的附件记录，已拒收",
        `Attachment ${r.hash} was removed or altered`,
      );
    }
  }
  const people =
    !isDeepStrictEqual(b.applicant, c.after.applicant) ||
    !isDeepStrictEqual(b.agent, c.after.agent);
  return people ? invalidPeople(c, a) : null;
}

function invalidPeople(c: CaseChange, a: HubAuthority): SyncError | null {
  const people: [string, PersonFields][] = [["applicant", c.after.applicant]];
  if (c.after.agent) people.push(["agent", c.after.agent]);
  for (const [prefix, p] of people) {
    const r = parsePerson(p, prefix, a.today);
    if (!r.ok) {
      return refusal("INVALID_CASE", c.caseId, `${r.error.zh}（${r.error.field}）`, r.error.en);
    }
  }
  return null;
}

/**
 * A new case: in its intake site's namespace (a site the pushing node speaks for: the scope
 * check has seen to that), under a real catalog version, about valid people.
 */
function newCase(c: CaseChange, a: HubAuthority): SyncError | null {
  const { caseNumber, createdAt } = c.after;
  const origin = c.state.originSiteId;
  const own = new RegExp(`^${origin}-\\d{8}-\\d{4,6}$`);
  if (!speaksFor(c.siteId, origin) || !own.test(caseNumber)) {
    return refusal(
      "INVALID_CASE",
      c.caseId,
      `受理号 ${caseNumber} 不属于本站点的编号范围，已拒收`,
      `Case number ${caseNumber} is outside this station's namespace`,
    );
  }
  if (Number.isNaN(Date.parse(createdAt))) {
    return refusal("INVALID_CASE", c.caseId, "办件创建时间无效", "createdAt is not a date");
  }
  const item = c.state.item;
  if (!a.issued(item)) {
    return refusal(
      "INVALID_CASE",
      c.caseId,
      `事项「${item.name}」第 ${item.version} 版与街道中心的事项清单不符，已拒收`,
      `Item ${item.code} v${item.version} differs from the hub's catalog`,
    );
  }
  if (!mayUseItemAt(origin, item.code)) {
    return refusal(
      "INVALID_CASE",
      c.caseId,
      `事项「${item.name}」是其他街道的自设事项，本站点不能受理，已拒收`,
      `Item ${item.code} is another street's local item, not usable at ${origin}`,
    );
  }
  return invalidPeople(c, a);
}

/**
 * Who the event says did it must be who the hub knows: user, role, site and site kind (also
 * for complaint events: complaint/judge.ts). Null when it is, else what is wrong.
 */
export function impostor(
  e: Pick<CaseEvent, "actor">,
  siteId: string,
  a: Pick<HubAuthority, "staff" | "siteKind">,
): string | null {
  const site = e.actor.siteId;
  if (!speaksFor(siteId, site)) return `claims site ${site}`;
  if (e.actor.siteKind !== a.siteKind(site)) return `claims site kind ${e.actor.siteKind}`;
  if (e.actor.role === "resident") return e.actor.userId === "resident" ? null : "resident id";
  if (e.actor.role === "system") return e.actor.userId === "system" ? null : "system id";
  const u = a.staff(e.actor.userId);
  if (!u) return `unknown user ${e.actor.userId}`;
  if (!u.active) return `inactive user ${e.actor.userId}`;
  if (u.siteId !== site) return `user ${e.actor.userId} belongs to ${u.siteId}`;
  if (u.role !== e.actor.role) return `user ${e.actor.userId} is not ${e.actor.role}`;
  return null;
}

/** Each event the station adds: its author checked against the tables, its step against the machine. */
async function newEvents(c: CaseChange, a: HubAuthority): Promise<SyncError | null> {
  const known = new Set(c.before?.journal.map((e) => e.id) ?? []);
  const applied = new Set(c.state.applied);
  for (const e of c.after.journal) {
    if (known.has(e.id)) continue;
    const who = impostor(e, c.siteId, a);
    if (who) {
      return new SyncError({
        kind: "FORGED_ACTOR",
        caseId: c.caseId,
        zh: "同步数据中的操作人与街道中心登记的人员、岗位或站点不符，已拒收",
        en: `Event ${e.id} ${who}`,
      });
    }
    if (e.type === "reassign") {
      const why = reassignRefusal(c, e, a);
      if (why)
        return refusal(
          "FORBIDDEN_EVENT",
          c.caseId,
          `${why.zh}，已拒收`,
          `Event ${e.id}: ${why.en}`,
        );
    }
    if (e.actor.role === "system") {
      const why = systemRefusal(c, e, a);
      if (why)
        return refusal(
          "FORBIDDEN_EVENT",
          c.caseId,
          `${why.zh}，已拒收`,
          `Event ${e.id}: ${why.en}`,
        );
    }
    if (applied.has(e.id)) continue;
    // The full fold refused it (a conflict, or an event ordered before the intake): legitimate
    // only if it was allowed where it was recorded — a concurrent transition, kept as a
    // conflict for a person — not otherwise.
    const why = await refusedWhereRecorded(c, e);
    if (why) return refusal("FORBIDDEN_EVENT", c.caseId, why.zh, `Event ${e.id}: ${why.en}`);
  }
  return null;
}

/**
 * 转派 (AB岗) goes to a person who works where the case is handled: active staff of that
 * site by the hub's users table, as the API checks when a person asks (a station that skips
 * its API could otherwise hand its case to anyone).
 */
function reassignRefusal(
  c: CaseChange,
  e: CaseEvent,
  a: HubAuthority,
): { zh: string; en: string } | null {
  if (e.type !== "reassign") return null;
  const past = foldJournal(
    c.after.journal.filter((x) => compareEvents(x, e) < 0 && x.id !== e.id),
  ).state;
  const u = a.staff(e.payload.toUserId);
  if (past && u?.active === true && u.siteId === past.handlingSiteId) return null;
  return {
    zh: "转派的接收人不是办件所在站点的在岗人员",
    en: `reassignment to ${e.payload.toUserId}, who is not active staff of the handling site`,
  };
}

/**
 * A system event stands only when the station held the case when it was recorded and the
 * hub's own rules, clock and calendar make exactly that event due (time-rules.ts).
 */
function systemRefusal(
  c: CaseChange,
  e: CaseEvent,
  a: HubAuthority,
): { zh: string; en: string } | null {
  const past = foldJournal(
    c.after.journal.filter((x) => compareEvents(x, e) < 0 && x.id !== e.id),
  ).state;
  const holder = past?.handlingSiteId;
  if (!past || !holder || !speaksFor(c.siteId, holder)) {
    return {
      zh: "只有办件当前所在的节点才能记录系统操作",
      en: "system event from a node that does not hold the case",
    };
  }
  return refuseSystemEvent(past, e, {
    caseId: c.caseId,
    today: a.today,
    calendar: a.calendar,
    rules: a.rules,
    assignable: (userId) => {
      const u = a.staff(userId);
      return u?.active === true && u.siteId === holder;
    },
  });
}

async function refusedWhereRecorded(
  c: CaseChange,
  e: CaseEvent,
): Promise<{ zh: string; en: string } | null> {
  const journal = await c.causalJournal(e.id);
  const fallback = { zh: "该操作不符合办件流程规则，已拒收", en: "refused by the case machine" };
  if (!journal) return fallback;
  const past = foldJournal(journal.filter((x) => compareEvents(x, e) < 0)).state;
  if (!past) return fallback;
  const r = applyEvent(past, e);
  return r.ok ? null : { zh: `${r.error.zh}，已拒收`, en: r.error.en };
}
