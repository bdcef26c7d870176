// `npm run demo`: install, build, migrate, seed, then start a street hub and two community
// stations on this machine and print their URLs and the demo logins. Ctrl-C stops them all.
// Data lives in .demo/ (delete it to start over). Ports and folder: BANGBAN_DEMO_HUB_PORT,
// BANGBAN_DEMO_STATION_A_PORT, BANGBAN_DEMO_STATION_B_PORT, BANGBAN_DEMO_DIR (README).
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
const HUB = {
  site: "330106001",
  port: port("BANGBAN_DEMO_HUB_PORT", 8700),
  dir: join(DATA, "hub"),
};
const STATIONS = [
  {
    site: "330106001001",
    port: port("BANGBAN_DEMO_STATION_A_PORT", 8701),
    dir: join(DATA, "station-a"),
    name: "宝石社区便民服务站",
  },
  {
    site: "330106001002",
    port: port("BANGBAN_DEMO_STATION_B_PORT", 8702),
    dir: join(DATA, "station-b"),
    name: "西湖社区便民服务站",
  },
];
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

function run(label, cwd, args, env) {
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.error(`${label} failed:\n${r.stdout}${r.stderr}`);
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

// A port already taken would let the stations enrol with whatever answers there (an earlier
// demo still running), and fail with a misleading error; say so before doing anything.
for (const [name, p] of [
  ["BANGBAN_DEMO_HUB_PORT", HUB.port],
  ["BANGBAN_DEMO_STATION_A_PORT", STATIONS[0].port],
  ["BANGBAN_DEMO_STATION_B_PORT", STATIONS[1].port],
]) {
  if (!(await portFree(p))) {
    console.error(
      `port ${p} on ${HOST} is in use (an earlier demo still running?); stop it, or set ${name} to a free port`,
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
const fresh = !existsSync(HUB.dir);
mkdirSync(DATA, { recursive: true });
// The demo encrypts its databases and attachments at rest, as a deployment must, with a key
// made for this .demo/ folder. A folder from before encryption (no key file) stays plain.
const KEY_FILE = join(DATA, "db-key");
if (fresh) writeFileSync(KEY_FILE, randomBytes(32).toString("base64"), { mode: 0o600 });
const keyEnv = existsSync(KEY_FILE) ? { BANGBAN_DB_KEY_FILE: KEY_FILE } : {};
const hubEnv = {
  BANGBAN_SITE: HUB.site,
  BANGBAN_PORT: String(HUB.port),
  BANGBAN_DATA_DIR: HUB.dir,
  ...keyEnv,
};
const hubUrl = `http://${HOST}:${HUB.port}`;
if (fresh) {
  console.log("▶ migrate and seed the hub (sites, users, catalog, three months of cases)");
  console.log(run("seed hub", hubDir, ["dist/cli.mjs", "seed", "--demo", "--history"], hubEnv));
}
const children = [];
const stopAll = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", () => {
  console.log("\nstopping…");
  stopAll();
  setTimeout(() => process.exit(0), 1500);
});

children.push(start("hub", hubDir, hubEnv));
await waitFor(hubUrl);
for (const s of STATIONS) {
  const env = {
    BANGBAN_SITE: s.site,
    BANGBAN_PORT: String(s.port),
    BANGBAN_DATA_DIR: s.dir,
    ...keyEnv,
    BANGBAN_HUB_URL: hubUrl,
    BANGBAN_PUBLIC_URL: hubUrl,
  };
  if (!existsSync(s.dir)) {
    console.log(`▶ seed and enrol ${s.name}`);
    run(`seed ${s.site}`, stationDir, ["dist/cli.mjs", "seed", "--demo"], env);
    const code = run("enrolment code", hubDir, ["dist/cli.mjs", "code", "--site", s.site], hubEnv)
      .split("\n")
      .pop();
    run(
      `enrol ${s.site}`,
      stationDir,
      ["dist/cli.mjs", "enrol", "--hub", hubUrl, "--code", code],
      env,
    );
  }
  children.push(start(s.site === STATIONS[0].site ? "station-a" : "station-b", stationDir, env));
  await waitFor(`http://${HOST}:${s.port}`);
}

console.log(`
bangban demo is running (data in ${DATA}; Ctrl-C to stop)

  街道便民服务中心 hub   ${hubUrl}
  ${STATIONS[0].name}  http://${HOST}:${STATIONS[0].port}
  ${STATIONS[1].name}  http://${HOST}:${STATIONS[1].port}

  Demo logins (password bangban2026):
    station A  zhangli (帮办员, PIN 246810)   wangqiang (站长, PIN 135790)
    station B  liumei  (帮办员, PIN 246810)   zhoujun   (站长, PIN 135790)
    hub        chenjing (审查员)  zhaolei (审批人)  sunhua (中心负责人)  admin (区级管理员)

  Public 办事指南 and progress query: ${hubUrl}/public
${process.env.BANGBAN_NOW ? `\n  Every node's clock starts at ${process.env.BANGBAN_NOW} (--at / BANGBAN_NOW).\n` : ""}`);
