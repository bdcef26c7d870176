import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
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
        "attachments",
        "audit_log",
        "audit_log_no_delete",
        "audit_log_no_update",
        "case_counters",
        "case_docs",
        "case_projections",
        "case_scope",
        "catalog_items",
        "changes",
        "enrolment_codes",
        "meta",
        "sessions",
        "site_feed",
        "sites",
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
      const pragma = async (p: string) =>
        Object.values((await db.client.execute(`PRAGMA ${p}`)).rows[0] ?? {})[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe(2); // FULL
      expect(await pragma("busy_timeout")).toBe(5000);
      expect(await pragma("foreign_keys")).toBe(1);
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
