import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSecretForTests, type NodeServices } from "@bangban/api";
import { openDb, seedDemo } from "@bangban/db";
import { freePort, runCli, startNode, TrpcClient } from "@bangban/http/testing";
import { createApp } from "../src/app";
import { readEnv } from "../src/env";
import { buildServices } from "../src/services";

export const STATION_A = "330106001001";

/** A station on a temp libSQL file with the demo data, a settable clock and an HTTP client. */
export async function stationHarness(
  site = STATION_A,
  start = "2026-11-02T02:00:00.000Z",
  extraEnv: Record<string, string> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "bangban-station-"));
  const env = readEnv({
    BANGBAN_SITE: site,
    BANGBAN_DATA_DIR: dir,
    BANGBAN_PUBLIC_URL: "http://hub.example",
    ...extraEnv,
  });
  const seedDb = await openDb(env.dbUrl, { encryptionKey: env.dbKey });
  await seedDemo(seedDb, { hashSecret: hashSecretForTests, siteIds: [site] });
  seedDb.close();
  let now = Date.parse(start);
  const services = await buildServices({ env, clock: () => new Date(now) });
  const app = createApp(services);
  return {
    dir,
    env,
    services,
    app,
    /** Moves the station's clock. */
    setNow(iso: string) {
      now = Date.parse(iso);
    },
    client: () => new TrpcClient(app),
    async close() {
      services.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type StationHarness = Awaited<ReturnType<typeof stationHarness>>;

/** The street center the demo seeds: the hub a station links to in the multi-process tests. */
export const CENTER = "330106001";

/**
 * A hub process of the demo's street (seeded, on a loopback port, its data under `dir`) and
 * `pcs` one-time enrolment codes for `station` (a code enrols one PC): `code` is the first.
 */
export async function seededHub(dir: string, station = STATION_A, pcs = 1) {
  const hubEnv = {
    BANGBAN_SITE: CENTER,
    BANGBAN_PORT: String(await freePort()),
    BANGBAN_DATA_DIR: join(dir, "hub"),
  };
  await runCli("hub", ["seed", "--demo"], hubEnv);
  const codes: string[] = [];
  for (let i = 0; i < pcs; i++) {
    const code = (await runCli("hub", ["code", "--site", station], hubEnv)).split("\n").pop();
    if (!code) throw new Error("the hub printed no enrolment code");
    codes.push(code);
  }
  return { hub: await startNode("hub", hubEnv, 60_000), code: codes[0] as string, codes };
}

/** A resident of the district aged 80 or over, as 高龄津贴 requires (born 1940-01-01). */
export const ELDER_ID = "33010619400101004X";
export const ELDER_ID_MASKED = "330106********004X";

/** The intake form for 高龄津贴申领 as a helper fills it in. */
export function elderlyIntake(overrides: Record<string, unknown> = {}) {
  return {
    itemCode: "MZ-GF-001",
    applicant: {
      name: "王秀英",
      idNumber: ELDER_ID,
      phone: "13812345678",
      address: "宝石一弄 8 号",
    },
    mode: "assist",
    residentPresent: true,
    materials: [
      { code: "ID_CARD", state: "provided" },
      { code: "HOUSEHOLD_REGISTER", state: "provided" },
    ],
    ...overrides,
  };
}

export async function caseCount(services: NodeServices): Promise<number> {
  const r = await services.db.client.execute("SELECT count(*) AS n FROM case_docs");
  return Number(r.rows[0]?.n ?? 0);
}

export async function auditCount(services: NodeServices): Promise<number> {
  const r = await services.db.client.execute("SELECT count(*) AS n FROM audit_log");
  return Number(r.rows[0]?.n ?? 0);
}

/** What the station has written so far: a refused command must leave all three unchanged. */
export async function writtenSoFar(services: NodeServices) {
  return {
    cases: await caseCount(services),
    seq: await services.repo.store.lastSeq(),
    audit: await auditCount(services),
  };
}

export { TrpcClient, type TrpcResult } from "@bangban/http/testing";
