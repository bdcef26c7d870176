#!/usr/bin/env -S node --import tsx
/**
 * bangban-hub serve | seed --demo | code --site CODE [--hours N] | add-user --username U --role R
 *   serve: migrate the database and start the hub server.
 *     `--at 2026-12-10` (or BANGBAN_NOW) starts the node's clock there: time rules act on it.
 *   seed --demo [--history]: put the node's demo sites, the catalog and its demo users into
 *     the database (by kind: a district its whole tree and its own accounts, a street hub its
 *     subtree and staff); with --history, at a street hub, also about three months of its
 *     cases (`npm run demo` asks for them; the stations pull theirs on first sync, the
 *     district gets them from the street).
 *   code: print a one-time enrolment code for a station — at a district, for a street hub
 *     (also in the admin UI).
 *   enrol --district URL --code CODE: link this street hub to its district (once), then serve.
 *   add-user: create a user (the first administrator); password from BANGBAN_NEW_PASSWORD.
 *   verify-audit: walk the audit log's hash chain; exit 1 naming the first broken row.
 */
import {
  hashEnrolmentCode,
  hashSecret,
  newEnrolmentCode,
  seedDemoComplaints,
  seedDemoHistory,
} from "@bangban/api";
import {
  appendAudit,
  createEnrolmentCode,
  createUser,
  NO_DB_KEY_WARNING,
  openDb,
  seedDemo,
  verifyAuditReport,
} from "@bangban/db";
import { isCenterCode, isStationCode, ROLES, type Role } from "@bangban/domain";
import { ulid } from "ulid";
import { readEnv } from "./env";
import { startServer } from "./server";
import { buildServices, dbOptions } from "./services";
import { enrolWithDistrict } from "./upstream";

