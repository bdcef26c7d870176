import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { getTableColumns } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import { MIGRATIONS_FOLDER, openDb } from "./client";
import { projectionArgs } from "./projection-row";
import { caseProjections } from "./schema";
import { projectionFixture } from "./testing";

/** The migrations as they were before `tag` (its .sql and its journal entry left out). */
function migrationsBefore(dir: string, tag: string): string {
  const out = join(dir, "drizzle");
  cpSync(MIGRATIONS_FOLDER, out, { recursive: true });
  const journalFile = join(out, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  for (const e of journal.entries.slice(at)) unlinkSync(join(out, `${e.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return out;
}

describe("migrations of a database made by an older release", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bangban-migrate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("0015 moves every rule state out of case_projections into case_rule_states, losing none", async () => {
    const file = join(dir, "station.db");
    const old = createClient({ url: `file:${file}` });
    await migrate(drizzle(old), { migrationsFolder: migrationsBefore(dir, "0015_rule_states") });
    const names = Object.values(getTableColumns(caseProjections)).map((c) => c.name);
    const ruled = projectionFixture(1, { ruleState: '{"status":"ACCEPTED","引号":"\\""}' });
    const plain = projectionFixture(2);
    for (const p of [ruled, plain]) {
      await old.execute({
        sql: `INSERT INTO case_projections (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
        args: projectionArgs(p),
      });
      await old.execute({
        sql: "UPDATE case_projections SET rule_state = ? WHERE case_id = ?",
        args: [p.ruleState, p.caseId],
      });
    }
    old.close();

    const db = await openDb(`file:${file}`);
    try {
      const { rows } = await db.client.execute("SELECT case_id, rule_state FROM case_rule_states");
      expect(rows.map((r) => [String(r.case_id), String(r.rule_state)])).toEqual([
        [ruled.caseId, ruled.ruleState],
      ]);
      const store = new LibsqlCaseStore(db);
      expect(await store.getProjection(ruled.caseId)).toEqual(ruled);
      expect(await store.getProjection(plain.caseId)).toEqual(plain);
    } finally {
      db.close();
    }
  });
});
