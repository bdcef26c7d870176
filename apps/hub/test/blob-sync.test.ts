import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileBlobStore } from "@bangban/db";
import { HttpClient, nodeGroup, until, untilRound } from "@bangban/http/testing";
import { afterAll, describe, expect, it } from "vitest";
import { elderlyIntake } from "./cases";
import { STATION_A, STATION_B } from "./harness";
import { streetOnLoopback } from "./street";

/**
 * Blob sync between real processes on 127.0.0.1 (SPEC.md, Blobs): a scan taken at station A
 * with the hub down reaches the hub when it comes back, the back office opens it, station B
 * (the pick-up site) gets it; a hub killed mid-blob-push keeps no partial blob under a blob's
 * name and completes the push after its restart.
 */
const dir = mkdtempSync(join(tmpdir(), "bangban-blobs-"));
const nodes = nodeGroup();
const { start, stop } = nodes;
const HUB_KEY = "k".repeat(40);

afterAll(async () => {
  await nodes.killAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Health {
  pendingSync: number;
  sync: {
    state: string;
    online: boolean;
    blobs?: { pendingUp: number; missingDown: number; refused: unknown[] };
  };
}

async function health(url: string): Promise<Health> {
  return (await fetch(`${url}/healthz`)).json() as never;
}

/** The demo 高龄津贴申领 with every material, for a resident by name. */
const intake = (name: string) => elderlyIntake(undefined, name);

function jpeg(size: number): Uint8Array {
  const b = new Uint8Array(randomBytes(size));
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function upload(
  c: HttpClient,
  caseId: string,
  bytes: Uint8Array,
  material = "HOUSEHOLD_REGISTER",
) {
  const res = await fetch(
    `${c.base}/api/cases/${caseId}/attachments?material=${material}&name=scan.jpg`,
    {
      method: "POST",
      headers: { cookie: c.cookie, "content-type": "application/octet-stream" },
      body: bytes as Uint8Array<ArrayBuffer>,
    },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { hash: string }).hash;
}

async function scanAt(c: HttpClient, hash: string): Promise<Buffer | null> {
  const res = await fetch(`${c.base}/api/attachments/${hash}`, { headers: { cookie: c.cookie } });
  return res.status === 200 ? Buffer.from(await res.arrayBuffer()) : null;
}

describe("blob sync between a hub and two stations as real processes", () => {
  it("a scan taken offline at A reaches the hub, is marked 需补正 and passed once page 2 comes, opens at B; a hub killed mid-blob-push keeps no partial under a blob's name and completes after restart", async () => {
    const street = await streetOnLoopback(nodes, dir, {
      hub: { BANGBAN_DB_KEY: HUB_KEY },
      stations: [
        { site: STATION_A, dir: "a" },
        { site: STATION_B, dir: "b" },
      ],
    });
    const { hubEnv, hubUrl } = street;
    let hub = street.hub;
    const [aEnv, bEnv] = street.stationEnvs as [Record<string, string>, Record<string, string>];
    const a = await start("station", aEnv);
    const b = await start("station", bEnv);
    await untilRound("A online", a.url, async () => (await health(a.url)).sync.online);
    await untilRound("B online", b.url, async () => (await health(b.url)).sync.online);

    // The hub goes down; A takes a case and scans the 户口簿.
    await stop(hub);
    const helperA = new HttpClient(a.url);
    await helperA.login("zhangli");
    const taken = await helperA.call<{ caseId: string }>("cases.intake", intake("王秀英"));
    const caseId = taken.data?.caseId as string;
    const scan = jpeg(300 * 1024);
    const hash = await upload(helperA, caseId, scan);
    expect(hash).toBe(sha256(scan));
    await helperA.call("cases.accept", { caseId });
    await untilRound("A offline with the scan waiting", a.url, async () => {
      const h = await health(a.url);
      return h.sync.state === "offline" && h.sync.blobs?.pendingUp === 1;
    });

    // The hub comes back: A's case and then its scan go up; the back office opens it.
    hub = await start("hub", hubEnv);
    await untilRound("A pushed case and scan", a.url, async () => {
      const h = await health(a.url);
      return h.pendingSync === 0 && h.sync.blobs?.pendingUp === 0;
    });
    const reviewer = new HttpClient(hubUrl);
    await reviewer.login("chenjing");
    expect((await scanAt(reviewer, hash))?.equals(Buffer.from(scan))).toBe(true);
    // Encrypted at rest at the hub.
    const hubBlobs = join(dir, "hub", "blobs");
    expect(await new FileBlobStore(hubBlobs, HUB_KEY).get(hash)).toEqual(scan);
    expect(await new FileBlobStore(hubBlobs, null).get(hash).catch(() => "sealed")).toBe("sealed");

    // 材料审查 beside the scan: the 户口簿 lacks its 户主页 — 需补正, and station A sees the mark.
    expect((await reviewer.call("cases.startReview", { caseId })).status).toBe(200);
    const mark = (verdict: string, reason?: string) =>
      reviewer.call("cases.checkMaterial", { caseId, code: "HOUSEHOLD_REGISTER", verdict, reason });
    expect((await mark("needs_correction", "户口簿扫描件缺少户主页")).status).toBe(200);
    type Checked = { materials: { code: string; check: { verdict: string } | null }[] };
    const markAtA = async () => {
      const r = await helperA.call<Checked>("cases.get", { caseId }, "query");
      return r.data?.materials.find((m) => m.code === "HOUSEHOLD_REGISTER")?.check?.verdict;
    };
    await untilRound("A sees 需补正", a.url, async () => (await markAtA()) === "needs_correction");
    // The resident brings the 户主页 to A; its scan reaches the hub, which passes the material.
    const page2 = jpeg(200 * 1024);
    const hash2 = await upload(helperA, caseId, page2);
    const seen2 = await untilRound("the hub holds page 2", a.url, () => scanAt(reviewer, hash2));
    expect(seen2.equals(Buffer.from(page2))).toBe(true);
    expect((await mark("ok")).status).toBe(200);
    await untilRound("A sees 合格", a.url, async () => (await markAtA()) === "ok");

    // Approved at the hub with B as the pick-up site: B gets the scan (prefetch or on opening).
    const approver = new HttpClient(hubUrl);
    await approver.login("zhaolei");
    expect((await approver.call("cases.approve", { caseId })).status).toBe(200);
    expect((await approver.call("cases.issue", { caseId, pickupSiteId: STATION_B })).status).toBe(
      200,
    );
    const helperB = new HttpClient(b.url);
    await helperB.login("liumei");
    await untilRound("case at B", b.url, async () => {
      const r = await helperB.call<{ status: string }>("cases.get", { caseId }, "query");
      return r.data?.status === "READY_FOR_PICKUP";
    });
    const atB = await untilRound("the scan at B", b.url, () => scanAt(helperB, hash));
    expect(atB.equals(Buffer.from(scan))).toBe(true);
    await untilRound(
      "B lacks no inbox scan",
      b.url,
      async () => (await health(b.url)).sync.blobs?.missingDown === 0,
    );

    // Large scans taken with the hub down; the hub is SIGKILLed while a blob is arriving.
    await stop(hub);
    const big = await helperA.call<{ caseId: string }>("cases.intake", intake("李建国"));
    const bigId = big.data?.caseId as string;
    const scans = [jpeg(9 * 1024 * 1024), jpeg(9 * 1024 * 1024), jpeg(9 * 1024 * 1024)];
    const hashes: string[] = [];
    for (const s of scans) hashes.push(await upload(helperA, bigId, s, "PHOTO"));
    hub = await start("hub", hubEnv);
    const partialDir = join(hubBlobs, "partial");
    const partials = () => (existsSync(partialDir) ? readdirSync(partialDir) : []);
    // The middle of a push is caught by looking often (every 5 ms), not awaited by a round.
    await until("a blob push under way", async () => partials().length > 0, undefined, 5);
    await stop(hub, "SIGKILL");
    const vault = new FileBlobStore(hubBlobs, HUB_KEY);
    // Whatever is under a blob's name is the whole blob; the cut one is a partial, apart.
    for (const [i, h] of hashes.entries()) {
      const held = await vault.get(h);
      if (held) expect(Buffer.from(held).equals(Buffer.from(scans[i] as Uint8Array))).toBe(true);
    }
    const cut = partials().map((f) => f.replace(/\.part$/, ""));
    expect(cut.length).toBeGreaterThan(0);
    for (const h of cut) expect(await vault.has(h)).toBe(false);

    // After the restart the push resumes and completes; no partial is left.
    hub = await start("hub", hubEnv);
    await untilRound(
      "A pushed every scan",
      a.url,
      async () => (await health(a.url)).sync.blobs?.pendingUp === 0,
    );
    for (const [i, h] of hashes.entries()) {
      expect((await scanAt(reviewer, h))?.equals(Buffer.from(scans[i] as Uint8Array))).toBe(true);
    }
    expect(partials()).toEqual([]);
    expect((await health(a.url)).sync.blobs?.refused).toEqual([]);
  }, 300_000);
});
