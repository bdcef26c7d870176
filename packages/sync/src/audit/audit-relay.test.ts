import { SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import type { SyncErrorKind } from "../protocol/errors";
import { PROTOCOL_VERSION } from "../protocol/version";
import { type Faults, linkStreet, makeDistrict, makeHub } from "../sync-kit";
import { refusalOf } from "../testing";
import { type AuditLogRow, GENESIS_HASH } from "./chain";
import { MemoryAuditLog } from "./memory-station-audit";
import { chainRows, rechain, streetLog } from "./station-audit-suite";

/**
 * Audit logs one level up (SPEC.md "The district tier", audit relay): a street hub relays each
 * of its stations' hash chains to the district exactly as the station wrote it (and the uplink
 * carries a log of the node's own beside them). The district checks every chain with the rule
 * the street used for the station, so a street can neither edit, drop, reorder nor invent a row
 * of a chain the district holds, nor send a chain of a site it does not speak for.
 */

const X = SITES.center; // 330106001, street of stations A and B
const A = SITES.stationA;
const B = SITES.stationB;
const Y = "330106002";
const C = "330106002001";
const DISTRICT = "330106";

/** District 330106 with streets X and Y; X's stations A and B have pushed their logs to X. */
async function tiers(faults: Faults = {}, ownRows = chainRows(X, 4)) {
  const district = makeDistrict();
  const x = makeHub(X);
  const y = makeHub(Y);
  const own = new MemoryAuditLog(ownRows);
  const logs = { [A]: chainRows(A, 7), [B]: chainRows(B, 2), [C]: chainRows(C, 3) };
  for (const site of [A, B]) {
    await x.handler.pushAudit(
      { siteId: site, actorIds: [] },
      { protocol: PROTOCOL_VERSION, rows: logs[site] },
    );
  }
  await y.handler.pushAudit(
    { siteId: C, actorIds: [] },
    { protocol: PROTOCOL_VERSION, rows: logs[C] },
  );
  const xUp = linkStreet(district, x, faults, { ownAudit: own });
  const held = (site: string) => district.stationAudit.range(site, 1, Number.MAX_SAFE_INTEGER);
  /** What street X sends as the district's `sync.pushAudit` (any chain it names). */
  const relay = (rows: AuditLogRow[], site?: string) =>
    district.handler.pushAudit(xUp.identity, {
      protocol: PROTOCOL_VERSION,
      ...(site === undefined ? {} : { site }),
      rows,
    });
  return { district, x, y, own, logs, xUp, held, relay };
}

async function refused(p: Promise<unknown>, kind: SyncErrorKind) {
  expect((await refusalOf(p)).data.kind).toBe(kind);
}

describe("the stations' audit logs go up to the district through their street", () => {
  it("each station's chain arrives unchanged, under its station, and the street's own beside them", async () => {
    const { xUp, held, logs, own } = await tiers();
    await xUp.sync.syncOnce();
    expect(await held(A)).toEqual(logs[A]);
    expect(await held(B)).toEqual(logs[B]);
    expect(await held(X)).toEqual(own.rows);
    expect(xUp.sync.status().audit).toEqual({ pending: 0, refusal: null, hubLacksCall: false });
  });

  it("new rows the street receives later go up after what the district holds", async () => {
    const { x, xUp, held } = await tiers();
    await xUp.sync.syncOnce();
    await x.handler.pushAudit(
      { siteId: A, actorIds: [] },
      { protocol: PROTOCOL_VERSION, rows: chainRows(A, 9).slice(7) },
    );
    expect(xUp.sync.status().audit.pending).toBe(0);
    await xUp.sync.syncOnce();
    expect(await held(A)).toEqual(chainRows(A, 9));
  });

  it("a cut connection and a restarted street resume from the per-chain cursor: nothing twice, nothing lost", async () => {
    let calls = 0;
    let cut = true;
    const faults: Faults = {
      beforeAudit: () => {
        calls += 1;
      },
      // The district stores the second batch, but its answer never reaches the street.
      afterAudit: () => {
        if (calls === 2 && cut) {
          cut = false;
          throw new Error("connection reset");
        }
      },
    };
    const { district, x, xUp, held, logs, own } = await tiers(faults);
    await expect(xUp.sync.syncOnce()).rejects.toThrow(/connection reset/);
    await xUp.sync.syncOnce();
    expect(await held(A)).toEqual(logs[A]);
    expect(await held(B)).toEqual(logs[B]);
    expect(await held(X)).toEqual(own.rows);
    // The street restarts: a new loop on the same store sends nothing the district acknowledged.
    calls = 0;
    const again = linkStreet(district, x, faults, { ownAudit: own });
    await again.sync.syncOnce();
    expect(calls).toBe(0);
    expect(again.sync.status().audit.pending).toBe(0);
  });

  it("a chain the district refuses is kept for a person; the street's other chains still go up", async () => {
    const { district, x, held, logs, own } = await tiers();
    // Street X's database file was edited: row 5 of station A's copy changed.
    const edited = logs[A].map((r) => (r.id === 5 ? { ...r, userId: "u-someone" } : r));
    const x2 = makeHub(X);
    await x2.stationAudit.append(A, edited);
    await x2.stationAudit.append(B, logs[B]);
    const up = linkStreet(district, x2, {}, { ownAudit: own });
    await up.sync.syncOnce();
    const s = up.sync.status();
    expect(s.state).toBe("idle");
    expect(s.audit.refusal).toMatchObject({ kind: "AUDIT_CHAIN_BROKEN", site: A });
    expect(await held(B)).toEqual(logs[B]);
    expect(await held(X)).toEqual(own.rows);
    // Batches go in threes (the kit's limit): rows 1–3 went up, 4–6 were refused whole.
    expect((await held(A)).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(s.audit.pending).toBe(4);
    // Street X's own, honest copy is not affected.
    expect(await x.stationAudit.range(A, 1, 99)).toEqual(logs[A]);
  });
});

describe("ATTACK: a street relaying audit chains to the district", () => {
  it("an altered row of a station's chain is refused, nothing stored", async () => {
    const { relay, held, logs } = await tiers();
    const edited = logs[A].map((r) => (r.id === 2 ? { ...r, action: "auth.logout" } : r));
    await refused(relay(edited, A), "AUDIT_CHAIN_BROKEN");
    // Edited and the rest of the chain re-hashed: the district's held copy gives it away.
    await relay(logs[A].slice(0, 3), A);
    const rebuilt = [
      ...logs[A].slice(0, 1),
      ...rechain(
        logs[A].slice(1).map((r) => (r.id === 2 ? { ...r, detail: "{}" } : r)),
        logs[A][0]?.hash as string,
      ),
    ];
    await refused(relay(rebuilt, A), "HISTORY_REWRITTEN");
    expect(await held(A)).toEqual(logs[A].slice(0, 3));
  });

  it("a row dropped from the middle is refused, inside a batch or after the district's tail", async () => {
    const { relay, held, logs } = await tiers();
    const rows = logs[A];
    await refused(relay([rows[0], rows[1], rows[3]] as AuditLogRow[], A), "AUDIT_CHAIN_BROKEN");
    await relay(rows.slice(0, 2), A);
    await refused(relay(rows.slice(3), A), "AUDIT_CHAIN_BROKEN");
    // Renumbered to close the hole: the links still point at the dropped row.
    const renumbered = rows.slice(3).map((r) => ({ ...r, id: r.id - 1 }));
    await refused(relay(renumbered, A), "AUDIT_CHAIN_BROKEN");
    expect((await held(A)).map((r) => r.id)).toEqual([1, 2]);
  });

  it("reordered rows are refused, nothing stored", async () => {
    const { relay, held, logs } = await tiers();
    const [a, b, c] = logs[A] as [AuditLogRow, AuditLogRow, AuditLogRow];
    await refused(relay([a, c, b], A), "AUDIT_CHAIN_BROKEN");
    // Ids swapped to look in order: the links do not follow.
    await refused(relay([a, { ...c, id: 2 }, { ...b, id: 3 }], A), "AUDIT_CHAIN_BROKEN");
    expect(await held(A)).toEqual([]);
    // Once the district holds them, a reorder re-hashed into a valid-looking chain is a rewrite.
    await relay([a, b, c], A);
    const reordered = rechain([a, { ...c, id: 2 }, { ...b, id: 3 }], a.prevHash as string);
    await refused(relay(reordered, A), "HISTORY_REWRITTEN");
    expect(await held(A)).toEqual([a, b, c]);
  });

  it("another street's station's chain, or another street's own, is refused as forged", async () => {
    const { relay, held, logs } = await tiers();
    // Y's station C's honest log, named as C's: X does not speak for C.
    await refused(relay(logs[C], C), "FORGED_ACTOR");
    // Named as X's own station's, or as X's own chain: the rows say C.
    await refused(relay(logs[C], A), "FORGED_ACTOR");
    await refused(relay(logs[C]), "FORGED_ACTOR");
    // A chain invented for C, its rows saying C: still not X's to send.
    await refused(relay(chainRows(C, 2), C), "FORGED_ACTOR");
    // Street Y's own chain, and the district's.
    await refused(relay(chainRows(Y, 2), Y), "FORGED_ACTOR");
    await refused(relay(chainRows(DISTRICT, 2), DISTRICT), "FORGED_ACTOR");
    for (const site of [C, Y, DISTRICT]) expect(await held(site)).toEqual([]);
  });

  it("a station at its street may send only its own chain, whatever site it names", async () => {
    const { x, logs } = await tiers();
    const push = (site: string) =>
      x.handler.pushAudit(
        { siteId: B, actorIds: [] },
        { protocol: PROTOCOL_VERSION, site, rows: chainRows(A, 9).slice(7) },
      );
    await refused(push(A), "FORGED_ACTOR");
    await refused(push(X), "FORGED_ACTOR");
    expect(await x.stationAudit.range(A, 1, 99)).toEqual(logs[A]);
  });

  it("a malformed site is refused as a malformed batch", async () => {
    const { relay, logs } = await tiers();
    await refused(relay(logs[A], "not-a-site"), "MALFORMED_BATCH");
  });
});

describe("a street's own audit log goes up to the district as its street wrote it", () => {
  /** X's own log: rows about X itself, its stations A and B, and its district. */
  const xLog = streetLog([X, A, DISTRICT, B, X, A, X]);

  it("arrives hash for hash under the street's chain, each row naming its own site", async () => {
    const { xUp, held, own } = await tiers({}, xLog.slice(0, 5));
    await xUp.sync.syncOnce();
    expect(await held(X)).toEqual(xLog.slice(0, 5));
    // The street writes more; the next round sends what follows the district's tail.
    own.rows = xLog;
    await xUp.sync.syncOnce();
    expect(await held(X)).toEqual(xLog);
    expect(xUp.sync.status().audit).toEqual({ pending: 0, refusal: null, hubLacksCall: false });
  });

  it("ATTACK a row naming another street's station, another street or a site outside the district is refused, nothing stored", async () => {
    const { relay, held } = await tiers();
    for (const stranger of [C, Y, "330107", "330107001", "330107001001"]) {
      // The stranger in the middle of an honest-looking chain, hashed by the street itself.
      const forged = streetLog([X, A, stranger, X]);
      await refused(relay(forged), "FORGED_ACTOR");
      await refused(relay(forged, X), "FORGED_ACTOR");
    }
    expect(await held(X)).toEqual([]);
  });

  it("ATTACK a row of the street's own chain altered, re-hashed, dropped or reordered is refused", async () => {
    const { relay, held } = await tiers();
    const [r1, r2, r3, r4] = xLog as [AuditLogRow, AuditLogRow, AuditLogRow, AuditLogRow];
    // Altered: who the row is about moved from station A to station B, hash left as it was.
    await refused(relay([r1, { ...r2, siteId: B }, r3]), "AUDIT_CHAIN_BROKEN");
    // Dropped from the middle, and renumbered to close the hole.
    await refused(relay([r1, r3, r4]), "AUDIT_CHAIN_BROKEN");
    await refused(relay([r1, { ...r3, id: 2 }, { ...r4, id: 3 }]), "AUDIT_CHAIN_BROKEN");
    // Reordered.
    await refused(relay([r1, r3, r2]), "AUDIT_CHAIN_BROKEN");
    expect(await held(X)).toEqual([]);
    // Once the district holds rows 1–3, a rewrite re-hashed into a valid chain is refused.
    await relay([r1, r2, r3]);
    const rewritten = [r1, ...rechain([{ ...r2, siteId: B }, r3, r4], r1.hash as string)];
    await refused(relay(rewritten), "HISTORY_REWRITTEN");
    expect(await held(X)).toEqual([r1, r2, r3]);
  });

  it("ATTACK a street relaying another street's own chain is refused, under either name", async () => {
    const { relay, held } = await tiers();
    const yLog = streetLog([Y, C, DISTRICT]);
    await refused(relay(yLog, Y), "FORGED_ACTOR");
    // Passed off as X's own: its rows name Y and Y's station.
    await refused(relay(yLog), "FORGED_ACTOR");
    expect(await held(Y)).toEqual([]);
    expect(await held(X)).toEqual([]);
  });

  it("a station's chain keeps its rule: every row names the station, not its street or district", async () => {
    const { relay, x, held } = await tiers();
    for (const other of [X, DISTRICT]) {
      const rows = rechain(
        chainRows(A, 3).map((r) => (r.id === 2 ? { ...r, siteId: other } : r)),
        GENESIS_HASH,
      );
      // At the street from the station itself, and at the district relayed by the street.
      await refused(
        x.handler.pushAudit({ siteId: A, actorIds: [] }, { protocol: PROTOCOL_VERSION, rows }),
        "FORGED_ACTOR",
      );
      await refused(relay(rows, A), "FORGED_ACTOR");
    }
    expect(await held(A)).toEqual([]);
  });
});
