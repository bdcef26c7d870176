import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import { clientConfig, openDb } from "./client";
import { DbKeyError, resolveDbKey } from "./db-key";
import { createUser, findUserByUsername } from "./queries/users";
import { projectionFixture } from "./testing";

const KEY = "k".repeat(40);
const NAME = "欧阳丽华-applicant";

/** Every byte the node wrote for this database: the file, its log and shared memory. */
function bytesOnDisk(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

async function writeName(url: string, key: string | null): Promise<void> {
  const db = await openDb(url, { encryptionKey: key, backgroundCheckpoint: true });
  await createUser(db, {
    id: "u-1",
    siteId: "330106001",
    username: "ouyang",
    displayName: NAME,
    role: "helper",
    passwordHash: "x",
  });
  // The checkpointer opens its own connection: it must carry the key too. Its first run is
  // awaited itself, not polled against a timeout a busy machine can outlast.
  const run = db.checkpointer?.status.runs
    ? db.checkpointer.status
    : await db.checkpointer?.nextRun();
  expect(run?.runs).toBeGreaterThan(0);
  expect(run?.error).toBeNull();
  db.close();
  await db.checkpointer?.close();
}

describe("openDb with an encryption key", () => {
  let dir: string;
  let url: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bangban-enc-"));
    url = pathToFileURL(join(dir, "station.db")).href;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps a known plaintext out of the file, and reads it back with the key", async () => {
    await writeName(url, KEY);
    expect(bytesOnDisk(dir).includes(Buffer.from(NAME))).toBe(false);
    const db = await openDb(url, { encryptionKey: KEY });
    expect((await findUserByUsername(db, "ouyang"))?.displayName).toBe(NAME);
    db.close();
  });

  it("without a key the same name is on disk in clear (the check above means something)", async () => {
    await writeName(url, null);
    expect(bytesOnDisk(dir).includes(Buffer.from(NAME))).toBe(true);
  });

  it("encrypts what the case store's own write connection commits (WriteGroup)", async () => {
    for (const key of [KEY, null]) {
      const db = await openDb(url, { encryptionKey: key, groupCommit: true });
      expect(db.writer).not.toBeNull();
      const projection = projectionFixture(1, { applicantNameMasked: NAME });
      const bytes = new TextEncoder().encode(NAME);
      await new LibsqlCaseStore(db).commit([
        { caseId: projection.caseId, changes: [{ hash: "c1", actor: "aa", bytes }], projection },
      ]);
      db.close();
      // With the key nothing of the case is on disk in clear; without it, the check means something.
      expect(bytesOnDisk(dir).includes(Buffer.from(NAME))).toBe(key === null);
      const again = await openDb(url, { encryptionKey: key, groupCommit: true });
      const store = new LibsqlCaseStore(again);
      expect((await store.getProjection(projection.caseId))?.applicantNameMasked).toBe(NAME);
      expect((await store.loadCase(projection.caseId))?.changes).toEqual([bytes]);
      again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a wrong key fails with a DbKeyError naming the variable, in zh and en", async () => {
    await writeName(url, KEY);
    const e = await openDb(url, { encryptionKey: "w".repeat(40) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DbKeyError);
    expect(e).toMatchObject({ code: "DB_KEY", field: "BANGBAN_DB_KEY" });
    expect((e as DbKeyError).zh).toContain("密钥错误");
    expect((e as DbKeyError).en).toContain("wrong key");
    expect((e as Error).message).not.toContain("file is not a database");
  });

  it("an encrypted file opened without a key says the key is missing", async () => {
    await writeName(url, KEY);
    const e = await openDb(url).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DbKeyError);
    expect((e as DbKeyError).en).toContain("is encrypted");
  });

  it("passes the key to file: URLs only; libSQL servers are configured as before", () => {
    expect(clientConfig("file:data/x.db", { encryptionKey: KEY }).encryptionKey).toBe(KEY);
    for (const remote of ["libsql://db.example", "http://127.0.0.1:8080", "https://db.example"]) {
      expect(clientConfig(remote, { encryptionKey: KEY, authToken: "t" })).toEqual({
        url: remote,
        authToken: "t",
      });
    }
    expect(clientConfig(":memory:", { encryptionKey: KEY }).encryptionKey).toBeUndefined();
  });
});

describe("resolveDbKey", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bangban-key-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the key file without its trailing newline", () => {
    writeFileSync(join(dir, "key"), `${KEY}\n`);
    expect(resolveDbKey(undefined, join(dir, "key"))).toBe(KEY);
    expect(resolveDbKey(KEY, undefined)).toBe(KEY);
    expect(resolveDbKey(undefined, undefined)).toBeNull();
  });

  it("refuses a short key, an unreadable file and both variables at once, naming the variable", () => {
    expect(() => resolveDbKey("short", undefined)).toThrow(/BANGBAN_DB_KEY: .*32 characters/);
    expect(() => resolveDbKey(undefined, join(dir, "missing"))).toThrow(
      /BANGBAN_DB_KEY_FILE: Cannot read/,
    );
    expect(() => resolveDbKey(KEY, join(dir, "key"))).toThrow(DbKeyError);
  });
});
