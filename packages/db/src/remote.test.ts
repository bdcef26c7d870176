import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
