import {
  absencesOn,
  addReminders,
  collectUnreferencedBlobs,
  type Db,
  listUsers,
  type NewReminder,
  refreshPlannerStats,
  staffWithBackups,
} from "@bangban/db";
import {
  abReassignment,
  type CaseState,
  type DueReminder,
  evaluateTimeRules,
  FINISHED_RECTIFICATION,
  fromRuleState,
  type JurisdictionRules,
  type LocalDate,
  localDateOf,
  type Role,
  systemActor,
  systemEvent,
  type TimeRuleId,
  type WorkCalendar,
} from "@bangban/domain";
import type { AuditEntry, CaseRepo, CaseView } from "@bangban/sync";
import type { Live, NodeSite } from "../context";
import { dueComplaintReminders } from "./complaint-reminders";
import type { Notifier, SmsNotice } from "./notifier";

export interface SchedulerDeps {
  db: Db;
  repo: CaseRepo;
  site: NodeSite;
  clock: () => Date;
  calendar: Live<WorkCalendar>;
  rules: JurisdictionRules;
  /** Stores reminders (idempotent by id); returns how many were new. */
  remind: (rows: NewReminder[]) => Promise<number>;
  /** Hands a message to the SMS adapter (idempotent by id). */
  notify: (n: SmsNotice) => Promise<void>;
  /**
   * AB岗: for today, the person a case goes to while its assignee is away (and the day that
   * became due); absent where the node keeps no absences.
   */
  abRouting?: (today: LocalDate) => Promise<{
    absentees: string[];
    reassign: (s: CaseState) => { toUserId: string; dueOn: LocalDate } | null;
  }>;
  /**
   * Reminders that come from outside the case journal (complaint deadlines, issue #15), asked
   * for once per pass; their ids make them idempotent like the cases' own.
   */
  otherReminders?: (today: LocalDate) => Promise<NewReminder[]>;
  /**
   * Upkeep that runs once a day, after that day's first pass (unreferenced blobs); a failure is
   * reported and retried at the next pass, and never fails the pass itself.
   */
  daily?: (now: Date) => Promise<void>;
  /**
   * Upkeep after every pass (the case lists' planner statistics); a failure is reported and
   * never fails the pass.
   */
  afterPass?: () => Promise<unknown>;
  /** Ms between passes (default five minutes). */
  intervalMs?: number;
  /**
   * The share of one core a pass may take (0 < share ≤ 1; default 1): see {@link PassPace}.
   * A serving node gives it half (BANGBAN_SCHEDULER_SHARE), so a catch-up pass over thousands
   * of cases leaves the rest to the people using it and to its sync.
   */
  share?: number;
  /** How a paced pass rests (tests); default a timer. */
  rest?: (ms: number) => Promise<void>;
  /**
   * Between slices, a pass waits until this resolves: a station holds its passes while it
   * moves whole histories to or from its hub (sync `BulkActivity`), its main thread's bound.
   */
  hold?: () => Promise<void>;
  timers?: SchedulerTimers;
  /** Where a failed pass is reported (the pass is retried at the next tick). */
  onError?: (e: unknown) => void;
}

export interface SchedulerTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface PassReport {
  today: LocalDate;
  examined: number;
  events: { caseId: string; rule: TimeRuleId; dueOn: LocalDate }[];
  reminders: number;
  notices: number;
}

const PAGE = 500;

/**
 * A pass lets the event loop turn after this many cases. The driver's calls resolve at once,
 * so without it a pass over a node's every open case (its first pass: 100,000 at a big
 * station) held the loop to the end: no request was answered meanwhile, and the driver's
 * statements, finalised only from the loop, kept what they had read (measured: a station's
 * RSS 2.8 GB by the end of such a pass, while its V8 heap stayed under 10 MB).
 */
const YIELD_EVERY = 100;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest a pass works before it lets other work run (and rests, when paced). */
const SLICE_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces a pass to a share of one core. It works in slices (SLICE_MS, or YIELD_EVERY cases,
 * whichever ends first) and after each rests slice × (1 − share) / share; at share 1 it only
 * lets the event loop turn. Measured in B2: a station's first pass over 10,000 never-checked
 * cases took 8.9 s of its CPU while it pushed them, and the push took 9.6 s against 6.3 s
 * with no pass running. A pace, not a clock rule: the time it reads is the time the work took.
 */
export class PassPace {
  private from: number;

