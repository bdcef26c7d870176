import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runHubStoreTests } from "@bangban/sync/hub-store-suite";
import { runCaseStoreTests } from "@bangban/sync/store-suite";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "./audit-chain";
import { LibsqlCaseStore } from "./case-store";
import { openDb } from "./client";
import { DbServerError } from "./db-server";
import { LibsqlHubStore } from "./hub-store";
import { appendAudit } from "./queries/audit";
import { remoteTempDb, startHranaServer } from "./testing-remote";

// What a node does on a remote BANGBAN_DB beyond its queries (those run in the "remote" test
// project, vitest.config.ts): opening, migrating, the options meant for a file, a bad token
// or a server that is down, and the test server's fidelity to sqld's refusals.

// The same node over Hrana's WebSocket transport (BANGBAN_DB=ws(s)://…): the case and hub
// store suites, the two the sync protocol leans on.
runCaseStoreTests("libsql over ws://", async () => {
  const t = await remoteTempDb({ scheme: "ws" });
  return {
    store: new LibsqlCaseStore(t.db),
    reopen: async () => new LibsqlCaseStore(await t.reopen()),
    teardown: t.cleanup,
  };
});

runHubStoreTests("libsql over ws://", async () => {
  const t = await remoteTempDb({ scheme: "ws" });
  return { store: new LibsqlHubStore(t.db), teardown: t.cleanup };
});

const audit = (n: number) => ({
  at: `2026-11-23T09:00:0${n % 10}+08:00`,
  userId: "u1",
  siteId: "330106001000",
  action: "login",
  caseId: null,
  requestId: null,
  detail: { n },
});

describe("openDb on a remote libSQL URL", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  async function remote(opts: Parameters<typeof remoteTempDb>[0] = {}) {
    const t = await remoteTempDb(opts);
    cleanups.push(t.cleanup);
    return t;
  }

  it("migrates the server's database, over the wire, with nothing made on this machine's disk", async () => {
    const t = await remote();
    expect(t.server.pipelines).toBeGreaterThan(0);
    // Seen from the side, in the server's own file: every table the migrations make.
    const side = createClient({ url: t.server.fileUrl });
    const { rows } = await side.execute(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('case_projections', 'district_staff', 'reported_sync', '__drizzle_migrations')",
    );
    side.close();
    expect(rows.map((r) => r.name).sort()).toEqual([
      "__drizzle_migrations",
      "case_projections",
      "district_staff",
      "reported_sync",
    ]);
    expect(t.db.checkpointer).toBeNull();
    // A second node process opening the same server finds the schema up to date.
    const again = await t.reopen();
    expect(
      (await again.client.execute("SELECT count(*) AS n FROM __drizzle_migrations")).rows[0]?.n,
    ).toBe(
      (await t.db.client.execute("SELECT count(*) AS n FROM __drizzle_migrations")).rows[0]?.n,
    );
  });

  it("opens a ws:// URL: migrations, the audit chain and its guard over a WebSocket", async () => {
    const t = await remote({ scheme: "ws", authToken: "token-of-the-district" });
    expect(t.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(t.db.client.protocol).toBe("ws");
    await appendAudit(t.db, [audit(1), audit(2)]);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 2, unchained: 0 });
    await expect(t.db.client.execute("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });

  it("opens a libsql:// URL and carries BANGBAN_DB_AUTH_TOKEN", async () => {
    const t = await remote({ scheme: "libsql", authToken: "token-of-the-district" });
    expect(t.url).toMatch(/^libsql:\/\/127\.0\.0\.1:\d+\?tls=0$/);
    await appendAudit(t.db, [audit(1)]);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 1, unchained: 0 });
  });

  it("a wrong token or a server that does not answer is named, not a failed migration", async () => {
    const t = await remote({ authToken: "token-of-the-district" });
    const forged = await openDb(t.url, { authToken: "forged-token" }).catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(DbServerError);
    expect(forged).toMatchObject({ field: "BANGBAN_DB_AUTH_TOKEN" });
    expect(String((forged as Error).message)).not.toContain("forged-token");
    expect((await openDb(t.url).catch((e: unknown) => e)) as DbServerError).toMatchObject({
      field: "BANGBAN_DB_AUTH_TOKEN",
    });
    // A port nothing listens on any more: the server this test just stopped.
    const gone = await startHranaServer(join(dirname(fileURLToPath(t.server.fileUrl)), "gone.db"));
    await gone.close();
    const down = await openDb(`${gone.url}?authToken=secret`).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(DbServerError);
    expect(down).toMatchObject({ field: "BANGBAN_DB" });
    expect(String((down as Error).message)).toContain(gone.url);
    expect(String((down as Error).message)).not.toContain("secret");
    const wsDown = await openDb(gone.url.replace("http:", "ws:")).catch((e: unknown) => e);
    expect(wsDown).toMatchObject({ name: "DbServerError", field: "BANGBAN_DB" });
  });

  it("the test server turns away what sqld turns away", async () => {
    const t = await remote();
    for (const sql of [
      "ANALYZE",
      "PRAGMA optimize",
      "PRAGMA journal_mode=WAL",
      "PRAGMA synchronous=FULL",
      "PRAGMA wal_checkpoint(TRUNCATE)",
      "CREATE TEMP TABLE scratch (a)",
      "ATTACH DATABASE '/tmp/other.db' AS other",
      "VACUUM",
    ]) {
      await expect(t.db.client.execute(sql), sql).rejects.toThrow(/unsupported statement/);
    }
    await expect(
      t.db.client.executeMultiple("SELECT 1; PRAGMA analysis_limit=400; ANALYZE;"),
    ).rejects.toThrow(/unsupported statement/);
    for (const sql of [
      "PRAGMA foreign_keys=OFF",
      "PRAGMA journal_mode",
      "PRAGMA table_info(sites)",
    ]) {
      await t.db.client.execute(sql);
    }
  });

  it("takes the file-only options a serving hub passes and leaves them to the server", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bangban-remote-"));
    const server = await startHranaServer(join(dir, "node.db"));
    try {
      // What apps/hub passes when serving: a storage key and the background checkpointer.
      // A server encrypts and checkpoints its own storage; neither may break the open.
      const db = await openDb(server.url, {
        encryptionKey: "k".repeat(32),
        backgroundCheckpoint: true,
      });
      expect(db.checkpointer).toBeNull();
      await appendAudit(db, [audit(1)]);
      db.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
