import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DbKeyError } from "@bangban/db";
import { runCli } from "@bangban/http/testing";
import { afterEach, describe, expect, it } from "vitest";
import { readEnv } from "../src/env";
import { buildServices } from "../src/services";
import { elderlyIntake, STATION_A, type StationHarness, stationHarness } from "./harness";

const KEY = "station-test-key-0123456789abcdefghij";

/** Every file under `dir`, concatenated: the database, its log, the attachments. */
function allBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir, { recursive: true })
      .map((f) => join(dir, String(f)))
      .filter((p) => statSync(p).isFile())
      .map((p) => readFileSync(p)),
  );
}

let h: StationHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe("station encryption at rest (BANGBAN_DB_KEY)", () => {
  it("keeps an applicant's name and an attachment's bytes off the disk in clear", async () => {
    h = await stationHarness(STATION_A, undefined, { BANGBAN_DB_KEY: KEY });
    const helper = await h.client().login("zhangli");
    const c = await helper.mutate<{ caseId: string }>("cases.intake", elderlyIntake());
    expect(c.status).toBe(200);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("ATTACHMENT-PLAINTEXT-MARKER"),
    ]);
    const up = await h.app.request(`/api/cases/${c.data?.caseId}/attachments?material=PHOTO`, {
      method: "POST",
      headers: { cookie: helper.cookie },
      body: png,
    });
    expect(up.status).toBe(201);
    const { hash } = (await up.json()) as { hash: string };
    const back = await h.app.request(`/api/attachments/${hash}`, {
      headers: { cookie: helper.cookie },
    });
    expect(Buffer.from(await back.arrayBuffer())).toEqual(png);
    const disk = allBytes(h.dir);
    expect(disk.includes(Buffer.from("王秀英"))).toBe(false);
    expect(disk.includes(Buffer.from("ATTACHMENT-PLAINTEXT-MARKER"))).toBe(false);
  });

  it("a wrong key stops the station at start with a DbKeyError in zh and en", async () => {
    h = await stationHarness(STATION_A, undefined, { BANGBAN_DB_KEY: KEY });
    const env = readEnv({
      BANGBAN_SITE: STATION_A,
      BANGBAN_DATA_DIR: h.dir,
      BANGBAN_DB_KEY: "x".repeat(32),
    });
    const e = await buildServices({ env }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DbKeyError);
    expect(e).toMatchObject({ field: "BANGBAN_DB_KEY" });
    // What an operator sees from the command line: the variable and both languages, no stack.
    const out = await runCli("station", ["seed", "--demo"], {
      BANGBAN_SITE: STATION_A,
      BANGBAN_DATA_DIR: h.dir,
      BANGBAN_DB_KEY: "x".repeat(32),
    }).catch((x: unknown) => String(x));
    expect(out).toContain("BANGBAN_DB_KEY");
    expect(out).toContain("密钥错误");
    expect(out).toContain("wrong key");
    expect(out).not.toMatch(/at .*\.ts:\d+/);
  });

  it("reads the key from BANGBAN_DB_KEY_FILE and refuses a short one, naming the variable", () => {
    expect(() => readEnv({ BANGBAN_SITE: STATION_A, BANGBAN_DB_KEY: "short" })).toThrow(
      /BANGBAN_DB_KEY/,
    );
    expect(readEnv({ BANGBAN_SITE: STATION_A }).dbKey).toBeNull();
  });
});