  constructor(
    private readonly share: number,
    private readonly rest: (ms: number) => Promise<void> = sleep,
    private readonly now: () => number = () => performance.now(),
    private readonly hold?: () => Promise<void>,
  ) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`share must be in (0, 1], got ${share}`);
    this.from = now();
  }

  /** After each case (`examined` so far): yields when the slice is over. */
  async after(examined: number): Promise<void> {
    const worked = this.now() - this.from;
    if (examined % YIELD_EVERY !== 0 && worked < SLICE_MS) return;
    const ms = (worked * (1 - this.share)) / this.share;
    await (ms > 0 ? this.rest(ms) : turn());
    await this.hold?.();
    this.from = this.now();
  }
}

/** A case takes at most this many rule events in one pass (suspend, then return, say). */
const MAX_EVENTS_PER_CASE = 5;
const LEAD_OF: Record<string, Role> = { station: "station_lead", center: "center_lead" };

class NothingDue extends Error {}

/** A case a pass reads, with what its projection and the scheduler's memory say. */
interface DueCase {
  caseId: string;
  caseNumber: string;
  eventCount: number;
  /** The case as the time rules read it (projection), or null: load the document. */
  ruleState: string | null;
  checkedOn: LocalDate | null;
  sinceOn: LocalDate | null;
}

/** What a page of evaluations leaves to write. */
interface Pending {
  reminders: NewReminder[];
  next: [caseId: string, nextOn: LocalDate | null, eventCount: number, since: LocalDate | null][];
}

/**
 * The node's clock that acts (DESIGN.md, Sync: time-driven rules). A pass reads the cases
 * whose rules fall due by today (projections keep the day), evaluates each with the domain's
 * time rules, records the due system event where this node holds the case, stores the
 * reminders for this node's own staff and hands the resident's messages to the SMS adapter.
 * It runs on start, every few minutes and just after midnight; a node that was off catches up
 * in its first pass, firing each due rule once (ids are derived from rule, case and due day).
 */
export class Scheduler {
  private timer: unknown = null;
  private dayTimer: unknown = null;
  private running: Promise<PassReport> | null = null;
  private stopped = true;
  /** Set by stop(): a running pass ends after the case it is on (see pass). */
  private halting = false;
  private readonly timers: SchedulerTimers;
  /** The last day `daily` ran to the end. */
  private dailyDone: LocalDate | null = null;

