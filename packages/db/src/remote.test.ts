import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBlobIntakeTests } from "@bangban/sync/blob-intake-suite";
import { runComplaintStoreTests } from "@bangban/sync/complaint-store-suite";
import { runHubStoreTests } from "@bangban/sync/hub-store-suite";
import { runStationAuditTests } from "@bangban/sync/station-audit-suite";
import { runCaseStoreTests } from "@bangban/sync/store-suite";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { GENESIS_HASH, verifyAuditChain } from "./audit-chain";
import { FileBlobStore } from "./blobs";
import { LibsqlCaseStore } from "./case-store";
import { openDb } from "./client";
import { LibsqlComplaintStore } from "./complaint-store";
import { DbServerError } from "./db-server";
import { LibsqlHubStore } from "./hub-store";
import { appendAudit } from "./queries/audit";
import { saveCalendarOverrides } from "./queries/calendar";
import { LibsqlStationAudit } from "./station-audit";
import { projectionFixture } from "./testing";
import { remoteTempDb, startHranaServer } from "./testing-remote";

// Everything below runs through @libsql/client in remote mode (Hrana over HTTP) against a
// libSQL server on 127.0.0.1, as a hub or district node does with BANGBAN_DB=http(s)://… or
// libsql://…: the same acceptance suites the local file passes.

runCaseStoreTests("libsql remote", async () => {
  const t = await remoteTempDb();
  return {
    store: new LibsqlCaseStore(t.db),
    reopen: async () => new LibsqlCaseStore(await t.reopen()),
    teardown: t.cleanup,
  };
});

runHubStoreTests("libsql remote", async () => {
  const t = await remoteTempDb();
  return { store: new LibsqlHubStore(t.db), teardown: t.cleanup };
});

runComplaintStoreTests("libsql remote", async () => {
  const t = await remoteTempDb();
  return {
    store: new LibsqlComplaintStore(t.db),
    reopen: async () => new LibsqlComplaintStore(await t.reopen()),
    teardown: t.cleanup,
  };
});

runStationAuditTests("libsql remote", async () => {
  const t = await remoteTempDb();
  return { store: new LibsqlStationAudit(t.db), teardown: t.cleanup };
});

runBlobIntakeTests("libsql remote hub store, file vault", async () => {
  const t = await remoteTempDb();
  const dir = mkdtempSync(join(tmpdir(), "bangban-vault-"));
  return {
    store: new LibsqlHubStore(t.db),
    vault: new FileBlobStore(dir, "s".repeat(40)),
    teardown: async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

  it("keeps one audit chain across every writer and two node processes, and the guards hold", async () => {
    const t = await remote();
    const other = await t.reopen();
    const store = new LibsqlCaseStore(t.db, { now: () => "2026-11-23T01:00:00.000Z" });
    const p = projectionFixture(1);
    await store.commit([{ caseId: p.caseId, changes: [], projection: p }], [audit(0)]);
    await saveCalendarOverrides(t.db, { days: {}, coveredYears: [] }, [audit(1)]);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => appendAudit(i % 2 ? other : t.db, [audit(i + 2)])),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 12, unchained: 0 });
    await expect(t.db.client.execute("DELETE FROM audit_log")).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(
      t.db.client.execute(
        `INSERT INTO audit_log (at, user_id, site_id, action, detail, prev_hash, hash)
         VALUES ('x', 'u', 's', 'forged', '{}', '${GENESIS_HASH}', 'h')`,
      ),
    ).rejects.toThrow(/audit_log chain/);
  });
});
