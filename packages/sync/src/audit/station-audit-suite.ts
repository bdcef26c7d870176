import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SyncError, type SyncErrorKind } from "../protocol/errors";
import { PROTOCOL_VERSION } from "../protocol/version";
import { AuditIntake, type StationAuditStore } from "./accept-audit";
import { type AuditLogRow, auditRowHash, GENESIS_HASH } from "./chain";

const SITE = "330106001001";
const OTHER = "330106001002";
const station = (siteId: string) => ({ siteId, actorIds: [] });

/**
 * A station's audit log of `n` rows as its node writes it: ids from `from`, each row linked to
 * the one before (`prev`: the hash before the first row) and hashed.
 */
export function chainRows(siteId: string, n: number, from = 1, prev = GENESIS_HASH): AuditLogRow[] {
  const rows: AuditLogRow[] = [];
  for (let i = 0; i < n; i++) {
    const content = {
      id: from + i,
      at: `2026-11-23T09:${String(i % 60).padStart(2, "0")}:00.000Z`,
      userId: "u-lead-a",
      siteId,
      action: i % 2 ? "person.reveal" : "auth.login.password",
      caseId: i % 2 ? "01KTEST000000000000000001" : null,
      requestId: `r${from + i}`,
      detail: JSON.stringify({ n: from + i, purpose: "handling", note: "核对" }),
      prevHash: prev,
    };
    const hash = auditRowHash(content);
    rows.push({ ...content, hash });
    prev = hash;
  }
  return rows;
}

/** Re-hashes `rows` from `prev` on: what a forger with the hash function would send. */
export function rechain(rows: AuditLogRow[], prev: string): AuditLogRow[] {
  return rows.map((r) => {
    const prevHash = prev;
    const hash = auditRowHash({ ...r, prevHash });
    prev = hash;
    return { ...r, prevHash, hash };
  });
}

/**
 * A street hub's own audit log as it writes it: one row per entry of `sites`, each naming that
 * site (a station's push is logged under the station's code, a district administrator's sign-in
 * under the district's), chained and hashed from the genesis on.
 */
export function streetLog(sites: readonly string[]): AuditLogRow[] {
  const rows = chainRows(sites[0] ?? "", sites.length).map((r, i) => ({
    ...r,
    siteId: sites[i] ?? "",
  }));
  return rechain(rows, GENESIS_HASH);
}

/** A store the suite writes to, fresh for each test. */
export interface StationAuditHarness {
  store: StationAuditStore;
  teardown(): Promise<void>;
}

/**
 * The hub's check of a station's audit rows, run against a store (as store-suite.ts is for case
 * stores): every attack is refused with its typed kind and stores nothing; a replay stores
 * nothing twice; an honest log continues across batches.
 */