// chinese-days reads dates in the process's time zone; China time is what the rules mean.
process.env.TZ = "Asia/Shanghai";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const [command = "serve", ...rest] = argv;
  const at = flag(rest, "--at");
  if (at !== undefined) process.env.BANGBAN_NOW = at;
  const env = readEnv();
  if (command === "verify-audit") {
    const db = await openDb(env.dbUrl, dbOptions(env));
    const report = await verifyAuditReport(db);
    await db.close();
    for (const line of report.lines) console.log(line);
    process.exitCode = report.code;
    return;
  }
  if (command === "seed") {
    if (!rest.includes("--demo")) throw new Error("usage: bangban-hub seed --demo");
    const db = await openDb(env.dbUrl, dbOptions(env));
    // What the node holds follows its kind: a street hub its subtree's users, stations' too.
    const { users } = await seedDemo(db, { hashSecret, site: env.site });
    await db.close();
    console.log(`seeded demo data for hub ${env.site}: ${users.map((u) => u.username).join(", ")}`);
    if (!rest.includes("--history")) return;
    if (!isCenterCode(env.site))
      throw new Error(`seed --history seeds a street hub's own cases; ${env.site} is not a street`);
    const services = await buildServices({ env });
    const started = Date.now();
    const history = await seedDemoHistory({
      street: env.site,
      repo: services.repo,
      actorId: services.actorId,
      db: services.db,
      calendar: services.calendar.get(),
      now: services.clock(),
      newId: (at, random) => ulid(at, random),
    });
    const complaints = await seedDemoComplaints({
      book: services.complaints,
      now: services.clock(),
      newId: (at, random) => ulid(at, random),
      street: env.site,
    });
    await services.repo.close();
    await services.db.close();
    console.log(
      `seeded ${history.cases} demo cases (${history.events} events) and ${complaints} complaints in ${Date.now() - started} ms`,
    );
    return;
  }
  if (command === "enrol") {
    const [url, code] = [flag(rest, "--district"), flag(rest, "--code")];
    if (!url || !code || env.kind !== "street")
      throw new Error("usage (at a street hub): bangban-hub enrol --district <url> --code <code>");
    const services = await buildServices({ env });
    const { db, actorId } = services;
    const link = await enrolWithDistrict({ db, actorId, site: env.site }, url, code);
    await services.repo.close();
    await services.db.close();
    console.log(`enrolled street ${env.site} with district ${link.districtId} at ${url}`);
    return;
  }
  if (command === "code") {
    // An enrolment code for the node below (a station; at a district, a street hub), printed
    // once (the last line of output is the code).
    const site = flag(rest, "--site");
    const fits = env.kind === "district" ? isCenterCode : isStationCode;
    if (!site || !fits(site) || !site.startsWith(env.site))
      throw new Error(
        env.kind === "district"
          ? "usage: bangban-hub code --site <9-digit street code of this district>"
          : "usage: bangban-hub code --site <12-digit station code of this street>",
      );
    const hours = Number(flag(rest, "--hours") ?? 24);
    const db = await openDb(env.dbUrl, dbOptions(env));
    const code = newEnrolmentCode();
    const now = new Date();
    await createEnrolmentCode(db, {
      codeHash: hashEnrolmentCode(code),
      siteId: site,
      createdBy: "cli",
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + hours * 3600_000).toISOString(),
    });
    await appendAudit(db, [
      {
        at: now.toISOString(),
        userId: "cli",
        siteId: env.site,
        action: "enrolment.code",
        caseId: null,
        requestId: null,
        detail: { siteId: site, hours },
      },
    ]);
    await db.close();
    console.log(`enrolment code for ${site}, valid ${hours} h:`);
    console.log(code);
    return;
  }
  if (command === "add-user") {
    // The first administrator of a new deployment (or any user) without the web UI.
    const [username, role, site, name] = [
      flag(rest, "--username"),
      flag(rest, "--role"),
      flag(rest, "--site") ?? env.site,
      flag(rest, "--name"),
    ];
    const password = process.env.BANGBAN_NEW_PASSWORD;
    if (
      !username ||
      !role ||
      !(ROLES as readonly string[]).includes(role) ||
      !password ||
      password.length < 8
    ) {
      throw new Error(
        "usage: BANGBAN_NEW_PASSWORD=… bangban-hub add-user --username U --role ROLE [--site CODE] [--name NAME] (password ≥ 8 characters)",
      );
    }
    const db = await openDb(env.dbUrl, dbOptions(env));
    await createUser(db, {
      id: `u-${username}`,
      siteId: site,
      username,
      displayName: name ?? username,
      role: role as Role,
      passwordHash: await hashSecret(password),
    });
    await db.close();
    console.log(`created ${role} ${username} at ${site}`);
    return;
  }
  if (command !== "serve")
    throw new Error(
      `unknown command ${command}; use serve, seed --demo, code, enrol, add-user or verify-audit`,
    );
  if (env.idHashKeyIsDefault)
    console.warn("warning: BANGBAN_ID_HASH_KEY not set; using the development key");
  // A libSQL server encrypts its own storage: the warning is about a file only.
  if (!env.dbKey && env.dbUrl.startsWith("file:")) console.warn(NO_DB_KEY_WARNING);
  const services = await buildServices({ env, warmWorkers: true, backgroundCheckpoint: true });
  const server = await startServer(services, env);
  console.log(`hub ${services.site.name} (${services.site.id}) listening on ${server.url}`);
  if (env.now) console.log(`clock starts at ${services.clock().toISOString()} (BANGBAN_NOW)`);
  // Time rules act from here on: a first pass now (catching up on days the node was off),
  // then every few minutes and just after midnight.
  services.scheduler.start();
  // A street hub enrolled with its district syncs up to it from now on.
  services.upstream?.run();
  services.bulk?.loop.start();
  if (services.upstream) console.log("syncing with the district node");
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping hub ${services.site.id}`);
    await services.upstream?.stop();
    await services.bulk?.loop.stop();
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
