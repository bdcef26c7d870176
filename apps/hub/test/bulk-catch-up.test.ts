import { bulkCatchUp, DISTRICT_BULK, DISTRICT_LINK, getMeta, streetDirectory } from "@bangban/db";
import {
  decodeBulkFrame,
  encodeBulkCase,
  HttpSyncTransport,
  joinBulkFrame,
  PUSH_CURSOR,
  SyncError,
} from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { elderlyIntake, ok } from "./cases";
import { enrolStreet, toApp, upstreamOf } from "./district-link";
import { CENTER, type HubHarness, hubHarness } from "./harness";

/**
 * Bulk catch-up over the district's HTTP app, on real libSQL files (SPEC.md "Bulk catch-up"):
 * a street's first link sends its history as frames of whole cases; the district stores them at
 * once as claims and verifies them later, then holds exactly what the street holds.
 */
describe("a street's first link sends its history in bulk frames", () => {
  let district: HubHarness;
  let street: HubHarness;
  beforeEach(async () => {
    district = await hubHarness(undefined, "330106");
    street = await hubHarness();
  });
  afterEach(async () => {
    await street.close();
    await district.close();
  });

  const toDistrict = (u: string, i: RequestInit) => toApp(district)(u, i);

  const enrol = () => enrolStreet(district, street);

  /** The street's catch-up as its upstream runs it (`frameCases`: smaller frames). */
  const catchUp = (
    from: number,
    transport: Parameters<typeof bulkCatchUp>[1],
    frameCases?: number,
  ) =>
    bulkCatchUp(
      {
        db: street.services.db,
        store: street.services.repo.store,
        own: { actorPrefix: CENTER },
        keys: DISTRICT_BULK,
        from,
        ...(frameCases ? { frameCases } : {}),
      },
      transport,
    );

  /** The street enrolled, its transport to the district, and (`staff`) its staff reported first. */
  async function linked(staff: boolean) {
    const link = await enrol();
    const transport = new HttpSyncTransport({
      hubUrl: link.url,
      credential: link.credential,
      fetch: toDistrict,
    });
    if (staff) {
      await transport.pushDirectory(
        await streetDirectory(street.services.db, CENTER, new Date().toISOString()),
      );
    }
    return { link, transport };
  }

  async function casesAtCenter(n: number): Promise<string[]> {
    const helper = await street.as("sunhua");
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await ok<{ caseId: string }>(
        helper,
        "cases.intake",
        elderlyIntake(`1381234${String(5000 + i)}`),
      );
      ids.push(r.caseId);
    }
    return ids;
  }

  /** Every change hash a node holds under the street's code. */
  async function ownHashes(h: HubHarness): Promise<string[]> {
    const { rows } = await h.services.db.client.execute({
      sql: "SELECT hash FROM changes WHERE substr(actor, 1, 9) = ? ORDER BY hash",
      args: [CENTER],
    });
    return rows.map((r) => String(r.hash));
  }

  it("stores the cases at once (counted), verifies them later, and resumes after the last frame surely held", async () => {
    const ids = await casesAtCenter(5);
    // The staff first, as the street's round sends them: the district judges by them.
    const { link, transport } = await linked(true);
    // The second frame is lost on the way, the third (sent beside it) arrives: the catch-up
    // stops and keeps its place after the first, the last one acknowledged in order.
    let frames = 0;
    let ends = 0;
    const answers: { stored: number; already: number }[] = [];
    const flaky = {
      pushBulk: async (frame: Uint8Array) => {
        if (decodeBulkFrame(frame).cases.length === 0) {
          ends += 1;
          return transport.pushBulk(frame);
        }
        frames += 1;
        if (frames === 2) throw new Error("connection reset");
        const r = await transport.pushBulk(frame);
        if (r) answers.push({ stored: r.stored, already: r.already });
        return r;
      },
    };
    await expect(catchUp(1, flaky, 2)).rejects.toThrow(/connection reset/);
    expect(frames).toBe(3);
    expect(ends).toBe(0);
    expect(await getMeta(street.services.db, DISTRICT_LINK.bulkDone)).toBeNull();
    expect(await district.services.bulk?.counts()).toEqual({
      waiting: 3,
      verified: 0,
      refused: 0,
    });
    // Its end frame wakes the district's verification at once (no waiting out a quiet).
    const loop = district.services.bulk?.loop;
    if (!loop) throw new Error("no verify loop");
    const nudged = vi.spyOn(loop, "nudge");
    await catchUp(1, flaky, 2);
    expect(ends).toBe(1);
    expect(nudged).toHaveBeenCalledTimes(1);
    expect(district.services.syncHandler.bulkLanding(Number.POSITIVE_INFINITY)).toBe(false);
    // 2 + 2 + 1 cases: the lost frame again, and the one sent beside it, whose case the
    // district keeps once (frames on their way together answer in either order).
    expect(frames).toBe(5);
    const sorted = (xs: typeof answers) => xs.map((x) => JSON.stringify(x)).sort();
    expect(sorted(answers.slice(0, 2))).toEqual(
      sorted([
        { stored: 2, already: 0 },
        { stored: 1, already: 0 },
      ]),
    );
    expect(sorted(answers.slice(2))).toEqual(
      sorted([
        { stored: 2, already: 0 },
        { stored: 0, already: 1 },
      ]),
    );
    expect(await getMeta(street.services.db, DISTRICT_LINK.bulkDone)).not.toBeNull();
    expect(await street.services.repo.store.getCursor(PUSH_CURSOR)).toBe(
      await street.services.repo.store.lastSeq(),
    );

    // Counted at once: the district's figures see the cases before any is verified.
    const counted = await district.services.db.client.execute(
      "SELECT count(*) AS n FROM case_projections",
    );
    expect(Number(counted.rows[0]?.n)).toBe(5);
    expect(await ownHashes(district)).toEqual([]);
    const health = (await (await district.app.request("/healthz")).json()) as {
      bulk: unknown;
    };
    expect(health.bulk).toEqual({ waiting: 5, verified: 0, refused: 0 });
    // The district's administrator sees which street's figures are still its own claims.
    const admin = await district.as("admin");
    const bulkOf = async () =>
      (
        await admin.query<{ streets: { siteId: string; bulk: unknown }[] }>("district.freshness")
      ).data?.streets.find((s) => s.siteId === CENTER)?.bulk;
    expect(await bulkOf()).toEqual({ waiting: 5, verified: 0, refused: 0 });

    const verifier = district.services.syncHandler.verifier;
    const passed = await verifier?.pass(100);
    expect(passed).toEqual({ verified: 5, refused: 0, waiting: 0 });
    expect(await ownHashes(district)).toEqual(await ownHashes(street));
    expect(await bulkOf()).toEqual({ waiting: 0, verified: 5, refused: 0 });
    for (const id of ids) {
      const [atDistrict, atStreet] = await Promise.all([
        district.services.repo.store.getProjection(id),
        street.services.repo.store.getProjection(id),
      ]);
      expect(atDistrict).toEqual({ ...atStreet, updatedAt: atDistrict?.updatedAt });
    }

    // The street's normal round afterwards sends only what is new.
    await casesAtCenter(1);
    const up = upstreamOf(district, street, link, { bulkFrom: 1 });
    await up.syncOnce();
    expect(up.status().pending).toBe(0);
    expect(await ownHashes(district)).toEqual(await ownHashes(street));
    expect(await district.services.bulk?.counts()).toEqual({
      waiting: 0,
      verified: 5,
      refused: 0,
    });
  });

  it("a frame the district refuses for good leaves the catch-up to the normal push, which sends everything", async () => {
    await casesAtCenter(3);
    const { link } = await linked(true);
    const refusing = {
      pushBulk: () =>
        Promise.reject(
          new SyncError({ kind: "MALFORMED_BATCH", zh: "同步数据格式错误", en: "bad frame" }),
        ),
    };
    await catchUp(1, refusing);
    expect(await getMeta(street.services.db, DISTRICT_LINK.bulkDone)).toMatch(
      /^refused: MALFORMED_BATCH/,
    );
    expect(await street.services.repo.store.getCursor(PUSH_CURSOR)).toBe(0);
    const up = upstreamOf(district, street, link, { bulkFrom: 1 });
    await up.syncOnce();
    expect(up.status().pending).toBe(0);
    expect(await ownHashes(district)).toEqual(await ownHashes(street));
  });

  it("a district older than end frames refuses the end (typed): the catch-up still ends, its cursor moved", async () => {
    await casesAtCenter(3);
    const { transport } = await linked(true);
    const older = {
      pushBulk: (frame: Uint8Array) =>
        decodeBulkFrame(frame).cases.length === 0
          ? Promise.reject(
              new SyncError({ kind: "MALFORMED_BATCH", zh: "同步数据格式错误", en: "no cases" }),
            )
          : transport.pushBulk(frame),
    };
    await catchUp(1, older);
    expect(await getMeta(street.services.db, DISTRICT_LINK.bulkDone)).toMatch(/^\d{4}-/);
    expect(await street.services.repo.store.getCursor(PUSH_CURSOR)).toBe(
      await street.services.repo.store.lastSeq(),
    );
    expect(await district.services.bulk?.counts()).toMatchObject({ waiting: 3 });
  });

  it("a street whose history is short, or that pushed before, never sends bulk frames", async () => {
    await casesAtCenter(2);
    const { transport } = await linked(false);
    await catchUp(1_000, transport);
    expect(await getMeta(street.services.db, DISTRICT_LINK.bulkDone)).toBe("not needed");
    expect(await district.services.bulk?.counts()).toEqual({
      waiting: 0,
      verified: 0,
      refused: 0,
    });
  });

  it("a station's bulk frame at its street hub meets the same checks: a bad one is refused typed, nothing stored (over HTTP)", async () => {
    const admin = await street.as("admin");
    const made = await admin.mutate<{ code: string }>("admin.enrolment.createCode", {
      siteId: "330106001001",
    });
    const enrolled = await new HttpSyncTransport({
      hubUrl: "http://street.test",
      credential: null,
      fetch: (u, i) => Promise.resolve(street.app.request(u, i)),
    }).enrol({
      protocol: 2,
      code: made.data?.code as string,
      actorIds: ["330106001001000000000000000000aa"],
    });
    const asStation = new HttpSyncTransport({
      hubUrl: "http://street.test",
      credential: enrolled.credential,
      fetch: (u, i) => Promise.resolve(street.app.request(u, i)),
    });
    const frame = joinBulkFrame(2, [
      encodeBulkCase("01KBULKSTATION000000000001", "{}", [new Uint8Array([1, 2, 3])]),
    ]);
    const refused = await asStation.pushBulk(frame).catch((e) => e);
    expect(refused).toBeInstanceOf(SyncError);
    expect((refused as SyncError).data.kind).toBe("MALFORMED_BATCH");
    expect(await street.services.bulk?.counts()).toEqual({ waiting: 0, verified: 0, refused: 0 });
    const { rows } = await street.services.db.client.execute(
      "SELECT count(*) AS n FROM case_projections",
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
