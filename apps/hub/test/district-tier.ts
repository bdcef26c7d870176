import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { hashSecretForTests } from "@bangban/api";
import { createUser, demoSites, openDb, type Site, seedDemo, upsertSites } from "@bangban/db";
import type { Role } from "@bangban/domain";
import { freePort, type nodeGroup, runCli } from "@bangban/http/testing";
import { CENTER } from "./harness";
import { streetOnLoopback } from "./street";

/**
 * A second street for district tests: 西溪街道 (330106002) with one station, 古荡社区
 * (330106002001), and its staff. The district's site tree holds it beside the demo street.
 */
export const STREET_Y = "330106002";
export const STATION_C = "330106002001";
const streetYSites: Site[] = [
  {
    ...(demoSites[1] as Site),
    id: STREET_Y,
    divisionCode: STREET_Y,
    name: "西溪街道便民服务中心",
    address: "西溪路 1 号",
  },
  {
    ...(demoSites[2] as Site),
    id: STATION_C,
    divisionCode: STATION_C,
    parentId: STREET_Y,
    name: "古荡社区便民服务站",
    address: "古荡新村 3 幢",
  },
];
export const streetYStaff: {
  id: string;
  username: string;
  name: string;
  role: Role;
  site: string;
}[] = [
  { id: "u-xx-reviewer", username: "xixi_shen", name: "沈审查", role: "reviewer", site: STREET_Y },
  { id: "u-xx-approver", username: "xixi_pi", name: "皮审批", role: "approver", site: STREET_Y },
  { id: "u-gd-helper", username: "gudang_bang", name: "古帮办", role: "helper", site: STATION_C },
];
export const PASSWORD = "bangban2026";

/** Writes a node's database before it first starts: the demo tree and catalog, plus what it holds. */
async function seedNode(
  dataDir: string,
  dbFile: string,
  users: typeof streetYStaff,
  siteIds: string[],
) {
  const db = await openDb(pathToFileURL(join(dataDir, dbFile)).href);
  try {
    await seedDemo(db, { hashSecret: hashSecretForTests, siteIds });
    await upsertSites(db, streetYSites);
    for (const u of users) {
      await createUser(db, {
        id: u.id,
        siteId: u.site,
        username: u.username,
        displayName: u.name,
        role: u.role,
        passwordHash: await hashSecretForTests(PASSWORD),
      });
    }
  } finally {
    db.close();
  }
}

/**
 * A district on 127.0.0.1 with two streets under it: the demo street X (330106001, stations as
 * asked) and 西溪街道 Y with station C. Each street hub is enrolled with the district by a
 * one-time code from the district's CLI, then started; stations are enrolled, not started.
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
  await seedNode(districtEnv.BANGBAN_DATA_DIR, "hub.db", [], ["330106"]);
  const district = await nodes.start("hub", districtEnv);
  const link = async (env: Record<string, string>, street: string) => {
    const code = (await runCli("hub", ["code", "--site", street], districtEnv)).split("\n").pop();
    await runCli("hub", ["enrol", "--district", districtUrl, "--code", code as string], env);
  };
  const upstream = { BANGBAN_SYNC_INTERVAL_MS: "300", ...opts.street };

  // Street X: the demo street, seeded and enrolled before it starts.
  const xDir = join(dir, "street-x");
  const xEnv = {
    BANGBAN_SITE: CENTER,
    BANGBAN_PORT: String(await freePort()),
    BANGBAN_DATA_DIR: xDir,
    ...upstream,
  };
  await runCli("hub", ["seed", "--demo"], xEnv);
  await upsertStreetY(xDir);
  await link(xEnv, CENTER);
  const x = await streetOnLoopback(nodes, dir, {
    hubDir: "street-x",
    stations: opts.stationsX,
    hub: xEnv,
    seeded: true,
  });

  // Street Y with station C.
  const yDir = join(dir, "street-y");
  const yEnv = {
    BANGBAN_SITE: STREET_Y,
    BANGBAN_PORT: String(await freePort()),
    BANGBAN_DATA_DIR: yDir,
    ...upstream,
  };
  await seedNode(yDir, "hub.db", streetYStaff, [STREET_Y, STATION_C]);
  await link(yEnv, STREET_Y);
  const y = await streetOnLoopback(nodes, dir, {
    hubDir: "street-y",
    stations: [{ site: STATION_C, dir: "c" }],
    hub: yEnv,
    seeded: true,
  });
  return { district, districtEnv, districtUrl, x, xEnv, y, yEnv };
}

/** Street X's own tables know street Y's sites from the start (the district's tree). */
async function upsertStreetY(dataDir: string) {
  const db = await openDb(pathToFileURL(join(dataDir, "hub.db")).href);
  try {
    await upsertSites(db, streetYSites);
  } finally {
    db.close();
  }
}
