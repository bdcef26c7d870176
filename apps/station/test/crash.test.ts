import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSecretForTests } from "@bangban/api";
import { openDb, seedDemo } from "@bangban/db";
import { localDateOf } from "@bangban/domain";
import { freePort, HttpClient, type RunningNode, startStation } from "@bangban/http/testing";
import { afterAll, describe, expect, it } from "vitest";
import { elderlyIntake, STATION_A } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "bangban-crash-"));
let running: RunningNode | null = null;

afterAll(async () => {
  await running?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("crash safety (real station process, SIGKILL)", () => {
  it("a station killed mid-burst restarts with every acknowledged case intact and no half-written case", async () => {
    const env = {
      BANGBAN_SITE: STATION_A,
      BANGBAN_DATA_DIR: dir,
      BANGBAN_PORT: String(await freePort()),
    };
    const seedDb = await openDb(`file:${dir}/station.db`);
    await seedDemo(seedDb, { hashSecret: hashSecretForTests, siteIds: [STATION_A] });
    seedDb.close();

    running = await startStation(env);
    const client = new HttpClient(running.url);
    await client.login("zhangli");

    const promisedBy = localDateOf(new Date(Date.now() + 3 * 86_400_000).toISOString());
    // A burst of writes from four "terminals": intake, then accept with 容缺 on each case.
    const acked = new Map<string, string>(); // caseId → last acknowledged status
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const c = await client.call<{ caseId: string; status: string }>(
            "cases.intake",
            elderlyIntake(),
          );
          if (c.status !== 200 || !c.data) continue;
          acked.set(c.data.caseId, c.data.status);
          const a = await client.call<{ status: string }>("cases.accept", {
            caseId: c.data.caseId,
            deferred: [
              { code: "BANK_OR_SOCIAL_SECURITY_CARD", promisedBy },
              { code: "PHOTO", promisedBy },
            ],
            commitmentSigned: true,
          });
          if (a.status === 200 && a.data) acked.set(c.data.caseId, a.data.status);
          else if (a.error) throw new Error(`accept refused: ${a.error.zh}`);
        } catch (e) {
          if (e instanceof Error && e.message.startsWith("accept refused")) throw e;
          return; // connection refused or reset: the process is gone
        }
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    while (acked.size < 40) await new Promise((r) => setTimeout(r, 20));
    await running.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    expect(running.proc.signalCode).toBe("SIGKILL");
    expect([...acked.values()].filter((s) => s === "ACCEPTED").length).toBeGreaterThan(10);

    running = await startStation(env);
    const after = new HttpClient(running.url);
    await after.login("zhangli");
    for (const [caseId, status] of acked) {
      const got = await after.call<{ status: string }>("cases.get", { caseId }, "query");
      expect(got.status, `case ${caseId}`).toBe(200);
      // The kill may land after a write was stored but before its answer left: then the
      // case is further along than acknowledged, never behind.
      if (status === "ACCEPTED") expect(got.data?.status).toBe("ACCEPTED");
      else expect(["SUBMITTED", "ACCEPTED"]).toContain(got.data?.status);
    }
    // No half-written case: every document has its projection and loads, and vice versa.
    const list = await after.call<{ rows: { caseId: string; status: string }[]; total: number }>(
      "cases.list",
      { limit: 200 },
      "query",
    );
    expect(list.data?.total).toBeGreaterThanOrEqual(acked.size);
    for (const row of list.data?.rows ?? []) {
      const got = await after.call<{ status: string }>(
        "cases.get",
        { caseId: row.caseId },
        "query",
      );
      expect(got.data?.status).toBe(row.status);
    }
    const db = await openDb(`file:${dir}/station.db`);
    const counts = await db.client.execute(
      "SELECT (SELECT count(*) FROM case_docs) AS docs, (SELECT count(*) FROM case_projections) AS projections, (SELECT count(DISTINCT case_id) FROM changes) AS logged",
    );
    db.close();
    const row = counts.rows[0] as unknown as { docs: number; projections: number; logged: number };
    expect(Number(row.docs)).toBe(Number(row.projections));
    expect(Number(row.logged)).toBe(Number(row.projections));
  });
});
