import { join } from "node:path";
import { freePort, type nodeGroup, runCli } from "@bangban/http/testing";
import { CENTER } from "./harness";
import { streetOnLoopback } from "./street";

/** The demo's second street, 西溪街道 (330106002), and its station (求是社区, 330106002001). */
export const STREET_Y = "330106002";
export const STATION_C = "330106002001";

/**
 * A district on 127.0.0.1 with its two demo streets under it: 北山 X (330106001, the stations
 * asked for) and 西溪 Y with station C. Every node is seeded by its kind (`seed --demo`); each
 * street hub is enrolled with the district by a one-time code from the district's CLI, then
 * started; the stations are enrolled with their street, not started.
 */
export async function districtOnLoopback(
  nodes: ReturnType<typeof nodeGroup>,
  dir: string,
  opts: { stationsX: { site: string; dir: string }[]; street?: Record<string, string> },
) {
  const port = String(await freePort());
  const districtEnv = {
    BANGBAN_SITE: "330106",
    BANGBAN_PORT: port,
    BANGBAN_DATA_DIR: join(dir, "district"),
  };
  const districtUrl = `http://127.0.0.1:${port}`;
  await runCli("hub", ["seed", "--demo"], districtEnv);
  const district = await nodes.start("hub", districtEnv);
  const street = async (site: string, name: string, stations: { site: string; dir: string }[]) => {
    const env = {
      BANGBAN_SITE: site,
      BANGBAN_PORT: String(await freePort()),
      BANGBAN_DATA_DIR: join(dir, name),
      BANGBAN_SYNC_INTERVAL_MS: "300",
      ...opts.street,
    };
    await runCli("hub", ["seed", "--demo"], env);
    const code = (await runCli("hub", ["code", "--site", site], districtEnv)).split("\n").pop();
    await runCli("hub", ["enrol", "--district", districtUrl, "--code", code as string], env);
    return streetOnLoopback(nodes, dir, { hubDir: name, stations, hub: env, seeded: true });
  };
  const x = await street(CENTER, "street-x", opts.stationsX);
  const y = await street(STREET_Y, "street-y", [{ site: STATION_C, dir: "c" }]);
  return { district, districtEnv, districtUrl, x, y };
}
