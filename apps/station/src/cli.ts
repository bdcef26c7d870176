#!/usr/bin/env -S node --import tsx
/**
 * bangban-station serve | seed --demo | enrol --hub URL --code CODE
 *   serve: migrate the database and start the station server (and its sync loop, if enrolled).
 *     `--at 2026-12-10` (or BANGBAN_NOW) starts the node's clock there: time rules act on it.
 *   seed --demo: put the demo sites, catalog and this site's demo users into the database.
 *   enrol: exchange the street center's one-time code for this station's credential.
 *   verify-audit: walk the audit log's hash chain; exit 1 naming the first broken row.
 */
import { hashSecret } from "@bangban/api";
import { NO_DB_KEY_WARNING, openDb, seedDemo, verifyAuditReport } from "@bangban/db";
import { readEnv } from "./env";
import { nodeFlagsReport, nodeFlagsWarning } from "./node-flags";
import { startServer } from "./server";
import { buildServices } from "./services";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

// chinese-days reads dates in the process's time zone; China time is what the rules mean.
process.env.TZ = "Asia/Shanghai";

async function main(argv: string[]): Promise<void> {
  const [command = "serve", ...rest] = argv;
  const at = flag(rest, "--at");
  if (at !== undefined) process.env.BANGBAN_NOW = at;
  const env = readEnv();
  if (command === "verify-audit") {
    const db = await openDb(env.dbUrl, { encryptionKey: env.dbKey });
    const report = await verifyAuditReport(db);
    db.close();
    for (const line of report.lines) console.log(line);
    process.exitCode = report.code;
    return;
  }
  if (command === "seed") {
    if (!rest.includes("--demo")) throw new Error("usage: bangban-station seed --demo");
    const db = await openDb(env.dbUrl, { encryptionKey: env.dbKey });
    const { users } = await seedDemo(db, { hashSecret, siteIds: [env.site] });
    db.close();
    console.log(`seeded demo data for ${env.site}: ${users.map((u) => u.username).join(", ")}`);
    return;
  }
  if (command === "enrol") {
    const hub = flag(rest, "--hub") ?? env.hubUrl;
    const code = flag(rest, "--code");
    if (!hub || !code) throw new Error("usage: bangban-station enrol --hub URL --code CODE");
    const services = await buildServices({ env });
    const r = await services.sync.enrolOnly(hub, code);
    services.db.close();
    console.log(`enrolled ${r.siteId} with hub ${r.hubSiteId} at ${hub}`);
    return;
  }
  if (command !== "serve") {
    throw new Error(`unknown command ${command}; use serve, seed --demo, enrol or verify-audit`);
  }
  if (env.idHashKeyIsDefault) {
    console.warn("warning: BANGBAN_ID_HASH_KEY not set; using the development key");
  }
  if (!env.dbKey) console.warn(NO_DB_KEY_WARNING);
  const flagsWarning = nodeFlagsWarning(nodeFlagsReport());
  if (flagsWarning) console.warn(flagsWarning);
  // No checkpoint thread here, unlike the hub: a worker thread is another V8 and another
  // libSQL connection (+14 MB RSS on a PC whose budget is 150 MB), and a station's commits
  // are small. SQLite's automatic checkpoint copies the log inline each 1,000 pages.
  const services = await buildServices({ env });
  await services.sync.start();
  const server = await startServer(services, env);
  console.log(`station ${services.site.name} (${services.site.id}) listening on ${server.url}`);
  if (env.now) console.log(`clock starts at ${services.clock().toISOString()} (BANGBAN_NOW)`);
  // Time rules act from here on: a first pass now (catching up on days the node was off),
  // then every few minutes and just after midnight.
  services.scheduler.start();
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping station ${services.site.id}`);
    await services.scheduler.stop();
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
