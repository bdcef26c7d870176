import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "@bangban/db";
import { HttpClient, nodeGroup, until, untilRound } from "@bangban/http/testing";
import { afterAll, describe, expect, it } from "vitest";
import { elderlyIntake } from "./cases";
import { STATION_A, STATION_B } from "./harness";
import { streetOnLoopback } from "./street";

/**
 * A real hub and two real stations on 127.0.0.1, each its own process with its own libSQL
 * file, syncing over HTTP — the way a street runs them.
 */
const dir = mkdtempSync(join(tmpdir(), "bangban-multi-"));
const nodes = nodeGroup();
const { start, stop } = nodes;

afterAll(async () => {
  for (const r of relays) r.close();
  await nodes.killAll();
  rmSync(dir, { recursive: true, force: true });
});

async function health(url: string): Promise<{
  pendingSync: number;
  sync: { state: string; online: boolean };
  loadWorkers?: { running: number; warm: boolean } | null;
  checkpoint?: { runs: number; error: string | null } | null;
}> {
  return (await fetch(`${url}/healthz`)).json() as never;
}

/**
 * Forwards a station's requests to the hub at `hubUrl`; as the `nth` case push arrives, it is
 * forwarded and then `kill` runs (the hub dies with the push in its hands). `killed` resolves
 * once it has.
 */
