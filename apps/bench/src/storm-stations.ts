/**
 * B7's stations, many to a process: each with its own libSQL file (its day's backlog in it),
 * its own CaseRepo and the real SyncService over the real HttpSyncTransport, as
 * apps/station builds them (push batches of 2,000, reference data after each round). Forked
 * by b7-storm.ts (through tsx, with IPC): `init` opens the stations, `go` starts each one's
 * loop at its moment, and the answer is each station's round as it saw it.
 */
import { LibsqlCaseStore, openDb } from "@bangban/db";
import {
  CaseRepo,
  HttpSyncTransport,
  PROTOCOL_VERSION,
  SyncError,
  SyncService,
  type SyncTransport,
} from "@bangban/sync";
import { projectionContext } from "./workload";

export interface StormStation {
  site: string;
  actor: string;
  credential: string;
  dbFile: string;
  /** When its loop starts, ms after `go`. */
  phaseMs: number;
}

export type StormCommand =
  | { type: "init"; hubUrl: string; stations: StormStation[] }
  | { type: "go"; at: number };

/** One station's round, as it saw it (times in ms after `go`). */
export interface StormResult {
  site: string;
  startMs: number;
  /** The whole round done (push, pull, reference), waits included; null: not within the bound. */
  doneMs: number | null;
  /** Its last push acknowledged: every change of its backlog durable at the hub. */
  lastAckMs: number | null;
  requests: number;
  /** RETRY_AFTER answers it got, and the waits the hub gave. */
  retryAfters: number;
  waitsMs: number[];
  /** Calls it made before the wait it was given was over (0: every RETRY_AFTER honoured). */
  early: number;
  /** Failures other than RETRY_AFTER (timeouts, 5xx, refusals). */
  errors: string[];
  state: string;
  /** How long each call took, answered or refused, by kind (ms). */
  took: Record<"push" | "pull" | "reference", number[]>;
  /** RETRY_AFTER answers by kind. */
  refusedBy: Record<"push" | "pull" | "reference", number>;
}

/** The station's transport, counting what the hub answered and whether its waits were kept. */
class Counted implements SyncTransport {
  waitUntil = 0;
  constructor(
    private readonly t: HttpSyncTransport,
    private readonly r: StormResult,
    private readonly since: number,
  ) {}

  private async call<T>(kind: "push" | "pull" | "reference", fn: () => Promise<T>): Promise<T> {
    const now = performance.now();
    this.r.requests += 1;
    // 2 ms of slack: timers fire a little early or late on a busy machine.
    if (now < this.waitUntil - 2) this.r.early += 1;
    try {
      return await fn();
    } catch (e) {
      if (e instanceof SyncError && e.data.kind === "RETRY_AFTER") {
        const wait = e.data.retryAfterMs ?? 0;
        this.r.retryAfters += 1;
        this.r.refusedBy[kind] += 1;
        this.r.waitsMs.push(wait);
        this.waitUntil = performance.now() + wait;
      } else {
        this.r.errors.push(
          `${kind} at ${Math.round(now - this.since)} ms, failed after ${Math.round(performance.now() - now)} ms: ${e instanceof Error ? e.message : String(e)}`.slice(
            0,
            300,
          ),
        );
      }
      throw e;
    } finally {
      this.r.took[kind].push(performance.now() - now);
    }
  }

  push: SyncTransport["push"] = async (batch) => {
    const r = await this.call("push", () => this.t.push(batch));
    this.r.lastAckMs = performance.now() - this.since;
    return r;
  };
  pull: SyncTransport["pull"] = (req) => this.call("pull", () => this.t.pull(req));
  reference: SyncTransport["reference"] = (req) =>
    this.call("reference", () => this.t.reference(req));
  health: SyncTransport["health"] = () => this.t.health();
}

interface Running {
  s: StormStation;
  sync: SyncService;
  result: StormResult;
  done: Promise<void>;
  close: () => void;
}

let stations: { s: StormStation; open: (since: number) => Running }[] = [];

async function init(hubUrl: string, list: StormStation[]): Promise<void> {
  const ctx = projectionContext();
  stations = [];
  for (const s of list) {
    const db = await openDb(`file:${s.dbFile}`);
    const store = new LibsqlCaseStore(db);
    // One process holds many stations: documents load on this thread, as a station's would.
    const repo = new CaseRepo({ store, actorId: s.actor, projection: () => ctx, loadPool: false });
    const http = new HttpSyncTransport({ hubUrl, credential: s.credential });
    stations.push({
      s,
      open: (since) => {
        const result: StormResult = {
          site: s.site,
          startMs: s.phaseMs,
          doneMs: null,
          lastAckMs: null,
          requests: 0,
          retryAfters: 0,
          waitsMs: [],
          early: 0,
          errors: [],
          state: "",
          took: { push: [], pull: [], reference: [] },
          refusedBy: { push: 0, pull: 0, reference: 0 },
        };
        const transport = new Counted(http, result, since);
        let finished!: () => void;
        const done = new Promise<void>((r) => {
          finished = r;
        });
        let known = "";
        const sync = new SyncService({
          repo,
          store,
          actorId: s.actor,
          transport,
          // The station's own timer would start a second round an hour later: not in the bench.
          intervalMs: 3_600_000,
          pushLimit: { maxChanges: 2000, maxBytes: 1024 * 1024 },
          afterRound: async () => {
            const r = await transport.reference({ protocol: PROTOCOL_VERSION, known });
            known = r.version;
            if (result.doneMs === null) result.doneMs = performance.now() - since;
            finished();
          },
        });
        return { s, sync, result, done, close: () => db.close() };
      },
    });
  }
}

async function go(at: number, send: (m: unknown) => void): Promise<void> {
  // `at` is the parent's wall clock; from here on, this process's monotonic clock.
  const since = performance.now() + (at - Date.now());
  const running = stations.map((x) => x.open(since));
  const bound = 120_000;
  await Promise.all(
    running.map(async (r) => {
      await new Promise((res) =>
        setTimeout(res, Math.max(0, since + r.s.phaseMs - performance.now())),
      );
      r.sync.run();
      await Promise.race([r.done, new Promise((res) => setTimeout(res, bound))]);
      r.result.state = r.sync.status().state;
      await r.sync.stop();
      r.close();
    }),
  );
  send({ type: "done", results: running.map((r) => r.result) });
}

process.on("message", (m: StormCommand) => {
  const send = (x: unknown) => process.send?.(x);
  if (m.type === "init") {
    init(m.hubUrl, m.stations).then(
      () => send({ type: "ready" }),
      (e: unknown) => send({ type: "failed", error: String(e) }),
    );
  } else if (m.type === "go") {
    go(m.at, send).catch((e: unknown) => send({ type: "failed", error: String(e) }));
  }
});
