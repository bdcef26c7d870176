/**
 * One scheduler pass in a process of its own (B9), so its memory is the pass's and not the
 * bench's: opens a node's database, builds the case repo and `nodeScheduler` as the node's
 * services.ts does (real reminders table, the LogNotifier's SMS log, AB岗 from the absences
 * recorded there) with a fixed clock, runs one pass and prints one JSON line: the pass's
 * report, its wall time split by step, and memory before and during it.
 *
 *   node --expose-gc --import tsx src/scheduler-pass.ts <station|hub> <db file> <site> <ISO instant>
 *
 * The split: the repo's `get` (load: the store's read, then Automerge load, fold, project —
 * the store's read also on its own), `record` (a due system event, written with its audit line),
 * the reminders' insert, the SMS log, the due-case query and the next-day update on the
 * database client; evaluation is what remains (the domain's time rules, building the rows).
 */
import {
  Live,
  LogNotifier,
  type NodeSite,
  type Notifier,
  nodeScheduler,
  type SmsNotice,
} from "@bangban/api";
import {
  type Db,
  getSite,
  idNumberHasher,
  LibsqlCaseStore,
  LibsqlHubStore,
  nodeActorId,
  nodeCalendar,
  openDb,
} from "@bangban/db";
import { defaultRules, localDateOf } from "@bangban/domain";
import { CaseRepo, type CaseStore } from "@bangban/sync";
import { RssSampler } from "./measure";
import { ID_HASH_KEY } from "./workload";

/** What the child prints (one JSON line). */
export interface PassResult {
  examined: number;
  events: number;
  eventsByRule: Record<string, number>;
  reminders: number;
  notices: number;
  openCases: number;
  ms: {
    total: number;
    query: number;
    load: number;
    storeRead: number;
    record: number;
    reminders: number;
    sms: number;
    nextDay: number;
    other: number;
  };
  memory: {
    rssBeforeMb: number;
    rssPeakMb: number;
    rssAfterMb: number;
    heapBeforeMb: number;
    heapPeakMb: number;
    heapAfterMb: number;
  };
}

type Step = keyof PassResult["ms"];

class Timer {
  readonly ms: Record<Step, number> = {
    total: 0,
    query: 0,
    load: 0,
    storeRead: 0,
    record: 0,
    reminders: 0,
    sms: 0,
    nextDay: 0,
    other: 0,
  };

  async time<T>(step: Step, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[step] += performance.now() - t0;
    }
  }
}

