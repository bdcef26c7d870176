import { SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { SyncService } from "../station/sync-service";
import { directTransport, type Faults, makeHub, makeStation } from "../sync-kit";
import { newCase } from "../test-kit";
import { MemoryAuditLog } from "./memory-station-audit";
import { chainRows } from "./station-audit-suite";

/** A hub, and a station of it whose sync loop pushes `log` three rows at a time. */
function setup(log: MemoryAuditLog, faults: Faults = {}) {
  const hub = makeHub();
  const st = makeStation(hub, SITES.stationA, faults);
  const sync = new SyncService({
    repo: st.repo,
    store: st.store,
    actorId: st.actorId,
    transport: directTransport(hub, st.identity, faults),
    audit: log,
    auditLimit: { maxRows: 3, maxBytes: 1 << 20 },
  });
  const held = () => hub.stationAudit.range(SITES.stationA, 1, Number.MAX_SAFE_INTEGER);
  return { hub, st, sync, held };
}

describe("the station's audit log syncs up to its hub", () => {
  it("is pushed after the cases, in bounded batches, and the cursor follows the hub's acknowledgement", async () => {
    const log = new MemoryAuditLog(chainRows(SITES.stationA, 7));
    const { hub, st, sync, held } = setup(log);
    await st.repo.create(newCase(1));
    await sync.syncOnce();
    expect(await held()).toEqual(log.rows);
    expect(await hub.store.getProjection(newCase(1).caseId)).not.toBeNull();
    expect(sync.status().audit).toEqual({ pending: 0, refusal: null, hubLacksCall: false });
    // New lines written since go up in the next round, after the ones the hub holds.
    log.rows = chainRows(SITES.stationA, 9);
    await sync.syncOnce();
    expect((await held()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("a cut connection resumes from the cursor and stores nothing twice", async () => {
    const log = new MemoryAuditLog(chainRows(SITES.stationA, 7));
    let cuts = 1;
    let calls = 0;
    const { sync, held } = setup(log, {
      // The second batch is stored at the hub, but its answer never reaches the station.
      afterAudit: () => {
        calls += 1;
        if (calls === 2 && cuts-- > 0) throw new Error("connection reset");
      },
    });
    await expect(sync.syncOnce()).rejects.toThrow(/connection reset/);
    expect(sync.status().state).toBe("offline");
    expect(sync.status().audit.pending).toBe(4);
    await sync.syncOnce();
    expect(await held()).toEqual(log.rows);
    expect(sync.status().audit.pending).toBe(0);
  });

  it("a refused chain is kept for a person and does not stop the cases syncing", async () => {
    const rows = chainRows(SITES.stationA, 6);
    // Someone edited row 5 in the station's database file: the batch of rows 4–6 is refused.
    const log = new MemoryAuditLog(rows.map((r) => (r.id === 5 ? { ...r, action: "x" } : r)));
    const { hub, st, sync, held } = setup(log);
    await st.repo.create(newCase(2));
    await sync.syncOnce();
    const s = sync.status();
    expect(s.state).toBe("idle");
    expect(s.parked).toBe(false);
    expect(s.audit.refusal?.kind).toBe("AUDIT_CHAIN_BROKEN");
    expect(s.audit.pending).toBe(3);
    expect((await held()).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(await hub.store.getProjection(newCase(2).caseId)).not.toBeNull();
  });

  it("a hub older than the call: the round succeeds and the rows wait", async () => {
    const log = new MemoryAuditLog(chainRows(SITES.stationA, 2));
    const hub = makeHub();
    const st = makeStation(hub, SITES.stationA);
    const transport = { ...directTransport(hub, st.identity), pushAudit: async () => null };
    const sync = new SyncService({
      repo: st.repo,
      store: st.store,
      actorId: st.actorId,
      transport,
      audit: log,
    });
    await sync.syncOnce();
    expect(sync.status().state).toBe("idle");
    expect(sync.status().audit).toEqual({ pending: 2, refusal: null, hubLacksCall: true });
  });
});
