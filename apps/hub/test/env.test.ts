import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv } from "../src/env";

describe("hub configuration", () => {
  it("defaults to port 8700 and a libSQL file under data/hub-<site>", () => {
    const env = readEnv({ BANGBAN_SITE: "330106001" });
    expect(env).toMatchObject({
      port: 8700,
      host: "127.0.0.1",
      dataDir: "data/hub-330106001",
      dbUrl: "file:data/hub-330106001/hub.db",
      dbAuthToken: null,
    });
  });

  it("takes any libSQL URL with its token, and refuses what is not one", () => {
    const env = readEnv({
      BANGBAN_SITE: "330106001",
      BANGBAN_DB: "libsql://hub-beishan.example.cn",
      BANGBAN_DB_AUTH_TOKEN: "token",
    });
    expect(env).toMatchObject({ dbUrl: "libsql://hub-beishan.example.cn", dbAuthToken: "token" });
    expect(() => readEnv({ BANGBAN_SITE: "330106001", BANGBAN_DB: "postgres://x" })).toThrow(
      /BANGBAN_DB/,
    );
  });

  it("needs the center's 9-digit code", () => {
    expect(() => readEnv({})).toThrow(/BANGBAN_SITE/);
    expect(() => readEnv({ BANGBAN_SITE: "330106001001" })).toThrow(/9-digit/);
  });

  it("takes the storage key from BANGBAN_DB_KEY or BANGBAN_DB_KEY_FILE, and none in development", () => {
    const dir = mkdtempSync(join(tmpdir(), "bangban-hub-env-"));
    try {
      const key = "hub-key-0123456789abcdefghijklmnopq";
      writeFileSync(join(dir, "key"), `${key}\n`);
      const site = { BANGBAN_SITE: "330106001" };
      expect(readEnv({ ...site, BANGBAN_DB_KEY_FILE: join(dir, "key") }).dbKey).toBe(key);
      expect(readEnv({ ...site, BANGBAN_DB_KEY: key }).dbKey).toBe(key);
      expect(readEnv(site).dbKey).toBeNull();
      expect(() => readEnv({ ...site, BANGBAN_DB_KEY_FILE: join(dir, "nope") })).toThrow(
        /BANGBAN_DB_KEY_FILE/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
