import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDb } from "./client";

const tables = async (db: Awaited<ReturnType<typeof openDb>>) =>
  (
    await db.client.execute(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
  ).rows.map((r) => String(r.name));

/** The value a `PRAGMA p` reads on the client's connection. */
const pragma = async (db: Awaited<ReturnType<typeof openDb>>, p: string) =>
  Object.values((await db.client.execute(`PRAGMA ${p}`)).rows[0] ?? {})[0];

describe("openDb", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bangban-open-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the parent directory and applies every migration to a fresh file", async () => {
    const url = pathToFileURL(join(dir, "nested", "deeper", "hub.db")).href;
    const db = await openDb(url);
    try {
      expect(existsSync(join(dir, "nested", "deeper", "hub.db"))).toBe(true);
      expect(await tables(db)).toEqual([
        "__drizzle_migrations",
        "absences",
        "attachments",
        "audit_log",
        "audit_log_chain",
        "audit_log_no_delete",
        "audit_log_no_update",
        "bulk_cases",
        "case_attachments",
        "case_counters",
        "case_docs",
        "case_projections",
        "case_rule_checks",
        "case_rule_states",
        "case_scope",
        "catalog_items",
        "changes",
        "complaint_docs",
        "district_staff",
        "enrolment_codes",
        "meta",
        "reminders",
        "reported_sync",
        "sessions",
        "site_feed",
        "sites",
        "sms_log",
        "station_audit_log",
        "station_audit_log_chain",
        "station_audit_log_no_delete",
        "station_audit_log_no_update",
        "stations",
        "users",
      ]);
      const applied = await db.client.execute("SELECT COUNT(*) AS n FROM __drizzle_migrations");
      const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql"));
      expect(Number(applied.rows[0]?.n)).toBe(files.length);
    } finally {
      db.close();
    }
  });

  it("re-opening an existing file keeps its data and applies nothing again", async () => {
    const url = `file:${join(dir, "station.db")}`;
    const first = await openDb(url);
    await first.client.execute("INSERT INTO meta (key, value) VALUES ('node:id', 'n1')");
    first.close();
    const again = await openDb(url);
    try {
      const n = await again.client.execute("SELECT COUNT(*) AS n FROM __drizzle_migrations");
      expect(Number(n.rows[0]?.n)).toBe(
        readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).length,
      );
      const meta = await again.client.execute("SELECT value FROM meta WHERE key = 'node:id'");
      expect(meta.rows[0]?.value).toBe("n1");
    } finally {
      again.close();
    }
  });

  it("sets durable, concurrent-friendly pragmas on a file", async () => {
    const db = await openDb(`file:${join(dir, "p.db")}`);
    try {
      expect(await pragma(db, "journal_mode")).toBe("wal");
      expect(await pragma(db, "synchronous")).toBe(2); // FULL
      expect(await pragma(db, "busy_timeout")).toBe(5000);
      expect(await pragma(db, "foreign_keys")).toBe(1);
      expect(await pragma(db, "cache_size")).toBe(-32 * 1024);
      // No background checkpointer unless asked: SQLite's own, every 1,000 pages.
      expect(db.checkpointer).toBeNull();
      expect(await pragma(db, "wal_autocheckpoint")).toBe(1000);
    } finally {
      db.close();
    }
  });

  it("takes a smaller page cache where it is asked for one (a station)", async () => {
    const db = await openDb(`file:${join(dir, "s.db")}`, { cacheKib: 8 * 1024 });
    try {
      expect(await pragma(db, "cache_size")).toBe(-8 * 1024);
    } finally {
      db.close();
    }
  });

  it("keeps those settings for calls made while others are in flight, as a server's are", async () => {
    // A server starts a second call before the first one's `await` has returned (two requests
    // in one turn, a Promise.all). The driver's pool would open a fresh connection for it,
    // with SQLite's defaults, and hand that one out from then on: a station's case lists ran
    // on a 2 MB page cache and were 3–5× slower than on the configured connection.
    const db = await openDb(`file:${join(dir, "p.db")}`);
    try {
      const overlapping = await Promise.all(
        Array.from({ length: 8 }, () =>
          Promise.all([pragma(db, "cache_size"), pragma(db, "journal_size_limit")]),
        ),
      );
      expect(new Set(overlapping.map(([c, j]) => `${c} ${j}`))).toEqual(
        new Set([`${-32 * 1024} ${32 * 1024 * 1024}`]),
      );
      // And the calls after them.
      expect(await pragma(db, "cache_size")).toBe(-32 * 1024);
      expect(await pragma(db, "journal_size_limit")).toBe(32 * 1024 * 1024);
    } finally {
      db.close();
    }
  });

  it("with backgroundCheckpoint, a worker thread moves the log into the database file", async () => {
    const path = join(dir, "bg.db");
    const db = await openDb(`file:${path}`, { backgroundCheckpoint: true });
    const checkpointer = db.checkpointer;
    try {
      expect(checkpointer).not.toBeNull();
      // The committing connection checkpoints only as a safety net, far past the default.
      const auto = await db.client.execute("PRAGMA wal_autocheckpoint");
      expect(Object.values(auto.rows[0] ?? {})[0]).toBe(10_000);
      const before = statSync(path).size;
      // ~4 MB in 40 commits: ~1,000 pages, which the inline checkpoint would have copied.
      const blob = new Uint8Array(100_000).fill(7);
      for (let i = 0; i < 40; i++) {
        await db.client.execute({
          sql: "INSERT INTO meta (key, value) VALUES (?, ?)",
          args: [`k${i}`, Buffer.from(blob).toString("base64")],
        });
      }
      // Each of the worker's runs is awaited itself, not polled against a timeout a busy
      // machine can outlast: it runs until the whole log is in the database file. A run
      // reported while the inserts were still going (its message is read only once this
      // loop awaits) has a whole log too, of fewer frames: so wait for the file itself.
      for (;;) {
        const s = await (checkpointer as NonNullable<typeof checkpointer>).nextRun();
        expect(s.error).toBeNull();
        const whole = s.log > 0 && s.checkpointed === s.log;
        if (whole && statSync(path).size > before + 4_000_000) break;
      }
      // The rows are in the database file itself now, not only in the log.
      expect(statSync(path).size).toBeGreaterThan(before + 4_000_000);
    } finally {
      db.close();
    }
    await checkpointer?.close();
    // Closed and reopened: every row is there.
    const again = await openDb(`file:${path}`);
    try {
      const n = await again.client.execute("SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'k%'");
      expect(Number(n.rows[0]?.n)).toBe(40);
    } finally {
      again.close();
    }
  });

  it("backgroundCheckpoint is ignored in memory", async () => {
    const db = await openDb(":memory:", { backgroundCheckpoint: true });
    try {
      expect(db.checkpointer).toBeNull();
    } finally {
      db.close();
    }
  });

  it("accepts :memory:", async () => {
    const db = await openDb(":memory:");
    try {
      expect(await tables(db)).toContain("changes");
    } finally {
      db.close();
    }
  });

  it("works whatever the working directory", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const db = await openDb("file:relative/x.db");
      db.close();
      expect(existsSync(join(dir, "relative", "x.db"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
