// `npm run demo`: install, build, migrate, seed, then start a district node, two street hubs
// and three community stations (two under the first street, one under the second) on this
// machine and print their URLs and the demo logins. Ctrl-C stops them all. Data lives in
// .demo/ (delete it to start over). Ports and folder: BANGBAN_DEMO_DISTRICT_PORT,
// BANGBAN_DEMO_HUB_PORT, BANGBAN_DEMO_HUB2_PORT, BANGBAN_DEMO_STATION_A_PORT,
// BANGBAN_DEMO_STATION_B_PORT, BANGBAN_DEMO_STATION_C_PORT, BANGBAN_DEMO_DIR (README).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { pnpm, root } from "./pnpm.mjs";

/** A port from the environment (a second demo beside a first), else the default. */
function port(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error(`${name}=${v} is not a port number (1–65535)`);
    process.exit(1);
  }
  return n;
}

const DATA = resolve(root, process.env.BANGBAN_DEMO_DIR || ".demo");
const WEB = join(root, "apps/web/dist");
// The district node is apps/hub run with the district's 6-digit code.
const DISTRICT = {
  label: "district",
  site: "330106",
  portVar: "BANGBAN_DEMO_DISTRICT_PORT",
  port: port("BANGBAN_DEMO_DISTRICT_PORT", 8710),
  dir: join(DATA, "district"),
  name: "西湖区政务服务中心",
};
// The first street keeps the folder and port it had before the district tier, so an
// existing .demo/ carries on (its hub enrols with the new district on the next start).
const STREETS = [
  {
    label: "hub",
    site: "330106001",
    portVar: "BANGBAN_DEMO_HUB_PORT",
    port: port("BANGBAN_DEMO_HUB_PORT", 8700),
    dir: join(DATA, "hub"),
    name: "北山街道便民服务中心",
    stations: [
      {
        label: "station-a",
        site: "330106001001",
        portVar: "BANGBAN_DEMO_STATION_A_PORT",
        port: port("BANGBAN_DEMO_STATION_A_PORT", 8701),
        dir: join(DATA, "station-a"),
        name: "宝石社区便民服务站",
      },
      {
        label: "station-b",
        site: "330106001002",
        portVar: "BANGBAN_DEMO_STATION_B_PORT",
        port: port("BANGBAN_DEMO_STATION_B_PORT", 8702),
        dir: join(DATA, "station-b"),
        name: "西湖社区便民服务站",
      },
    ],
  },
  {
    label: "hub-2",
    site: "330106002",
    portVar: "BANGBAN_DEMO_HUB2_PORT",
    port: port("BANGBAN_DEMO_HUB2_PORT", 8720),
    dir: join(DATA, "hub-2"),
    name: "西溪街道便民服务中心",
    stations: [
      {
        label: "station-c",
        site: "330106002001",
        portVar: "BANGBAN_DEMO_STATION_C_PORT",
        port: port("BANGBAN_DEMO_STATION_C_PORT", 8721),
        dir: join(DATA, "station-c"),
        name: "求是社区便民服务站",
      },
    ],
  },
];
const NODES = [DISTRICT, ...STREETS, ...STREETS.flatMap((s) => s.stations)];
const HOST = process.env.BANGBAN_HOST ?? "127.0.0.1";
// `npm run demo -- --at 2026-12-10` starts every node's clock on that day (BANGBAN_NOW): the
// time rules then act as they would that morning — reminders, overdue 容缺, AB岗.
const atFlag = process.argv.indexOf("--at");
if (atFlag >= 0) {
  const at = process.argv[atFlag + 1];
  if (!at) {
    console.error("--at needs a date (2026-12-10) or an ISO instant with its offset");
    process.exit(1);
  }
  process.env.BANGBAN_NOW = at;
}

const children = [];
const stopAll = () => {
  for (const c of children) c.kill("SIGTERM");
};

