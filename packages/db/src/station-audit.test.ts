import {
  AuditIntake,
  type AuditPushRequest,
  AuditUplink,
  type AuditUplinkDeps,
  PROTOCOL_VERSION,
} from "@bangban/sync";
import { chainRows, runStationAuditTests, streetLog } from "@bangban/sync/station-audit-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "./audit-chain";
import type { Db } from "./client";
import { LibsqlHubStore } from "./hub-store";
import { appendAudit } from "./queries/audit";
import { listAuditView } from "./queries/audit-view";
import { LibsqlAuditSource, LibsqlStationAudit } from "./station-audit";
import { type TempDb, tempDb } from "./testing";

runStationAuditTests("libsql", async () => {
  const t = await tempDb("hub.db");
  return { store: new LibsqlStationAudit(t.db), teardown: t.cleanup };
});

const SITE = "330106001001";

describe("station_audit_log at the hub (libSQL)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb("hub.db");
  });
  afterEach(async () => t.cleanup());

  it("refuses UPDATE, DELETE and an insert that does not continue the site's chain", async () => {
    const store = new LibsqlStationAudit(t.db);
    const rows = chainRows(SITE, 3);
    await store.append(SITE, rows.slice(0, 2));
    await expect(
      t.db.client.execute("UPDATE station_audit_log SET action = 'x' WHERE id = 1"),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.db.client.execute("DELETE FROM station_audit_log")).rejects.toThrow(
      /append-only: DELETE/,
    );
    // Around the checks a writer could skip: a hole, a wrong link, a row without a hash.
    await expect(store.append(SITE, chainRows(SITE, 1, 4))).rejects.toThrow(/chain/);
    await expect(
      store.append(SITE, [{ ...(rows[2] as (typeof rows)[0]), prevHash: "0".repeat(64) }]),
    ).rejects.toThrow(/chain/);
    await expect(
      store.append(SITE, [{ ...(rows[2] as (typeof rows)[0]), hash: null, prevHash: null }]),
    ).rejects.toThrow(/chain/);
    expect(await store.range(SITE, 1, 9)).toEqual(rows.slice(0, 2));
  });

  it("校验链: verifies a station's synced log and names the first broken row", async () => {
    const store = new LibsqlStationAudit(t.db);
    await store.append(SITE, chainRows(SITE, 4));
    expect(await verifyAuditChain(t.db, SITE)).toEqual({ ok: true, rows: 4, unchained: 0 });
    expect(await verifyAuditChain(t.db, "330106001009")).toEqual({
      ok: true,
      rows: 0,
      unchained: 0,
    });
    // Someone with the database file drops the trigger and edits row 3.
    await t.db.client.execute("DROP TRIGGER station_audit_log_no_update");
    await t.db.client.execute("UPDATE station_audit_log SET user_id = 'x' WHERE id = 3");
    expect(await verifyAuditChain(t.db, SITE)).toEqual({
      ok: false,
      brokenId: 3,
      checked: 2,
      reason: "hash",
    });
  });

  it("a station reads its own rows after a cursor, bounded, exactly as the chain hashed them", async () => {
    const entry = (n: number) => ({
      at: `2026-11-23T01:00:0${n}.000Z`,
      userId: "u1",
      siteId: SITE,
      action: "auth.login.password",
      caseId: null,
      requestId: null,
      detail: { n, note: "带 中文" },
    });
    await appendAudit(t.db, [entry(1), entry(2), entry(3)]);
    const source = new LibsqlAuditSource(t.db);
    expect(await source.countAfter(1)).toBe(2);
    const two = await source.rowsAfter(0, { maxRows: 2, maxBytes: 1 << 20 });
    expect(two.map((r) => r.id)).toEqual([1, 2]);
    expect((await source.rowsAfter(0, { maxRows: 10, maxBytes: 1 })).map((r) => r.id)).toEqual([1]);
    // The rows as read continue a chain the hub verifies: stored there, they check out.
    const hub = new LibsqlStationAudit(t.db);
    await hub.append(SITE, await source.rowsAfter(0, { maxRows: 10, maxBytes: 1 << 20 }));
    expect(await verifyAuditChain(t.db, SITE)).toEqual({ ok: true, rows: 3, unchained: 0 });
  });
});

