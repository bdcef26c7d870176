import {
  appendAudit,
  type Db,
  type DistrictLink,
  LibsqlAuditSource,
  LibsqlStationAudit,
  verifyAuditChain,
} from "@bangban/db";
import {
  type AuditLogRow,
  HttpSyncTransport,
  PROTOCOL_VERSION,
  type SyncErrorKind,
} from "@bangban/sync";
import { chainRows, rechain, streetLog } from "@bangban/sync/station-audit-suite";
import { refusalOf } from "@bangban/sync/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enrolStreet, toApp, upstreamOf } from "./district-link";
import { CENTER, type HubHarness, hubHarness, STATION_A } from "./harness";

/**
 * A street hub's own audit log (reviews, approvals, sign-ins at the street center) goes up to
 * its district beside its stations' chains (SPEC.md "The district tier", audit relay). Its rows
 * name the site they concern — the street, one of its stations, its district — and the district
 * keeps them so, hash for hash, under the street's chain; any other site, or a rewritten chain,
 * is refused with nothing stored. In process: the street's loop over the district's HTTP app,
 * a libSQL file at each end.
 */

const DISTRICT = "330106";
const Y = "330106002";
const STATION_C = "330106002001";

let district: HubHarness;
let street: HubHarness;
beforeEach(async () => {
  district = await hubHarness(undefined, DISTRICT);
  street = await hubHarness();
});
afterEach(async () => {
  await street.close();
  await district.close();
});

const everything = { maxRows: 10_000, maxBytes: 1 << 30 };
/** The street's own log as its hub wrote it. */
const ownLog = (db: Db) => new LibsqlAuditSource(db).rowsAfter(0, everything);
/** The chain of `site` as the district holds it. */
const heldAt = (site: string) =>
  new LibsqlStationAudit(district.services.db).range(site, 1, Number.MAX_SAFE_INTEGER);

/**
 * A morning at the street: the center lead and the district's administrator sign in, and
 * station A's push is logged under the station's code, as the sync router logs it (one line in
 * the push's own commit, through the same chain writer).
 */
async function signIns() {
  for (const who of ["sunhua", "admin"]) await street.as(who);
  await appendAudit(street.services.db, [
    {
      at: street.services.clock().toISOString(),
      userId: `station:${STATION_A}`,
      siteId: STATION_A,
      action: "sync.push",
      caseId: null,
      requestId: null,
      detail: { changes: 3 },
    },
  ]);
}

/** `sync.pushAudit` at the district as the enrolled street sends it, over HTTP. */
function asStreet(link: DistrictLink) {
  const transport = new HttpSyncTransport({
    hubUrl: "http://district.test",
    credential: link.credential,
    fetch: toApp(district),
  });
  return (rows: AuditLogRow[], site?: string) =>
    transport.pushAudit({
      protocol: PROTOCOL_VERSION,
      ...(site === undefined ? {} : { site }),
      rows,
    });
}

async function refused(p: Promise<unknown>, kind: SyncErrorKind) {
  expect((await refusalOf(p)).data.kind).toBe(kind);
}