/** Runs a CLI step to its end; a failure stops the nodes already started and the demo. */
function run(label, cwd, args, env) {
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.error(`${label} failed:\n${r.stdout}${r.stderr}`);
    stopAll();
    process.exit(1);
  }
  return r.stdout.trim();
}

/** Runs a server's bundle with the node flags of its package.json (as its #! line does). */
function start(label, cwd, env) {
  const flags =
    JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")).bangban?.nodeFlags ?? [];
  const p = spawn(process.execPath, [...flags, "dist/cli.mjs", "serve"], {
    cwd,
    env: { ...process.env, BANGBAN_HOST: HOST, BANGBAN_WEB_DIR: WEB, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (d) =>
    d
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[${label}] ${l}`)
      .join("\n");
  p.stdout.on("data", (d) => console.log(prefix(d)));
  p.stderr.on("data", (d) => console.error(prefix(d)));
  children.push(p);
  return p;
}

async function waitFor(url, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopAll();
  throw new Error(`${url} did not come up`);
}

/** Whether nothing listens on the port yet (another demo, or anything else, may hold it). */
function portFree(p) {
  return new Promise((ok) => {
    const s = createServer();
    s.once("error", () => ok(false));
    s.listen(p, HOST, () => s.close(() => ok(true)));
  });
}

// A port already taken would let a node enrol with whatever answers there (an earlier demo
// still running), and fail with a misleading error; say so before doing anything. Two nodes
// given the same port would do the same.
const seen = new Map();
for (const n of NODES) {
  if (seen.has(n.port)) {
    console.error(
      `${n.portVar} and ${seen.get(n.port)} are both ${n.port}; give each node its own port`,
    );
    process.exit(1);
  }
  seen.set(n.port, n.portVar);
  if (!(await portFree(n.port))) {
    console.error(
      `port ${n.port} on ${HOST} is in use (an earlier demo still running?); stop it, or set ${n.portVar} to a free port`,
    );
    process.exit(1);
  }
}

console.log("▶ install");
if (pnpm(["install"]) !== 0) process.exit(1);
console.log("▶ build");
if (pnpm(["exec", "turbo", "run", "build", "--output-logs=errors-only"]) !== 0) process.exit(1);

const hubDir = join(root, "apps/hub");
const stationDir = join(root, "apps/station");
const url = (n) => `http://${HOST}:${n.port}`;
// The demo encrypts its databases and attachments at rest, as a deployment must, with a key
// made for this .demo/ folder. A folder from before encryption (no key file) stays plain.
const KEY_FILE = join(DATA, "db-key");
if (!existsSync(STREETS[0].dir) && !existsSync(KEY_FILE)) {
  mkdirSync(DATA, { recursive: true });
  writeFileSync(KEY_FILE, randomBytes(32).toString("base64"), { mode: 0o600 });
}
const keyEnv = existsSync(KEY_FILE) ? { BANGBAN_DB_KEY_FILE: KEY_FILE } : {};
const nodeEnv = (n) => ({
  BANGBAN_SITE: n.site,
  BANGBAN_PORT: String(n.port),
  BANGBAN_DATA_DIR: n.dir,
  ...keyEnv,
});

process.on("SIGINT", () => {
  console.log("\nstopping…");
  stopAll();
  setTimeout(() => process.exit(0), 1500);
});

// 1. The district: the whole site tree, the 事项清单, the calendar and its own accounts; no
//    cases of its own — every street's arrive through the streets' sync.
const districtEnv = nodeEnv(DISTRICT);
const districtUrl = url(DISTRICT);
const districtFresh = !existsSync(DISTRICT.dir);
if (districtFresh) {
  console.log(`▶ migrate and seed the district ${DISTRICT.name} (sites, catalog, its accounts)`);
  console.log(run("seed district", hubDir, ["dist/cli.mjs", "seed", "--demo"], districtEnv));
}
start(DISTRICT.label, hubDir, districtEnv);
await waitFor(districtUrl);

// 2. Each street hub: its subtree, its staff and three months of its own cases, enrolled with
//    the district by a one-time code the district issues; then its stations, enrolled with it.
for (const street of STREETS) {
  const env = { ...nodeEnv(street), BANGBAN_DISTRICT_URL: districtUrl };
  const streetUrl = url(street);
  const streetFresh = !existsSync(street.dir);
  if (streetFresh) {
    console.log(`▶ migrate and seed ${street.name} (sites, users, catalog, three months of cases)`);
    console.log(
      run(`seed ${street.site}`, hubDir, ["dist/cli.mjs", "seed", "--demo", "--history"], env),
    );
  }
  // A street enrols with its district once; a marker says it did, so a run stopped between
  // seeding and enrolling (or a .demo/ from before the district tier, whose first street has
  // no district yet) enrols on the next start, and a new district is enrolled with again.
  const enrolled = join(DATA, `${street.label}.district-enrolled`);
  if (streetFresh || districtFresh || !existsSync(enrolled)) {
    console.log(`▶ enrol ${street.name} with the district`);
    const code = run(
      `district code for ${street.site}`,
      hubDir,
      ["dist/cli.mjs", "code", "--site", street.site],
      districtEnv,
    )
      .split("\n")
      .pop();
    run(
      `enrol ${street.site}`,
      hubDir,
      ["dist/cli.mjs", "enrol", "--district", districtUrl, "--code", code],
      env,
    );
    writeFileSync(enrolled, `${districtUrl}\n`);
  }
  start(street.label, hubDir, env);
  await waitFor(streetUrl);
  for (const s of street.stations) {
    const stationEnv = {
      ...nodeEnv(s),
      BANGBAN_HUB_URL: streetUrl,
      BANGBAN_PUBLIC_URL: streetUrl,
    };
    if (!existsSync(s.dir)) {
      console.log(`▶ seed and enrol ${s.name}`);
      run(`seed ${s.site}`, stationDir, ["dist/cli.mjs", "seed", "--demo"], stationEnv);
      const code = run("enrolment code", hubDir, ["dist/cli.mjs", "code", "--site", s.site], env)
        .split("\n")
        .pop();
      run(
        `enrol ${s.site}`,
        stationDir,
        ["dist/cli.mjs", "enrol", "--hub", streetUrl, "--code", code],
        stationEnv,
      );
    }
    start(s.label, stationDir, stationEnv);
    await waitFor(url(s));
  }
}

const [beishan, xixi] = STREETS;
const [stationA, stationB] = beishan.stations;
const [stationC] = xixi.stations;
console.log(`
bangban demo is running (data in ${DATA}; Ctrl-C to stop)

  ${DISTRICT.name} (区级)     ${districtUrl}
  ${beishan.name} (街道)   ${url(beishan)}
    ${stationA.name}       ${url(stationA)}
    ${stationB.name}       ${url(stationB)}
  ${xixi.name} (街道)   ${url(xixi)}
    ${stationC.name}       ${url(stationC)}

  Demo logins (password bangban2026; PINs for the stations' quick login):
    district   ${districtUrl}   admin (区级管理员; may also sign in at either street hub)
    北山 hub   ${url(beishan)}   chenjing (审查员)  zhaolei (审批人)  sunhua (中心负责人)
    station A  ${url(stationA)}   zhangli (帮办员, PIN 246810)   wangqiang (站长, PIN 135790)
    station B  ${url(stationB)}   liumei  (帮办员, PIN 246810)   zhoujun   (站长, PIN 135790)
    西溪 hub   ${url(xixi)}   linfang (审查员)   hewei (审批人)    guomin (中心负责人)
    station C  ${url(stationC)}   xuting  (帮办员, PIN 246810)   machao    (站长, PIN 135790)

  Public 办事指南 and progress query: ${url(beishan)}/public and ${url(xixi)}/public
${process.env.BANGBAN_NOW ? `\n  Every node's clock starts at ${process.env.BANGBAN_NOW} (--at / BANGBAN_NOW).\n` : ""}`);
