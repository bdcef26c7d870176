import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSecretForTests } from "@bangban/api";
import { openDb, seedDemo } from "@bangban/db";
import { freePort, type RunningNode, startStation } from "@bangban/http/testing";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFlagsReport, nodeFlagsWarning } from "../src/node-flags";
import { STATION_A } from "./harness";

/**
 * The station as shipped: its bundle (dist/cli.mjs, built before the station's tests) started
 * by its first line, which passes the station's memory settings to node, and started as
 * `node dist/cli.mjs`, which does not. The station says which in its log and /healthz.
 */
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const FLAGS: string[] = pkg.bangban.nodeFlags;
const dir = mkdtempSync(join(tmpdir(), "bangban-bundle-"));
const running: RunningNode[] = [];

afterAll(async () => {
  for (const r of running) await r.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function started(how: "as-shipped" | "plain-node") {
  const data = join(dir, how);
  const seedDb = await openDb(`file:${data}/station.db`);
  await seedDemo(seedDb, { hashSecret: hashSecretForTests, siteIds: [STATION_A] });
  seedDb.close();
  const env = {
    BANGBAN_SITE: STATION_A,
    BANGBAN_DATA_DIR: data,
    BANGBAN_PORT: String(await freePort()),
  };
  const node = await startStation(env, undefined, { bundled: how });
  running.push(node);
  const health = (await (await fetch(`${node.url}/healthz`)).json()) as {
    ok: boolean;
    nodeFlags: { expected: string[]; missing: string[] };
  };
  return { node, health };
}

describe("the station's node flags", () => {
  it("are named as missing when they are not on the command line", () => {
    expect(nodeFlagsReport(["--optimize-for-size"], ["--a", "--optimize-for-size"])).toEqual({
      expected: ["--a", "--optimize-for-size"],
      missing: ["--a"],
    });
    expect(nodeFlagsWarning(nodeFlagsReport(["--a"], ["--a"]))).toBeNull();
    expect(nodeFlagsWarning(nodeFlagsReport([], ["--a"]))).toMatch(/--a.*\.\/dist\/cli\.mjs serve/);
  });

  it("the bundle started by its first line runs with them; as `node dist/cli.mjs`, it says it does not", async () => {
    expect(FLAGS.length).toBeGreaterThan(0);
    const shipped = await started("as-shipped");
    expect(shipped.health.ok).toBe(true);
    expect(shipped.health.nodeFlags).toEqual({ expected: FLAGS, missing: [] });
    expect(shipped.node.output()).not.toMatch(/runs without/);

    const plain = await started("plain-node");
    expect(plain.health.ok).toBe(true);
    expect(plain.health.nodeFlags).toEqual({ expected: FLAGS, missing: FLAGS });
    expect(plain.node.output()).toContain(`warning: node runs without ${FLAGS.join(" ")}`);
  });
});