describe("a street's own audit log at its district", () => {
  it("goes up with the street's round hash for hash, verifies as at the street, and the district's 审计日志 lists it under the street", async () => {
    const link = await enrolStreet(district, street);
    await signIns();
    await street.services.syncHandler.pushAudit(
      { siteId: STATION_A, actorIds: [] },
      { protocol: PROTOCOL_VERSION, rows: chainRows(STATION_A, 3) },
    );
    const up = upstreamOf(district, street, link);
    await up.syncOnce();
    expect(up.status().audit.refusal).toBeNull();
    const written = await ownLog(street.services.db);
    // Its rows name the street, its station and its district, as the street wrote them.
    expect(new Set(written.map((r) => r.siteId))).toEqual(new Set([CENTER, STATION_A, DISTRICT]));
    const sent = await heldAt(CENTER);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).toEqual(written.slice(0, sent.length));
    const db = district.services.db;
    expect(await verifyAuditChain(db, CENTER)).toEqual({
      ok: true,
      rows: sent.length,
      unchained: 0,
    });
    // The station's chain beside it is untouched by the street's.
    expect(await heldAt(STATION_A)).toEqual(chainRows(STATION_A, 3));

    // More at the street: the next round sends what follows, and the two verdicts agree.
    await signIns();
    await up.syncOnce();
    const now = await ownLog(street.services.db);
    const held = await heldAt(CENTER);
    expect(held).toEqual(now.slice(0, held.length));
    expect(held.length).toBeGreaterThan(sent.length);
    const { rows: atStreet } = (await verifyAuditChain(street.services.db)) as { rows: number };
    expect(await verifyAuditChain(db, CENTER)).toEqual({
      ok: true,
      rows: held.length,
      unchained: 0,
    });
    expect(atStreet).toBe(now.length);

    // The district's administrator finds it under the street, reads it, and 校验链 passes.
    const admin = await district.as("admin");
    const sites =
      await admin.query<{ siteId: string; kind: string; own: boolean; street?: string }[]>(
        "audit.sites",
      );
    const streetChain = sites.data?.find((s) => s.siteId === CENTER);
    expect(streetChain).toMatchObject({ kind: "center", own: false, street: expect.any(String) });
    const stationChain = sites.data?.find((s) => s.siteId === STATION_A);
    expect(stationChain?.street).toBe(streetChain?.street);
    const page = await admin.query<{
      rows: {
        id: number;
        siteId: string;
        chain: string;
        userId: string;
        userName: string | null;
      }[];
    }>("audit.list", { site: CENTER, limit: 100 });
    expect(page.data?.rows.map((r) => [r.id, r.siteId, r.chain])).toEqual(
      held.map((r) => [r.id, r.siteId, "ok"]).reverse(),
    );
    // Its people by the names the street reported, though the district holds no account of
    // theirs; and the person filter offers them.
    const lead = page.data?.rows.find((r) => r.userId === "u-sunhua");
    expect(lead?.userName).toBe("孙华");
    const people = await admin.query<{ id: string; displayName: string }[]>("audit.people", {
      site: CENTER,
    });
    expect(people.data?.map((p) => p.id)).toContain("u-sunhua");
    expect((await admin.mutate("audit.verify", { site: CENTER })).data).toMatchObject({
      result: { ok: true, rows: held.length },
    });
  });

  it("a street killed between the district's store and its cursor resends that batch, stored once", async () => {
    const link = await enrolStreet(district, street);
    await signIns();
    let kill = true;
    let audits = 0;
    const dies = upstreamOf(district, street, link, {
      fetch: async (url, init) => {
        const r = await district.app.request(url, init);
        if (String(url).includes("sync.pushAudit")) {
          audits += 1;
          if (kill) {
            kill = false;
            throw new Error("killed");
          }
        }
        return r;
      },
    });
    await expect(dies.syncOnce()).rejects.toThrow(/killed/);
    const stored = await heldAt(CENTER);
    expect(stored.length).toBeGreaterThan(0);
    expect(audits).toBe(1);
    // Restarted: a new loop on the same database sends that batch again; the district keeps one copy.
    const again = upstreamOf(district, street, link);
    await again.syncOnce();
    expect(again.status().audit.refusal).toBeNull();
    const held = await heldAt(CENTER);
    expect(held.slice(0, stored.length)).toEqual(stored);
    expect(held).toEqual((await ownLog(street.services.db)).slice(0, held.length));
    expect(await verifyAuditChain(district.services.db, CENTER)).toMatchObject({
      ok: true,
      rows: held.length,
    });
  });
});

describe("ATTACK: a street's own audit chain at its district (over HTTP)", () => {
  it("a row naming another street's station, another street or a site outside the district is refused, nothing stored", async () => {
    const push = asStreet(await enrolStreet(district, street));
    for (const stranger of [STATION_C, Y, "330107001", "330107001001", "330107"]) {
      const forged = streetLog([CENTER, STATION_A, stranger, DISTRICT]);
      await refused(push(forged), "FORGED_ACTOR");
      await refused(push(forged, CENTER), "FORGED_ACTOR");
    }
    expect(await heldAt(CENTER)).toEqual([]);
  });

  it("a row of it altered, re-hashed, dropped or reordered is refused", async () => {
    const push = asStreet(await enrolStreet(district, street));
    await signIns();
    await signIns();
    const rows = await ownLog(street.services.db);
    const [r1, r2, r3, r4] = rows as [AuditLogRow, AuditLogRow, AuditLogRow, AuditLogRow];
    // The district administrator's sign-in passed off as the center lead's.
    const moved = rows.map((r) => (r.siteId === DISTRICT ? { ...r, siteId: CENTER } : r));
    await refused(push(moved), "AUDIT_CHAIN_BROKEN");
    await refused(push([r1, r3, r4]), "AUDIT_CHAIN_BROKEN");
    await refused(push([r1, { ...r3, id: 2 }, { ...r4, id: 3 }]), "AUDIT_CHAIN_BROKEN");
    await refused(push([r1, r3, r2]), "AUDIT_CHAIN_BROKEN");
    expect(await heldAt(CENTER)).toEqual([]);
    // Held at the district: a re-hashed rewrite of rows it holds is refused.
    await push(rows.slice(0, 3));
    const rewritten = [r1, ...rechain([{ ...r2, userId: "u-someone" }, r3, r4], r1.hash as string)];
    await refused(push(rewritten), "HISTORY_REWRITTEN");
    expect(await heldAt(CENTER)).toEqual(rows.slice(0, 3));
  });

  it("another street's own chain is refused, named as that street's or as the sender's own", async () => {
    const push = asStreet(await enrolStreet(district, street));
    const yLog = streetLog([Y, STATION_C, DISTRICT]);
    await refused(push(yLog, Y), "FORGED_ACTOR");
    await refused(push(yLog), "FORGED_ACTOR");
    expect(await heldAt(Y)).toEqual([]);
    expect(await heldAt(CENTER)).toEqual([]);
  });
});