async function pushRelay(hubUrl: string, nth: number, kill: () => Promise<void>) {
  let pushes = 0;
  let done: () => void = () => undefined;
  const killed = new Promise<void>((resolve) => {
    done = resolve;
  });
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] =>
          typeof e[1] === "string" &&
          !["host", "connection", "content-length", "transfer-encoding"].includes(e[0]),
      ),
    );
    const forwarded = fetch(`${hubUrl}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      ...(body && req.method !== "GET" ? { body } : {}),
    });
    // Awaited below; it fails when the hub dies, which is not an error of the relay's.
    forwarded.catch(() => undefined);
    if (req.url?.startsWith("/trpc/sync.pushFrames") && ++pushes === nth) {
      // The request is on its way to the hub; the hub dies before it answers.
      await kill();
      done();
    }
    try {
      const r = await forwarded;
      const out = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "" });
      res.end(out);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  relays.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, killed };
}
const relays: Server[] = [];

/** The demo 高龄津贴申领 with every material, for a resident by name. */
const intake = (name: string) => elderlyIntake(undefined, name);

describe("hub and two stations as real processes on 127.0.0.1", () => {
  it("跨域通办 with the hub down at intake, then a hub killed mid-push loses and doubles nothing", async () => {
    const street = await streetOnLoopback(nodes, dir, {
      station: { BANGBAN_SYNC_PUSH_BATCH: "10" },
      stations: [
        { site: STATION_A, dir: "a" },
        { site: STATION_B, dir: "b" },
      ],
    });
    const { hubEnv, hubUrl } = street;
    let hub = street.hub;
    const [aEnv, bEnv] = street.stationEnvs as [Record<string, string>, Record<string, string>];
    // The stations start with the hub up once, so users and catalog reach them...
    let a = await start("station", aEnv);
    const b = await start("station", bEnv);
    await untilRound("reference data at A", a.url, async () => (await health(a.url)).sync.online);
    await untilRound("reference data at B", b.url, async () => (await health(b.url)).sync.online);

    // ...then the hub goes down, and station A keeps working.
    await stop(hub);
    const helperA = new HttpClient(a.url);
    await helperA.login("zhangli");
    const taken = await helperA.call<{ caseId: string; caseNumber: string }>(
      "cases.intake",
      intake("王秀英"),
    );
    expect(taken.status).toBe(200);
    const caseId = taken.data?.caseId as string;
    expect((await helperA.call<{ status: string }>("cases.accept", { caseId })).data?.status).toBe(
      "ACCEPTED",
    );
    await untilRound("A offline with pending changes", a.url, async () => {
      const h = await health(a.url);
      return h.pendingSync > 0 && h.sync.state === "offline";
    });

    // The hub starts; A syncs on its own.
    hub = await start("hub", hubEnv);
    await untilRound(
      "A pushed everything",
      a.url,
      async () => (await health(a.url)).pendingSync === 0,
    );

    // The serving hub warmed its two load workers when it started, and keeps them.
    await until("hub load workers warm", async () => {
      const w = (await health(hubUrl)).loadWorkers;
      return w?.warm && w.running >= 1;
    });
    // The hub checkpoints its write-ahead log on a worker thread; a station inline, with no
    // thread (apps/station/src/cli.ts says why).
    await until("the hub's background checkpointer running", async () => {
      const c = (await health(hubUrl)).checkpoint;
      return !!c && c.runs > 0 && c.error === null;
    });
    expect((await health(a.url)).checkpoint).toBeNull();

    // The back office reviews and approves at the hub, naming B as the pick-up site.
    const reviewer = new HttpClient(hubUrl);
    await reviewer.login("chenjing");
    expect((await reviewer.call("cases.startReview", { caseId })).status).toBe(200);
    const approver = new HttpClient(hubUrl);
    await approver.login("zhaolei");
    expect((await approver.call("cases.approve", { caseId })).status).toBe(200);
    const issued = await approver.call<{ status: string; pickupSiteId: string }>("cases.issue", {
      caseId,
      pickupSiteId: STATION_B,
    });
    expect(issued.data).toMatchObject({ status: "READY_FOR_PICKUP", pickupSiteId: STATION_B });

    // Station B, the pick-up site, receives the case with its history and completes it.
    const helperB = new HttpClient(b.url);
    await helperB.login("liumei");
    const atB = await untilRound("case at B", b.url, async () => {
      const r = await helperB.call<{ status: string; timeline: unknown[] }>(
        "cases.get",
        { caseId },
        "query",
      );
      return r.data?.status === "READY_FOR_PICKUP" ? r.data : null;
    });
    expect(atB.timeline).toHaveLength(5); // intake, accept, start_review, approve, issue
    expect(
      (await helperB.call<{ status: string }>("cases.complete", { caseId })).data?.status,
    ).toBe("COMPLETED");
    // B pushes the completion to the hub, A pulls it.
    await untilRound("A sees it completed", [b.url, a.url], async () => {
      const r = await helperA.call<{
        status: string;
        handoffs: { kind: string; toSiteId: string }[];
      }>("cases.get", { caseId }, "query");
      return r.data?.status === "COMPLETED" ? r.data : null;
    });
    const custody = (
      await helperA.call<{ handoffs: { kind: string; toSiteId: string; byUserId: string }[] }>(
        "cases.get",
        { caseId },
        "query",
      )
    ).data?.handoffs;
    expect(custody?.map((h) => [h.kind, h.toSiteId])).toEqual([
      ["intake", STATION_A],
      ["pickup", STATION_B],
    ]);

    // A large push: 120 cases taken at A while the hub is down, pushed 10 changes at a time;
    // the hub is SIGKILLed while the batches are arriving: as A's third push reaches it,
    // through a relay (A restarted to reach the hub through it), so the kill falls mid-push
    // however busy the machine is.
    await stop(hub);
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const r = await helperA.call<{ caseId: string }>("cases.intake", intake(`居民${i}`));
      ids.push(r.data?.caseId as string);
    }
    const pending = (await health(a.url)).pendingSync;
    expect(pending).toBeGreaterThanOrEqual(120);
    const relay = await pushRelay(hubUrl, 3, () => stop(hub, "SIGKILL"));
    await stop(a);
    hub = await start("hub", hubEnv);
    a = await start("station", { ...aEnv, BANGBAN_HUB_URL: relay.url });
    const hubDb = join(dir, "hub", "hub.db");
    await relay.killed;
    const atKill = await (async () => {
      const db = await openDb(`file:${hubDb}`);
      try {
        const r = await db.client.execute("SELECT count(*) AS n FROM case_projections");
        return Number(r.rows[0]?.n);
      } finally {
        db.close();
      }
    })();
    // Two pushes acknowledged, the third cut off: some of the 120 cases, not all.
    expect(atKill).toBeGreaterThan(1);
    expect(atKill, "the hub was killed before the push finished").toBeLessThan(121);
    hub = await start("hub", hubEnv);
    await untilRound(
      "A pushed everything after the crash",
      a.url,
      async () => (await health(a.url)).pendingSync === 0,
    );

    // Nothing lost, nothing doubled: the hub holds exactly A's changes for these cases, once.
    const [hubCounts, aCounts] = await Promise.all(
      [hubDb, join(dir, "a", "station.db")].map(async (file) => {
        const db = await openDb(`file:${file}`);
        try {
          const r = await db.client.execute({
            sql: `SELECT count(*) AS n, count(DISTINCT hash) AS d FROM changes WHERE case_id IN (SELECT value FROM json_each(?))`,
            args: [JSON.stringify(ids)],
          });
          return { n: Number(r.rows[0]?.n), d: Number(r.rows[0]?.d) };
        } finally {
          db.close();
        }
      }),
    );
    expect(hubCounts).toEqual(aCounts);
    expect(hubCounts?.n).toBe(hubCounts?.d);
    const list = await reviewer.call<{ total: number }>(
      "cases.list",
      { scope: "all", limit: 1 },
      "query",
    );
    expect(list.data?.total).toBe(121);

    // A station restarted after all this still agrees with the hub.
    await stop(a);
    a = await start("station", aEnv);
    expect((await health(a.url)).pendingSync).toBe(0);
  }, 300_000);

  it("容缺逾期: the promise passes due while the station is offline; the station terminates the case on its own, the hub accepts the system event, the dashboard counts it", async () => {
    // Both nodes' clocks start on Monday 2026-11-02 (BANGBAN_NOW) and run on from there.
    const street = await streetOnLoopback(nodes, dir, {
      hubDir: "hub-clock",
      hub: { BANGBAN_NOW: "2026-11-02" },
      station: { BANGBAN_NOW: "2026-11-02" },
      stations: [{ site: STATION_A, dir: "a-clock" }],
    });
    const { hubEnv, hubUrl } = street;
    let hub = street.hub;
    const aEnv = street.stationEnvs[0] as Record<string, string>;
    let a = await start("station", aEnv);
    await untilRound("reference data at A", a.url, async () => (await health(a.url)).sync.online);

    // A 容缺 intake: the photo is promised by Wednesday 2026-11-04.
    const helper = new HttpClient(a.url);
    await helper.login("zhangli");
    const form = intake("李桂兰");
    const taken = await helper.call<{ caseId: string }>("cases.intake", {
      ...form,
      materials: form.materials.filter((m) => m.code !== "PHOTO"),
    });
    const caseId = taken.data?.caseId as string;
    const accepted = await helper.call<{ status: string }>("cases.accept", {
      caseId,
      deferred: [{ code: "PHOTO", promisedBy: "2026-11-04" }],
      commitmentSigned: true,
    });
    expect(accepted.data?.status).toBe("ACCEPTED");
    await untilRound(
      "A pushed the case",
      a.url,
      async () => (await health(a.url)).pendingSync === 0,
    );

    // The network goes (the hub is down); the station PC is switched off and on again on
    // Thursday: its scheduler acts on the missed promise by itself, offline.
    await stop(hub);
    await stop(a);
    a = await start("station", { ...aEnv, BANGBAN_NOW: "2026-11-05" });
    const thursday = new HttpClient(a.url);
    await thursday.login("zhangli");
    const terminated = await until("A terminated the case", async () => {
      const r = await thursday.call<{
        status: string;
        timeline: { type: string; actorRoleCode: string; rule: { id: string } | null }[];
      }>("cases.get", { caseId }, "query");
      return r.data?.status === "TERMINATED" ? r.data : null;
    });
    expect(terminated.timeline.at(-1)).toMatchObject({
      type: "terminate",
      actorRoleCode: "system",
      rule: { id: "rongque.overdue" },
    });
    expect((await health(a.url)).pendingSync).toBeGreaterThan(0);

    // The hub comes back (its clock on Thursday too) and accepts the station's system event.
    hub = await start("hub", { ...hubEnv, BANGBAN_NOW: "2026-11-05" });
    await untilRound(
      "A pushed the termination",
      a.url,
      async () => (await health(a.url)).pendingSync === 0,
    );
    const lead = new HttpClient(hubUrl);
    await lead.login("sunhua");
    const atHub = await lead.call<{ status: string }>("cases.get", { caseId }, "query");
    expect(atHub.data?.status).toBe("TERMINATED");
    const status = await thursday.call<{ sync: { quarantined: unknown[] } }>(
      "system.status",
      undefined,
      "query",
    );
    expect(status.data?.sync.quarantined).toEqual([]);

    // The dashboard counts it where it was taken in: terminated, and not on time.
    const figures = await lead.call<{
      bySite: { siteId: string; terminated: number; rates: { onTime: { numerator: number } } }[];
    }>("dashboard.figures", {}, "query");
    const siteA = figures.data?.bySite.find((x) => x.siteId === STATION_A);
    expect(siteA).toMatchObject({ terminated: 1, rates: { onTime: { numerator: 0 } } });
  }, 300_000);
});