export function runStationAuditTests(name: string, setup: () => Promise<StationAuditHarness>) {
  describe(`station audit sync: ${name}`, () => {
    let h: StationAuditHarness;
    let intake: AuditIntake;
    const push = (rows: AuditLogRow[], siteId = SITE) =>
      intake.push(station(siteId), { protocol: PROTOCOL_VERSION, rows });
    const refused = async (p: Promise<unknown>, kind: SyncErrorKind) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(SyncError);
      expect((e as SyncError).data.kind).toBe(kind);
    };
    const held = async (siteId = SITE) => h.store.range(siteId, 1, Number.MAX_SAFE_INTEGER);

    beforeEach(async () => {
      h = await setup();
      intake = new AuditIntake(h.store);
    });
    afterEach(async () => h.teardown());

    it("stores an honest log across batches, keyed by station site and row id", async () => {
      const rows = chainRows(SITE, 5);
      expect(await push(rows.slice(0, 3))).toEqual({ stored: 3, last: 3 });
      expect(await push(rows.slice(3))).toEqual({ stored: 2, last: 5 });
      await push(chainRows(OTHER, 2), OTHER);
      expect(await held()).toEqual(rows);
      expect((await held(OTHER)).map((r) => [r.siteId, r.id])).toEqual([
        [OTHER, 1],
        [OTHER, 2],
      ]);
    });

    it("ATTACK replayed batch: stores nothing twice; an overlapping batch stores only what is new", async () => {
      const rows = chainRows(SITE, 4);
      await push(rows.slice(0, 3));
      expect(await push(rows.slice(0, 3))).toEqual({ stored: 0, last: 3 });
      expect(await push(rows.slice(1))).toEqual({ stored: 1, last: 4 });
      expect(await held()).toEqual(rows);
    });

    it("ATTACK altered row: content edited after hashing is refused, nothing stored", async () => {
      const rows = chainRows(SITE, 3);
      const edited = rows.map((r) => (r.id === 2 ? { ...r, userId: "u-someone-else" } : r));
      await refused(push(edited), "AUDIT_CHAIN_BROKEN");
      expect(await held()).toEqual([]);
    });

    it("ATTACK altered row re-hashed: the next row's link gives it away", async () => {
      const [a, b, c] = chainRows(SITE, 3) as [AuditLogRow, AuditLogRow, AuditLogRow];
      const edited = { ...b, action: "auth.logout" };
      const forged = { ...edited, hash: auditRowHash({ ...edited, prevHash: a.hash as string }) };
      await refused(push([a, forged, c]), "AUDIT_CHAIN_BROKEN");
      // The hub's copy is the reference once held: a re-hashed tail cannot replace it.
      await push([a, b]);
      await refused(push([forged, c]), "HISTORY_REWRITTEN");
      expect(await held()).toEqual([a, b]);
    });

    it("ATTACK reordered rows are refused, nothing stored", async () => {
      const [a, b, c] = chainRows(SITE, 3) as [AuditLogRow, AuditLogRow, AuditLogRow];
      await refused(push([a, c, b]), "AUDIT_CHAIN_BROKEN");
      // Swapped ids and re-hashed in the new order: the ids line up, the links do not.
      await refused(push([a, { ...c, id: 2 }, { ...b, id: 3 }]), "AUDIT_CHAIN_BROKEN");
      expect(await held()).toEqual([]);
    });

    it("ATTACK skipped row: a hole inside the batch or after the hub's tail is refused", async () => {
      const rows = chainRows(SITE, 5);
      await refused(push([rows[0], rows[1], rows[3]] as AuditLogRow[]), "AUDIT_CHAIN_BROKEN");
      await push(rows.slice(0, 2));
      await refused(push(rows.slice(3)), "AUDIT_CHAIN_BROKEN");
      // Renumbered to close the hole: row 4's link is to row 3's hash, which the hub never got.
      const renumbered = rows.slice(3).map((r) => ({ ...r, id: r.id - 1 }));
      await refused(push(renumbered), "AUDIT_CHAIN_BROKEN");
      expect((await held()).map((r) => r.id)).toEqual([1, 2]);
    });

    it("ATTACK a row for another site is refused, nothing of the batch stored", async () => {
      const rows = chainRows(SITE, 3);
      const other = chainRows(OTHER, 3);
      const mixed = rechain(
        [rows[0] as AuditLogRow, { ...(rows[1] as AuditLogRow), siteId: OTHER }],
        GENESIS_HASH,
      );
      await refused(push(mixed), "FORGED_ACTOR");
      // A station pushing another station's honest log.
      await refused(push(other), "FORGED_ACTOR");
      expect(await held()).toEqual([]);
      expect(await held(OTHER)).toEqual([]);
    });

    it("ATTACK altered earlier row: a row the hub holds, sent again changed, is refused", async () => {
      const rows = chainRows(SITE, 4);
      await push(rows.slice(0, 3));
      // The station's database was edited and its chain rebuilt from row 2 on.
      const rebuilt = [
        rows[0] as AuditLogRow,
        ...rechain(
          rows.slice(1).map((r) => (r.id === 2 ? { ...r, detail: '{"purpose":"other"}' } : r)),
          (rows[0] as AuditLogRow).hash as string,
        ),
      ];
      await refused(push(rebuilt), "HISTORY_REWRITTEN");
      expect(await held()).toEqual(rows.slice(0, 3));
    });

    it("refuses a malformed batch or another protocol with its typed kind", async () => {
      await refused(
        intake.push(station(SITE), { protocol: PROTOCOL_VERSION, rows: [] }),
        "MALFORMED_BATCH",
      );
      await refused(
        intake.push(station(SITE), { protocol: PROTOCOL_VERSION, rows: [{ id: 1 }] }),
        "MALFORMED_BATCH",
      );
      await refused(
        intake.push(station(SITE), { protocol: 99, rows: chainRows(SITE, 1) }),
        "PROTOCOL_VERSION",
      );
      expect(await held()).toEqual([]);
    });

    it("takes a prefix of rows from before the chain, and none after it", async () => {
      const legacy = [1, 2].map((id) => ({
        ...(chainRows(SITE, 1, id)[0] as AuditLogRow),
        prevHash: null,
        hash: null,
      }));
      const chained = chainRows(SITE, 2, 3);
      expect(await push([...legacy, ...chained])).toEqual({ stored: 4, last: 4 });
      const late = { ...(chainRows(SITE, 1, 5)[0] as AuditLogRow), prevHash: null, hash: null };
      await refused(push([late]), "AUDIT_CHAIN_BROKEN");
      expect((await held()).map((r) => r.id)).toEqual([1, 2, 3, 4]);
    });

    it("two pushes of the same rows at once store them once", async () => {
      const rows = chainRows(SITE, 3);
      const results = await Promise.all([push(rows), push(rows)]);
      expect(results.map((r) => r.stored).sort()).toEqual([0, 3]);
      expect(await held()).toEqual(rows);
    });
  });
}
