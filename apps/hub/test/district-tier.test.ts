import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LibsqlAuditSource, LibsqlStationAudit, openDb, verifyAuditChain } from "@bangban/db";
import { HttpClient, nodeGroup, until, untilRound } from "@bangban/http/testing";
import { afterAll, describe, expect, it } from "vitest";
import { elderlyIntake } from "./cases";
import { districtOnLoopback, STATION_C, STREET_Y } from "./district-tier";
import { CENTER, STATION_A } from "./harness";

/**
 * The district tier as it runs: a district node, two street hubs and three stations, each its
 * own process with its own libSQL file, syncing over HTTP on 127.0.0.1.
 */
const dir = mkdtempSync(join(tmpdir(), "bangban-district-"));
const nodes = nodeGroup();

afterAll(async () => {
  await nodes.killAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Health {
  pendingSync: number;
  sync: { online: boolean };
  lastSeq: number;
  district?: {
    online: boolean;
    pending: number;
    lastSuccessAt: string | null;
    quarantined: { caseId: string; kind: string; en: string }[];
    audit: { pending: number; refusal: { kind: string; site?: string } | null };
  };
}
const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as Health;

/** The demo 高龄津贴申领 with every material, for a resident by name. */
const intake = (name: string) => elderlyIntake(undefined, name);

/** Counts the changes a node holds that were authored under a code (a street's, at the district). */
async function changesUnder(dataDir: string, prefix: string) {
  const db = await openDb(pathToFileURL(join(dataDir, "hub.db")).href);
  try {
    const { rows } = await db.client.execute({
      sql: "SELECT count(*) AS n, count(DISTINCT hash) AS h FROM changes WHERE substr(actor, 1, length(?1)) = ?1",
      args: [prefix],
    });
    return { n: Number(rows[0]?.n), distinct: Number(rows[0]?.h) };
  } finally {
    db.close();
  }
}

/**
 * A station's audit chain as a hub holds it (`site`), or the hub's own log (`own`), and the
 * hub's verdict on it.
 */
async function auditChain(dataDir: string, site: string | "own") {
  const db = await openDb(pathToFileURL(join(dataDir, "hub.db")).href);
  try {
    if (site === "own") {
      const all = { maxRows: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER };
      const rows = await new LibsqlAuditSource(db).rowsAfter(0, all);
      return { rows, verdict: await verifyAuditChain(db) };
    }
    const rows = await new LibsqlStationAudit(db).range(site, 1, Number.MAX_SAFE_INTEGER);
    return { rows, verdict: await verifyAuditChain(db, site) };
  } finally {
    db.close();
  }
}

describe("a district, two streets and three stations as real processes", () => {
  it("跨街道通办: taken and scanned at X's station, handled at street Y (the scan reaches its reviewer), completed and rated at Y's station; the district counts it at the right sites; a street hub killed mid-push loses nothing", async () => {
    const t = await districtOnLoopback(nodes, dir, {
      street: { BANGBAN_SYNC_PUSH_BATCH: "4" },
      stationsX: [
        { site: STATION_A, dir: "a" },
        { site: "330106001002", dir: "b" },
      ],
    });
    const [aEnv] = t.x.stationEnvs as [Record<string, string>];
    const [cEnv] = t.y.stationEnvs as [Record<string, string>];
    const a = await nodes.start("station", aEnv);
    const c = await nodes.start("station", cEnv);
    for (const [what, url] of [
      ["street X linked", t.x.hubUrl],
      ["street Y linked", t.y.hubUrl],
    ] as const) {
      await untilRound(what, url, async () => (await health(url)).district?.online);
    }
    await untilRound("A synced", a.url, async () => (await health(a.url)).sync.online);
    await untilRound("C synced", c.url, async () => (await health(c.url)).sync.online);

    // 宝石社区 (street X) takes the case in and transfers it to 西溪街道's center.
    const helperA = new HttpClient(a.url);
    await helperA.login("zhangli");
    const taken = await helperA.call<{ caseId: string }>("cases.intake", intake("沈阿婆"));
    expect(taken.status).toBe(200);
    const caseId = taken.data?.caseId as string;
    // The 户口簿 scanned at A: it must reach 西溪's reviewer through 北山 and the district.
    const scan = new Uint8Array(randomBytes(20_000));
    scan.set([0xff, 0xd8, 0xff, 0xe0], 0);
    const up = await fetch(
      `${a.url}/api/cases/${caseId}/attachments?material=HOUSEHOLD_REGISTER&name=hukou.jpg`,
      {
        method: "POST",
        headers: { cookie: helperA.cookie, "content-type": "application/octet-stream" },
        body: scan,
      },
    );
    expect(up.status).toBe(201);
    const { hash } = (await up.json()) as { hash: string };
    expect((await helperA.call("cases.accept", { caseId })).status).toBe(200);
    const moved = await helperA.call("cases.transfer", {
      caseId,
      toSiteId: STREET_Y,
      reason: "申请人已搬至西溪街道",
    });
    expect(moved.status).toBe(200);

    // It travels A → X → district → Y; Y's back office reviews, approves and issues it to C.
    const reviewer = new HttpClient(t.y.hubUrl);
    await reviewer.login("linfang");
    // Each hop is a round: A up to X, X up to the district, Y down from it.
    const aToY = [a.url, t.x.hubUrl, t.y.hubUrl];
    await untilRound("case at street Y", aToY, async () => {
      const r = await reviewer.call<{ handlingSiteId: string }>("cases.get", { caseId }, "query");
      return r.data?.handlingSiteId === STREET_Y;
    });
    const atY = await untilRound("A's scan at street Y", aToY, async () => {
      const res = await fetch(`${t.y.hubUrl}/api/attachments/${hash}`, {
        headers: { cookie: reviewer.cookie },
      });
      return res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : null;
    });
    expect(Buffer.from(atY).equals(Buffer.from(scan))).toBe(true);
    expect((await reviewer.call("cases.startReview", { caseId })).status).toBe(200);
    const approver = new HttpClient(t.y.hubUrl);
    await approver.login("hewei");
    expect((await approver.call("cases.approve", { caseId })).status).toBe(200);
    const issued = await approver.call("cases.issue", { caseId, pickupSiteId: STATION_C });
    expect(issued.status).toBe(200);

    // 古荡社区 (street Y's station) hands it over and the resident rates it there.
    const helperC = new HttpClient(c.url);
    await helperC.login("xuting");
    await untilRound("case at C", c.url, async () => {
      const r = await helperC.call<{ status: string }>("cases.get", { caseId }, "query");
      return r.data?.status === "READY_FOR_PICKUP";
    });
    expect((await helperC.call("cases.complete", { caseId })).status).toBe(200);
    const invite = await helperC.call<{ token: string }>("cases.openRating", { caseId });
    const rated = await new HttpClient(c.url).call("rating.submit", {
      token: invite.data?.token,
      level: 5,
    });
    expect(rated.status).toBe(200);

    // Back at A, through Y, the district and X: every hop of custody.
    const custody = await untilRound(
      "A sees it completed and rated",
      [c.url, t.y.hubUrl, t.x.hubUrl, a.url],
      async () => {
        const r = await helperA.call<{
          status: string;
          handoffs: { kind: string; fromSiteId: string | null; toSiteId: string }[];
        }>("cases.get", { caseId }, "query");
        return r.data?.status === "COMPLETED" ? r.data.handoffs : null;
      },
    );
    expect(custody.map((h) => [h.kind, h.toSiteId])).toEqual([
      ["intake", STATION_A],
      ["transfer", STREET_Y],
      ["pickup", STATION_C],
    ]);

    // The district admin sees it, counted where it was taken in and where it was completed.
    const admin = new HttpClient(t.districtUrl);
    await admin.login("admin");
    const cToDistrict = [c.url, t.y.hubUrl];
    const atDistrict = await untilRound("case complete at the district", cToDistrict, async () => {
      const r = await admin.call<{ status: string; originSiteId: string; pickupSiteId: string }>(
        "cases.get",
        { caseId },
        "query",
      );
      return r.data?.status === "COMPLETED" ? r.data : null;
    });
    expect(atDistrict).toMatchObject({ originSiteId: STATION_A, pickupSiteId: STATION_C });
    type Row = { siteId: string; received: number; completed: number; ratedCompleted: number };
    const row = (rows: Row[] | undefined, id: string) => rows?.find((r) => r.siteId === id);
    // The rating is the case's last step: await the district's count of it, then read the rest.
    const figures = await untilRound(
      "the rating counted at the district",
      cToDistrict,
      async () => {
        const r = await admin.call<{ streets: Row[]; stations: Row[] }>(
          "district.figures",
          {},
          "query",
        );
        return row(r.data?.stations, STATION_C)?.ratedCompleted === 1 ? r : null;
      },
    );
    // 收件 where it was taken in (A, street X); 办结 and the rating where it was completed (C, Y).
    expect(row(figures.data?.stations, STATION_A)).toMatchObject({ received: 1, completed: 0 });
    expect(row(figures.data?.stations, STATION_C)).toMatchObject({
      received: 0,
      completed: 1,
      ratedCompleted: 1,
    });
    expect(row(figures.data?.streets, CENTER)).toMatchObject({ received: 1, completed: 0 });
    expect(row(figures.data?.streets, STREET_Y)).toMatchObject({ completed: 1, ratedCompleted: 1 });
    // Each street's freshness as the district saw it, each station's as its street reported it.
    type Fresh = { siteId: string; lastPushAt: string | null; reportedAt?: string | null };
    const fresh = await untilRound("C's freshness reported by Y", cToDistrict, async () => {
      const r = await admin.call<{ streets: Fresh[]; stations: Fresh[] }>(
        "district.freshness",
        {},
        "query",
      );
      return r.data?.stations.find((s) => s.siteId === STATION_C)?.lastPushAt ? r.data : null;
    });
    expect(fresh.streets.find((s) => s.siteId === STREET_Y)?.lastPushAt).not.toBeNull();
    expect(fresh.stations.find((s) => s.siteId === STATION_C)?.reportedAt).not.toBeNull();

    // A street hub killed while pushing to the district loses nothing and doubles nothing.
    const held = (await health(t.districtUrl)).lastSeq;
    await nodes.stop(t.district);
    for (let i = 0; i < 12; i++) {
      expect((await helperA.call("cases.intake", intake(`批量${i}`))).status).toBe(200);
    }
    await untilRound(
      "X holds A's new cases",
      a.url,
      async () => (await health(a.url)).pendingSync === 0,
    );
    const district = await nodes.start("hub", t.districtEnv);
    await until("X started pushing", async () => (await health(t.districtUrl)).lastSeq > held);
    const xNode = [...nodes.running].find((n) => n.url === t.x.hubUrl);
    if (!xNode) throw new Error("street X is not running");
    await nodes.stop(xNode, "SIGKILL");
    await nodes.start("hub", t.x.hubEnv);
    // A round that succeeded since the restart, with nothing left to push.
    await untilRound("X's push complete", t.x.hubUrl, async () => {
      const d = (await health(t.x.hubUrl)).district;
      return d?.lastSuccessAt && d.pending === 0;
    });
    expect((await health(t.x.hubUrl)).district?.quarantined).toEqual([]);
    expect((await health(t.x.hubUrl)).district?.audit.refusal).toBeNull();
    await nodes.stop(district);
    await nodes.killAll();
    const atX = await changesUnder(t.x.hubEnv.BANGBAN_DATA_DIR, CENTER);
    const atD = await changesUnder(t.districtEnv.BANGBAN_DATA_DIR, CENTER);
    expect(atD).toEqual(atX);
    expect(atD.n).toBe(atD.distinct);
    // The stations' audit chains went up through the kill, verified at the district: A's as X
    // holds it, C's as Y does; and each street's own log as the street wrote it, its rows
    // naming its stations and district. Rows written in the last moments may not be up yet:
    // the district's copy is the same chain, a prefix of it.
    const dDir = t.districtEnv.BANGBAN_DATA_DIR;
    for (const [chain, source] of [
      [STATION_A, await auditChain(t.x.hubEnv.BANGBAN_DATA_DIR, STATION_A)],
      [STATION_C, await auditChain(t.y.hubEnv.BANGBAN_DATA_DIR, STATION_C)],
      [CENTER, await auditChain(t.x.hubEnv.BANGBAN_DATA_DIR, "own")],
      [STREET_Y, await auditChain(t.y.hubEnv.BANGBAN_DATA_DIR, "own")],
    ] as const) {
      const up = await auditChain(dDir, chain);
      expect(up.rows.length, chain).toBeGreaterThan(0);
      expect(up.rows).toEqual(source.rows.slice(0, up.rows.length));
      expect(up.verdict.ok).toBe(true);
    }
  }, 600_000);
});