describe("audit chains relayed street → district (libSQL at both ends)", () => {
  const STREET = "330106001";
  const B = "330106001002";
  let street: TempDb;
  let district: TempDb;
  beforeEach(async () => {
    street = await tempDb("street.db");
    district = await tempDb("district.db");
  });
  afterEach(async () => {
    await street.cleanup();
    await district.cleanup();
  });

  /** The street's loop one round: its own log, then each station's copy, three rows a push. */
  const uplink = (db: Db, push: AuditUplinkDeps["push"]) =>
    new AuditUplink({
      own: new LibsqlAuditSource(db),
      relayed: new LibsqlStationAudit(db),
      cursors: new LibsqlHubStore(db),
      push,
      limit: { maxRows: 3, maxBytes: 1 << 20 },
    });

  it("each chain arrives as the station wrote it; after a crash between the district's store and the street's cursor, a restart sends nothing twice", async () => {
    // The street holds A's and B's logs as they synced up, checked by the same intake.
    const atStreet = new AuditIntake(new LibsqlStationAudit(street.db));
    const logs = { [SITE]: chainRows(SITE, 7), [B]: chainRows(B, 2) };
    for (const [site, rows] of Object.entries(logs)) {
      await atStreet.push({ siteId: site, actorIds: [] }, { protocol: PROTOCOL_VERSION, rows });
    }
    await appendAudit(
      street.db,
      [1, 2, 3, 4].map((n) => ({
        at: `2026-11-23T02:00:0${n}.000Z`,
        userId: "u-sunhua",
        siteId: STREET,
        action: "audit.read",
        caseId: null,
        requestId: `r${n}`,
        detail: { n },
      })),
    );
    const atDistrict = new AuditIntake(new LibsqlStationAudit(district.db));
    const sent: (string | undefined)[] = [];
    const toDistrict = (req: AuditPushRequest) => {
      sent.push(req.site);
      return atDistrict.push({ siteId: STREET, actorIds: [] }, JSON.parse(JSON.stringify(req)));
    };
    // The street's process dies after the district stored A's first batch, before its answer.
    let kill = true;
    await expect(
      uplink(street.db, async (req) => {
        const r = await toDistrict(req);
        if (req.site === SITE && kill) {
          kill = false;
          throw new Error("killed");
        }
        return r;
      }).round(),
    ).rejects.toThrow(/killed/);
    // Restarted on the same file: A's first batch again (stored once), then everything else.
    const again = await street.reopen();
    sent.length = 0;
    const after = uplink(again, toDistrict);
    await after.round();
    expect(sent).toEqual([SITE, SITE, SITE, B]);
    expect(after.status).toEqual({ pending: 0, refusal: null, hubLacksCall: false });
    const heldAt = new LibsqlStationAudit(district.db);
    for (const [site, rows] of Object.entries(logs)) {
      expect(await heldAt.range(site, 1, 99)).toEqual(rows);
      expect(await verifyAuditChain(district.db, site)).toEqual({
        ok: true,
        rows: rows.length,
        unchained: 0,
      });
    }
    expect(await heldAt.range(STREET, 1, 99)).toEqual(
      await new LibsqlAuditSource(again).rowsAfter(0, { maxRows: 99, maxBytes: 1 << 20 }),
    );
    expect(await verifyAuditChain(district.db, STREET)).toEqual({
      ok: true,
      rows: 4,
      unchained: 0,
    });
    // A round with nothing new sends nothing.
    sent.length = 0;
    await uplink(again, toDistrict).round();
    expect(sent).toEqual([]);
  });

  it("the street's own log, its rows naming its stations and district, arrives hash for hash; killed between the district's store and its cursor, it resends one batch, stored once", async () => {
    // The street's own log as its hub writes it: a station's push under the station's code,
    // the district administrator's sign-in under the district's.
    const sites = [STREET, SITE, "330106", B, STREET, SITE, STREET];
    await appendAudit(
      street.db,
      sites.map((siteId, i) => ({
        at: `2026-11-23T02:00:0${i}.000Z`,
        userId: siteId === "330106" ? "u-admin" : "u-sunhua",
        siteId,
        action: siteId.length === 12 ? "sync.push" : "auth.login.password",
        caseId: null,
        requestId: `r${i}`,
        detail: { i },
      })),
    );
    const ownRows = () =>
      new LibsqlAuditSource(street.db).rowsAfter(0, { maxRows: 99, maxBytes: 1 << 20 });
    expect((await ownRows()).map((r) => r.siteId)).toEqual(sites);
    const atDistrict = new AuditIntake(new LibsqlStationAudit(district.db));
    let pushes = 0;
    const toDistrict = async (req: AuditPushRequest) => {
      pushes += 1;
      return atDistrict.push({ siteId: STREET, actorIds: [] }, JSON.parse(JSON.stringify(req)));
    };
    // Killed after the district stored the second batch (rows 4–6), before the street's cursor.
    await expect(
      uplink(street.db, async (req) => {
        const r = await toDistrict(req);
        if (pushes === 2) throw new Error("killed");
        return r;
      }).round(),
    ).rejects.toThrow(/killed/);
    const again = await street.reopen();
    pushes = 0;
    const stored: number[] = [];
    await uplink(again, async (req) => {
      const r = await toDistrict(req);
      stored.push(r.stored);
      return r;
    }).round();
    // Rows 4–6 again, stored none; then row 7.
    expect(stored).toEqual([0, 1]);
    const held = new LibsqlStationAudit(district.db);
    expect(await held.range(STREET, 1, 99)).toEqual(await ownRows());
    expect(await verifyAuditChain(district.db, STREET)).toEqual(await verifyAuditChain(street.db));
    expect(await verifyAuditChain(district.db, STREET)).toEqual({
      ok: true,
      rows: 7,
      unchained: 0,
    });
    // The district's viewer shows each row under the site it names, its link intact.
    const shown = await listAuditView(district.db, { station: STREET, limit: 10 });
    expect(shown.map((r) => [r.id, r.siteId, r.chain])).toEqual(
      sites.map((site, i) => [i + 1, site, "ok"]).reverse(),
    );
    expect(
      await listAuditView(district.db, { station: STREET, userId: "u-admin", limit: 10 }),
    ).toMatchObject([{ id: 3, siteId: "330106", chain: "ok" }]);
  });

  it("a row whose site differs from its chain's is stored as it came: its chain's site keeps the chain, its own names the row", async () => {
    const store = new LibsqlStationAudit(district.db);
    const rows = streetLog([STREET, SITE, "330106"]);
    await store.append(STREET, rows);
    expect(await store.range(STREET, 1, 9)).toEqual(rows);
    expect(await store.tail(STREET)).toEqual(rows[2]);
    const { rows: raw } = await district.db.client.execute(
      "SELECT site_id, row_site_id FROM station_audit_log ORDER BY id",
    );
    expect(raw.map((r) => [r.site_id, r.row_site_id])).toEqual([
      [STREET, null],
      [STREET, SITE],
      [STREET, "330106"],
    ]);
    // The chain is the street's alone: no row of it shows up as the station's chain.
    expect(await store.range(SITE, 1, 9)).toEqual([]);
    expect(await store.sites()).toEqual([STREET]);
  });

  it("a street lists the chains it holds and reads each bounded, as the district verifies it", async () => {
    const store = new LibsqlStationAudit(street.db);
    await store.append(B, chainRows(B, 2));
    await store.append(SITE, chainRows(SITE, 5));
    expect(await store.sites()).toEqual([SITE, B]);
    const a = store.chain(SITE);
    expect(await a.countAfter(2)).toBe(3);
    expect(await a.rowsAfter(1, { maxRows: 2, maxBytes: 1 << 20 })).toEqual(
      chainRows(SITE, 3).slice(1),
    );
    expect((await a.rowsAfter(0, { maxRows: 9, maxBytes: 1 })).map((r) => r.id)).toEqual([1]);
    expect(
      await store.chain("330106001009").rowsAfter(0, { maxRows: 9, maxBytes: 1 << 20 }),
    ).toEqual([]);
  });
});
