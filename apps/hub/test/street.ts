import { join } from "node:path";
import { freePort, type nodeGroup, runCli } from "@bangban/http/testing";
import { CENTER } from "./harness";

/**
 * A street on 127.0.0.1 for multi-process tests: the hub seeded with the demo data under
 * `dir/<name>` and started, and each named station enrolled with it by a one-time code (not yet
 * started, so a test chooses when). `hub` and `station` add to every hub's or station's env.
 */
export async function streetOnLoopback(
  nodes: ReturnType<typeof nodeGroup>,
  dir: string,
  opts: {
    hubDir?: string;
    stations: { site: string; dir: string }[];
    hub?: Record<string, string>;
    station?: Record<string, string>;
    /** The hub's database is seeded already (a district test seeds its own). */
    seeded?: boolean;
  },
) {
  const hubPort = opts.hub?.BANGBAN_PORT ?? String(await freePort());
  const hubEnv = {
    BANGBAN_SITE: CENTER,
    BANGBAN_DATA_DIR: join(dir, opts.hubDir ?? "hub"),
    ...opts.hub,
    BANGBAN_PORT: hubPort,
  };
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  if (!opts.seeded) await runCli("hub", ["seed", "--demo"], hubEnv);
  const hub = await nodes.start("hub", hubEnv);
  const stationEnvs: Record<string, string>[] = [];
  for (const s of opts.stations) {
    const env = {
      BANGBAN_SITE: s.site,
      BANGBAN_PORT: String(await freePort()),
      BANGBAN_DATA_DIR: join(dir, s.dir),
      BANGBAN_HUB_URL: hubUrl,
      BANGBAN_SYNC_INTERVAL_MS: "300",
      ...opts.station,
    };
    const code = (await runCli("hub", ["code", "--site", s.site], hubEnv))
      .split("\n")
      .pop() as string;
    await runCli("station", ["enrol", "--hub", hubUrl, "--code", code], env);
    stationEnvs.push(env);
  }
  return { hub, hubEnv, hubUrl, stationEnvs };
}
