import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSecretForTests, type NodeServices } from "@bangban/api";
import { openDb, seedDemo } from "@bangban/db";
import { TrpcClient } from "@bangban/http/testing";
import { createApp } from "../src/app";
import { readEnv } from "../src/env";
import { buildServices } from "../src/services";

export const CENTER = "330106001";
export const STATION_A = "330106001001";
export const STATION_B = "330106001002";

/**
 * A street hub (北山 unless `site` names another demo street) on a temp libSQL file with its
 * demo data, a settable clock and an HTTP client.
 */
export async function hubHarness(start = "2026-11-02T02:00:00.000Z", site = CENTER) {
  const dir = mkdtempSync(join(tmpdir(), "bangban-hub-"));
  const env = readEnv({
    BANGBAN_SITE: site,
    BANGBAN_DATA_DIR: dir,
    BANGBAN_PUBLIC_URL: "http://hub.example",
  });
  const seedDb = await openDb(env.dbUrl);
  await seedDemo(seedDb, { hashSecret: hashSecretForTests, site });
  seedDb.close();
  let now = Date.parse(start);
  const services = await buildServices({ env, clock: () => new Date(now) });
  const app = createApp(services);
  return {
    dir,
    env,
    services,
    app,
    /** Moves the hub's clock. */
    setNow(iso: string) {
      now = Date.parse(iso);
    },
    client: () => new TrpcClient(app),
    /** Signed in as a demo user (password bangban2026). */
    as: (username: string) => new TrpcClient(app).login(username),
    async close() {
      await services.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type HubHarness = Awaited<ReturnType<typeof hubHarness>>;

export { TrpcClient, type TrpcResult } from "@bangban/http/testing";

export async function count(services: NodeServices, table: string): Promise<number> {
  const r = await services.db.client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.rows[0]?.n ?? 0);
}