/** The node's database as the scheduler sees it, with its statements timed by what they do. */
function timedDb(db: Db, t: Timer): Db {
  const client = new Proxy(db.client, {
    get(target, p) {
      const v = Reflect.get(target, p);
      if (p !== "execute") return typeof v === "function" ? v.bind(target) : v;
      return (stmt: string | { sql: string }) => {
        const sql = typeof stmt === "string" ? stmt : stmt.sql;
        const step: Step = /^\s*SELECT case_id FROM case_projections/.test(sql)
          ? "query"
          : /^\s*UPDATE case_projections SET next_rule_on/.test(sql)
            ? "nextDay"
            : "other";
        return t.time(step, () => target.execute(stmt as Parameters<typeof target.execute>[0]));
      };
    },
  });
  // addReminders writes through drizzle's batch: the reminders' insert.
  const orm = new Proxy(db.orm, {
    get(target, p) {
      const v = Reflect.get(target, p);
      if (p !== "batch") return typeof v === "function" ? v.bind(target) : v;
      return (...args: unknown[]) =>
        t.time("reminders", () => (v as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
  return { ...db, client, orm };
}

function timedRepo(repo: CaseRepo, t: Timer): CaseRepo {
  return new Proxy(repo, {
    get(target, p) {
      const v = Reflect.get(target, p);
      if (typeof v !== "function") return v;
      if (p === "get" || p === "record") {
        return (...args: unknown[]) =>
          t.time(p === "get" ? "load" : "record", () => v.apply(target, args));
      }
      return v.bind(target);
    },
  });
}

function timedStore(store: CaseStore, t: Timer): CaseStore {
  return new Proxy(store, {
    get(target, p) {
      const v = Reflect.get(target, p);
      if (typeof v !== "function") return v;
      if (p === "loadCase") {
        return (...args: unknown[]) => t.time("storeRead", () => v.apply(target, args));
      }
      return v.bind(target);
    },
  });
}

class TimedNotifier implements Notifier {
  constructor(
    private readonly inner: Notifier,
    private readonly t: Timer,
  ) {}
  send(n: SmsNotice): Promise<void> {
    return this.t.time("sms", () => this.inner.send(n));
  }
}

const mbOf = (bytes: number) => bytes / 2 ** 20;

async function main(): Promise<void> {
  const [kind, file, siteId, at] = process.argv.slice(2);
  if ((kind !== "station" && kind !== "hub") || !file || !siteId || !at) {
    throw new Error("usage: scheduler-pass.ts <station|hub> <db file> <site> <ISO instant>");
  }
  const clock = () => new Date(at);
  const db = await openDb(`file:${file}`);
  const known = await getSite(db, siteId);
  if (!known) throw new Error(`no site ${siteId} in ${file}`);
  const site: NodeSite = {
    id: known.id,
    name: known.name,
    kind: known.kind === "center" ? "center" : "station",
    parentId: known.parentId,
  };
  const t = new Timer();
  const calendar = new Live(await nodeCalendar(db));
  const rules = defaultRules;
  const hashIdNumber = idNumberHasher(ID_HASH_KEY);
  const base = kind === "hub" ? new LibsqlHubStore(db) : new LibsqlCaseStore(db);
  const repo = new CaseRepo({
    store: timedStore(base, t),
    actorId: await nodeActorId(db, siteId),
    projection: () => ({
      calendar: calendar.get(),
      rules,
      today: localDateOf(clock().toISOString()),
      hashIdNumber,
    }),
    // As the hub runs it (apps/hub/src/services.ts); a station keeps the default 200. The
    // pass loads on this thread: no load workers.
    ...(kind === "hub" ? { cacheSize: 600 } : {}),
    loadPool: false,
  });
  const scheduler = nodeScheduler({
    db: timedDb(db, t),
    repo: timedRepo(repo, t),
    site,
    clock,
    calendar,
    rules,
    notifier: new TimedNotifier(new LogNotifier(db, clock), t),
  });
  const { rows } = await db.client.execute(
    "SELECT COUNT(*) AS n FROM case_projections WHERE closed_at IS NULL",
  );
  const openCases = Number(rows[0]?.n ?? 0);

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let heapPeak = before.heapUsed;
  const heapTimer = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 50);
  const rss = new RssSampler(process.pid, 50).start();
  const t0 = performance.now();
  const report = await scheduler.runPass();
  t.ms.total = performance.now() - t0;
  const rssPeak = rss.stop();
  clearInterval(heapTimer);
  const after = process.memoryUsage();
  heapPeak = Math.max(heapPeak, after.heapUsed);

  const eventsByRule: Record<string, number> = {};
  for (const e of report.events) eventsByRule[e.rule] = (eventsByRule[e.rule] ?? 0) + 1;
  const out: PassResult = {
    examined: report.examined,
    events: report.events.length,
    eventsByRule,
    reminders: report.reminders,
    notices: report.notices,
    openCases,
    ms: t.ms,
    memory: {
      rssBeforeMb: mbOf(before.rss),
      rssPeakMb: rssPeak,
      rssAfterMb: mbOf(after.rss),
      heapBeforeMb: mbOf(before.heapUsed),
      heapPeakMb: mbOf(heapPeak),
      heapAfterMb: mbOf(after.heapUsed),
    },
  };
  await repo.close();
  db.close();
  console.log(JSON.stringify(out));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