  constructor(private readonly d: SchedulerDeps) {
    this.timers = d.timers ?? {
      setTimeout: (fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return t;
      },
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
  }

  /** Runs a pass now and then on the interval and at the start of each day. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halting = false;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    if (this.dayTimer !== null) this.timers.clearTimeout(this.dayTimer);
    this.timer = this.dayTimer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass; a pass asked for while one runs waits for it and then runs again. */
  async runPass(): Promise<PassReport> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.pass();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private tick(): void {
    if (this.stopped) return;
    this.runPass()
      .catch((e) => this.d.onError?.(e))
      .finally(() => {
        if (this.stopped) return;
        this.timer = this.timers.setTimeout(() => this.tick(), this.d.intervalMs ?? 5 * 60_000);
        if (this.dayTimer !== null) this.timers.clearTimeout(this.dayTimer);
        this.dayTimer = this.timers.setTimeout(() => this.tick(), msToNextDay(this.d.clock()));
      });
  }

  private async pass(): Promise<PassReport> {
    const { d } = this;
    const today = localDateOf(d.clock().toISOString());
    const calendar = d.calendar.get();
    const staff = (await listUsers(d.db, d.site.id)).filter((u) => u.active);
    const ab = d.abRouting ? await d.abRouting(today) : null;
    const report: PassReport = { today, examined: 0, events: [], reminders: 0, notices: 0 };
    const seen = new Set<string>();
    const batch: Pending = { reminders: [], next: [] };
    const pace = new PassPace(d.share ?? 1, d.rest, undefined, d.hold);
    for await (const due of this.dueCases(today, ab?.absentees ?? [])) {
      if (seen.has(due.caseId)) continue;
      seen.add(due.caseId);
      report.examined += 1;
      const since = windowStart(today, due.checkedOn, due.sinceOn);
      await this.evaluate(due, { today, since, calendar, staff, ab: ab?.reassign, report }, batch);
      if (batch.next.length >= PAGE) await this.flush(batch, report, today);
      // Stopping ends a pass here: what it found so far is written below, and the cases it did
      // not reach are still due at the next start (a catch-up pass at half a core can take
      // minutes, and a restart would wait for all of it).
      if (this.halting) break;
      await pace.after(report.examined);
    }
    await this.flush(batch, report, today);
    if (this.halting) return report;
    const other = d.otherReminders ? await d.otherReminders(today) : [];
    if (other.length) report.reminders += await d.remind(other);
    if (d.daily && this.dailyDone !== today) {
      try {
        await d.daily(d.clock());
        this.dailyDone = today;
      } catch (e) {
        d.onError?.(e);
      }
    }
    await d.afterPass?.().catch((e: unknown) => d.onError?.(e));
    return report;
  }

  /**
   * The cases this node acts on today: their rules are due, their assignee is away, or they
   * were never looked at here (the node's first pass, a case that arrived by sync): what fell
   * due before — a case already red — is told once.
   */
  private async *dueCases(today: LocalDate, absentees: string[]): AsyncGenerator<DueCase> {
    const { d } = this;
    const site = d.site.id;
    const read = (r: Record<string, unknown>): DueCase => ({
      caseId: String(r.case_id),
      caseNumber: String(r.case_number),
      eventCount: Number(r.event_count),
      ruleState: r.rule_state === null ? null : String(r.rule_state),
      checkedOn: r.checked_on === null ? null : String(r.checked_on),
      sinceOn: r.since_on === null ? null : String(r.since_on),
    });
    let after = "";
    for (;;) {
      const { rows } = await d.db.client.execute({
        sql: `SELECT p.case_id, p.case_number, p.event_count, s.rule_state, k.checked_on, k.since_on
              FROM case_projections p
              LEFT JOIN case_rule_states s ON s.case_id = p.case_id
              LEFT JOIN case_rule_checks k ON k.case_id = p.case_id
              WHERE (p.next_rule_on <= ? OR (k.case_id IS NULL AND p.closed_at IS NULL))
                AND p.case_id > ?
                AND (p.handling_site_id = ? OR p.origin_site_id = ? OR p.pickup_site_id = ?
                  OR p.rectify_site_id = ? OR (p.rectify_open > 0 AND ? = 1))
              ORDER BY p.case_id LIMIT ?`,
        // The street center's lead is told of every overdue 差评整改 in the street (rectify.remind).
        args: [today, after, site, site, site, site, d.site.kind === "center" ? 1 : 0, PAGE],
      });
      // A page at a time: a pass over 100,000 cases never holds them all (their rule states).
      for (const r of rows) yield read(r);
      if (rows.length < PAGE) break;
      after = String(rows.at(-1)?.case_id);
    }
    if (absentees.length) {
      const { rows } = await d.db.client.execute({
        sql: `SELECT p.case_id, p.case_number, p.event_count, s.rule_state, k.checked_on, k.since_on
              FROM case_projections p
              LEFT JOIN case_rule_states s ON s.case_id = p.case_id
              LEFT JOIN case_rule_checks k ON k.case_id = p.case_id
              WHERE p.handling_site_id = ? AND p.closed_at IS NULL
                AND p.assignee_id IN (${absentees.map(() => "?").join(", ")})`,
        args: [site, ...absentees],
      });
      for (const r of rows) yield read(r);
    }
  }

  /**
   * Writes what a page of evaluations found: the reminders in one statement batch, and each
   * case's next day (unless the case changed meanwhile — its new projection then stands).
   */
  private async flush(batch: Pending, report: PassReport, today: LocalDate): Promise<void> {
    const { d } = this;
    if (batch.reminders.length) report.reminders += await d.remind(batch.reminders);
    if (batch.next.length) {
      await d.db.client.batch(
        batch.next.flatMap(([caseId, nextOn, eventCount, since]) => [
          {
            sql: "UPDATE case_projections SET next_rule_on = ? WHERE case_id = ? AND event_count = ?",
            args: [nextOn, caseId, eventCount],
          },
          {
            sql: `INSERT INTO case_rule_checks (case_id, checked_on, since_on) VALUES (?, ?, ?)
                  ON CONFLICT(case_id) DO UPDATE SET checked_on = excluded.checked_on,
                    since_on = excluded.since_on`,
            args: [caseId, today, since],
          },
        ]),
        "write",
      );
    }
    batch.reminders = [];
    batch.next = [];
  }

  private async evaluate(
    c: DueCase,
    ctx: {
      today: LocalDate;
      since: LocalDate | null;
      calendar: WorkCalendar;
      staff: { id: string; role: Role }[];
      ab: ((s: CaseState) => { toUserId: string; dueOn: LocalDate } | null) | undefined;
      report: PassReport;
    },
    batch: Pending,
  ): Promise<void> {
    const { d } = this;
    const { caseId } = c;
    const rules = {
      caseId,
      today: ctx.today,
      since: ctx.since,
      calendar: ctx.calendar,
      rules: d.rules,
      ...(ctx.ab ? { abReassign: ctx.ab } : {}),
    };
    // Most cases are read from their projection alone; the document is loaded only when this
    // node has an event to record or a message to send (it needs the resident's phone).
    let state = c.ruleState === null ? null : fromRuleState(c.ruleState);
    let first = state ? evaluateTimeRules(state, rules) : null;
    const custodian = (s: CaseState) => s.handlingSiteId === d.site.id;
    let view: CaseView | null = null;
    if (!state || !first || (custodian(state) && (first.event || first.notices.length))) {
      view = await d.repo.get(caseId);
      if (!view) return;
      state = view.state;
      first = evaluateTimeRules(state, rules);
    }
    let result = first;
    let eventCount = view?.projection.eventCount ?? c.eventCount;
    for (let i = 0; view && i < MAX_EVENTS_PER_CASE && result.event; i += 1) {
      // Only the custodian records the rules' events; the others wait for its sync.
      if (!custodian(view.state)) break;
      const due = result.event;
      const recorded = await this.record(caseId, due, rules);
      if (!recorded) break;
      view = recorded;
      eventCount = view.projection.eventCount;
      ctx.report.events.push({ caseId, rule: due.rule, dueOn: due.dueOn });
      result = evaluateTimeRules(view.state, rules);
    }
    // Reminders and messages as of the case before this pass's events: a case terminated
    // today still tells its helper (and the resident) why.
    batch.reminders.push(
      ...this.reminderRows(caseId, c.caseNumber, state, first.reminders, ctx.staff),
    );
    const phone = view?.record.applicant.phone;
    if (view && custodian(state) && phone) {
      for (const n of first.notices) {
        await d.notify({
          id: `${n.rule}.${caseId}.${n.firesOn}`,
          rule: n.rule,
          caseId,
          caseNumber: c.caseNumber,
          template: n.template,
          phone,
          text: n.zh,
          firesOn: n.firesOn,
        });
        ctx.report.notices += 1;
      }
    }
    // Looked at today: next time on the day something more falls due.
    batch.next.push([caseId, result.nextOn, eventCount, ctx.since]);
  }

  /**
   * Records the due event, with its audit line, in one transaction; under the case's lock the
   * rules are asked again (a person may have acted meanwhile): nothing is written unless the
   * same event is still due and not yet in the journal.
   */
  private async record(
    caseId: string,
    expected: NonNullable<ReturnType<typeof evaluateTimeRules>["event"]>,
    rules: Parameters<typeof evaluateTimeRules>[1],
  ): Promise<CaseView | null> {
    const { d } = this;
    const at = d.clock().toISOString();
    const audit: AuditEntry = {
      at,
      userId: "system",
      siteId: d.site.id,
      action: `rule.${expected.rule}`,
      caseId,
      requestId: `scheduler-${at}`,
      detail: { dueOn: expected.dueOn, event: expected.type },
    };
    const actor = systemActor(d.site.id, d.site.kind);
    try {
      return await d.repo.record(
        caseId,
        ({ journal, state }) => {
          const due = evaluateTimeRules(state, rules).event;
          if (!due || due.rule !== expected.rule || due.dueOn !== expected.dueOn) {
            throw new NothingDue();
          }
          const e = systemEvent(due, { caseId, journal, actor });
          if (journal.some((x) => x.id === e.id)) throw new NothingDue();
          return e;
        },
        [audit],
      );
    } catch (e) {
      if (e instanceof NothingDue) return null;
      throw e;
    }
  }

  private reminderRows(
    caseId: string,
    caseNumber: string,
    s: CaseState,
    reminders: readonly DueReminder[],
    staff: readonly { id: string; role: Role }[],
  ): NewReminder[] {
    const { d } = this;
    const here = new Set(staff.map((u) => u.id));
    const ours = s.handlingSiteId === d.site.id || s.originSiteId === d.site.id;
    const lead = LEAD_OF[d.site.kind];
    const rows: NewReminder[] = [];
    const createdAt = d.clock().toISOString();
    for (const m of reminders) {
      const to = new Set<string>();
      for (const who of m.to) {
        if (who === "assignee" && s.assigneeId && here.has(s.assigneeId)) to.add(s.assigneeId);
        if (who === "first_responder" && here.has(s.firstResponderId)) to.add(s.firstResponderId);
        if (who === "lead" && ours) for (const u of staff) if (u.role === lead) to.add(u.id);
        // 差评整改: the lead of the site answering for the 差评, and the center's lead.
        if (who === "rectify_lead" && answersHere(s, d.site.id))
          for (const u of staff) if (u.role === lead) to.add(u.id);
        if (who === "center_lead" && d.site.kind === "center")
          for (const u of staff) if (u.role === "center_lead") to.add(u.id);
      }
      for (const userId of to) {
        rows.push({
          id: `${m.rule}.${caseId}.${m.firesOn}.${userId}`,
          rule: m.rule,
          caseId,
          caseNumber,
          itemName: s.item.name,
          siteId: d.site.id,
          recipientUserId: userId,
          dueOn: m.dueOn,
          firesOn: m.firesOn,
          severity: m.severity,
          textZh: m.zh,
          textEn: m.en,
          createdAt,
        });
      }
    }
    return rows;
  }
}

/** Whether this node's site answers for an unfinished 差评 on the case (谁办理谁负责). */
function answersHere(s: CaseState, siteId: string): boolean {
  return (s.rectifications ?? []).some(
    (r) => r.siteId === siteId && !FINISHED_RECTIFICATION.has(r.state),
  );
}

/**
 * A case's window: reminders and messages due after this day are sent — the day the node last
 * looked at the case before today. Every pass of one day uses the same start (a case accepted
 * at noon still gets its acceptance-day reminder; ids keep the morning's from repeating). A
 * case never looked at here (or after the clock went back) has none: each series' latest due
 * reminder is sent once, and messages older than a week are not (time-rules.ts).
 */
export function windowStart(
  today: LocalDate,
  checkedOn: LocalDate | null,
  sinceOn: LocalDate | null,
): LocalDate | null {
  if (checkedOn === null || checkedOn > today) return null;
  return checkedOn === today ? sinceOn : checkedOn;
}

/** Milliseconds from `now` to one minute past the next midnight, China time. */
export function msToNextDay(now: Date): number {
  const china = now.getTime() + 8 * 3600_000;
  const nextMidnight = (Math.floor(china / 86_400_000) + 1) * 86_400_000 - 8 * 3600_000;
  return nextMidnight - now.getTime() + 60_000;
}

/**
 * The scheduler as a node runs it: reminders into the node's reminders table, messages to its
 * notifier, AB岗 from the absences recorded here and the staff directory with their B posts.
 */
export function nodeScheduler(
  s: Pick<SchedulerDeps, "db" | "repo" | "site" | "clock" | "calendar" | "rules" | "onError"> & {
    notifier: Notifier;
  },
  /**
   * blobDir: the node's blob directory, where unreferenced scans are collected once a day;
   * share: the share of a core a pass may take (SchedulerDeps.share); hold: SchedulerDeps.hold.
   */
  opts: { blobDir?: string; share?: number; hold?: () => Promise<void> } = {},
): Scheduler {
  return new Scheduler({
    db: s.db,
    repo: s.repo,
    // A station learns its name and parent from the hub while it runs: read it at each use.
    get site() {
      return s.site;
    },
    clock: s.clock,
    calendar: s.calendar,
    rules: s.rules,
    onError: s.onError ?? ((e) => console.error("scheduler pass failed:", e)),
    remind: (rows) => addReminders(s.db, rows),
    ...(opts.blobDir
      ? { daily: (now: Date) => collectBlobs(s.db, opts.blobDir as string, now) }
      : {}),
    notify: (n) => s.notifier.send(n),
    ...(opts.share !== undefined ? { share: opts.share } : {}),
    ...(opts.hold ? { hold: opts.hold } : {}),
    // A node that opened small and grew plans its lists by today's size (refreshListStats).
    afterPass: () => refreshPlannerStats(s.db),
    otherReminders: (today) =>
      dueComplaintReminders(s.db, {
        today,
        siteId: s.site.id,
        at: s.clock().toISOString(),
        rules: s.rules,
        calendar: s.calendar.get(),
      }),
    abRouting: async (today) => {
      const [absences, directory] = await Promise.all([
        absencesOn(s.db, today),
        staffWithBackups(s.db),
      ]);
      const calendar = s.calendar.get();
      return {
        absentees: [...new Set(absences.map((a) => a.userId))],
        reassign: (state) =>
          abReassignment({
            assigneeId: state.assigneeId,
            handlingSiteId: state.handlingSiteId,
            asOf: today,
            absences,
            directory,
            delayWorkdays: s.rules.absenceReassignAfterWorkdays,
            calendar,
          }),
      };
    },
  });
}

/** The daily collection of scans no case references any more (or never did: an abandoned upload). */
async function collectBlobs(db: Db, dir: string, now: Date): Promise<void> {
  const r = await collectUnreferencedBlobs(db, dir, { now });
  if (r.collected || r.leftovers) {
    console.info(
      `blobs: collected ${r.collected} unreferenced (${r.bytes} bytes) and ${r.leftovers} interrupted writes of ${r.examined}`,
    );
  }
}
