import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  HttpClient,
  type RunningNode,
  runCli,
  startNode,
  untilRound,
} from "@bangban/http/testing";
import { afterAll, describe, expect, it } from "vitest";
import { CENTER, STATION_A } from "./harness";

/** A real hub and a real station: a reset at the hub must reach the station's sessions. */
const dir = mkdtempSync(join(tmpdir(), "bangban-reset-"));
const running: RunningNode[] = [];

afterAll(async () => {
  for (const n of running) await n.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function hubAndStation() {
  const hubPort = String(await freePort());
  const hubEnv = {
    BANGBAN_SITE: CENTER,
    BANGBAN_PORT: hubPort,
    BANGBAN_DATA_DIR: join(dir, "hub"),
  };
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  await runCli("hub", ["seed", "--demo"], hubEnv);
  running.push(await startNode("hub", hubEnv));
  const stationEnv = {
    BANGBAN_SITE: STATION_A,
    BANGBAN_PORT: String(await freePort()),
    BANGBAN_DATA_DIR: join(dir, "a"),
    BANGBAN_HUB_URL: hubUrl,
    BANGBAN_SYNC_INTERVAL_MS: "300",
  };
  const code = (await runCli("hub", ["code", "--site", STATION_A], hubEnv)).split("\n").pop();
  await runCli("station", ["enrol", "--hub", hubUrl, "--code", code ?? ""], stationEnv);
  const station = await startNode("station", stationEnv);
  running.push(station);
  const helper = new HttpClient(station.url);
  // The station has its users once the first reference data has arrived.
  await untilRound("zhangli at the station", station.url, async () => {
    const r = await helper.call("auth.pinLogin", { username: "zhangli", pin: "246810" });
    return r.status === 200;
  });
  return { hubUrl, stationUrl: station.url, helper };
}

describe("a reset at the hub, a real hub and station", () => {
  it("hub reset: a new PIN ends the helper's station session and old PIN at the next sync", async () => {
    const { hubUrl, stationUrl, helper } = await hubAndStation();
    expect((await helper.call("cases.list", {}, "query")).status).toBe(200);
    const admin = new HttpClient(hubUrl);
    await admin.login("sunhua");
    const set = await admin.call("admin.users.setPin", { id: "u-zhangli", pin: "975310" });
    expect(set.status).toBe(200);
    await untilRound("the station session ends", stationUrl, async () => {
      return (await helper.call("cases.list", {}, "query")).status === 401;
    });
    const kiosk = new HttpClient(stationUrl);
    const old = await kiosk.call("auth.pinLogin", { username: "zhangli", pin: "246810" });
    expect(old.status).toBe(403);
    const fresh = await kiosk.call("auth.pinLogin", { username: "zhangli", pin: "975310" });
    expect(fresh.status).toBe(200);
  });
});
