import { describe, expect, it } from "vitest";
import { parseHealth, parseHubLink } from "../api/health";
import { canSyncNow, caseSyncBadge, progressOf, syncState } from "./sync-state";

const health = (pendingSync: number, sync?: unknown) =>
  parseHealth({ ok: true, role: "station", pendingSync, sync });
const up = { browserOnline: true, reachable: true, checking: false };
const link = (over: Record<string, unknown> = {}) => ({
  state: "idle",
  online: true,
  lastSuccessAt: "2026-11-23T06:00:00.000Z",
  lastError: null,
  catchUp: null,
  ...over,
});

describe("the sync indicator", () => {
  it("is online with nothing pending", () => {
    expect(syncState({ ...up, health: health(0, link()) })).toEqual({
      kind: "online",
      pending: 0,
      progress: null,
      lastSuccessAt: "2026-11-23T06:00:00.000Z",
    });
  });

  it("counts changes waiting for the hub", () => {
    expect(syncState({ ...up, health: health(7) })).toMatchObject({ kind: "pending", pending: 7 });
  });

  it("is offline when the browser is, or the station does not answer, keeping the last count", () => {
    expect(syncState({ ...up, browserOnline: false, health: health(3) }).kind).toBe("offline");
    expect(syncState({ ...up, reachable: false, health: health(3) })).toMatchObject({
      kind: "offline",
      pending: 3,
    });
  });

  it("tells a station that cannot reach its hub from one that is down", () => {
    const h = health(4, link({ state: "offline", online: false, lastError: "NETWORK" }));
    expect(syncState({ ...up, health: h })).toMatchObject({ kind: "hubOffline", pending: 4 });
  });

  it("says when a station is not enrolled yet", () => {
    const h = health(0, link({ state: "not_enrolled", online: false, lastSuccessAt: null }));
    expect(syncState({ ...up, health: h }).kind).toBe("notEnrolled");
  });

  it("shows a long catch-up's progress", () => {
    const catchUp = {
      changesDone: 250,
      changesTotal: 1000,
      bytesDone: 2 * 1024 * 1024,
      bytesTotal: 8 * 1024 * 1024,
      cases: 120,
    };
    const s = syncState({ ...up, health: health(0, link({ state: "syncing", catchUp })) });
    expect(s.kind).toBe("catchingUp");
    expect(s.progress).toEqual({
      percent: 25,
      changesDone: 250,
      changesTotal: 1000,
      mbDone: 2,
      mbTotal: 8,
      cases: 120,
    });
  });

  it("never shows 100% while changes are still coming, and counts changes without bytes", () => {
    expect(
      progressOf({ changesDone: 999, changesTotal: 1000, bytesDone: 0, bytesTotal: 0, cases: 1 })
        .percent,
    ).toBe(99);
    expect(
      progressOf({ changesDone: 0, changesTotal: 0, bytesDone: 0, bytesTotal: 0, cases: 0 })
        .percent,
    ).toBe(0);
  });

  it("is simply up at the hub", () => {
    const h = parseHealth({ ok: true, role: "hub", stations: 2 });
    expect(syncState({ ...up, health: h }).kind).toBe("hub");
  });

  it("reads /healthz defensively", () => {
    expect(parseHealth({ nope: 1 })).toBeNull();
    expect(parseHealth({ ok: false })?.pendingSync).toBe(0);
    expect(parseHealth({ ok: true, sync: { state: 3 } })?.sync).toBeNull();
    expect(
      parseHubLink({ state: "error", lastError: { kind: "REVOKED", zh: "…" } })?.lastError,
    ).toBe("REVOKED");
    expect(parseHubLink({ state: "syncing", catchUp: { changesDone: "x" } })?.catchUp).toBeNull();
  });
});

describe("what a station user sees of sync on a case and in the indicator", () => {
  it("marks a case 已同步 or 待上传 at a station, and nothing at the hub", () => {
    expect(caseSyncBadge("synced")).toEqual({ key: "sync.case.synced", colour: "success" });
    expect(caseSyncBadge("pending")).toEqual({ key: "sync.case.pending", colour: "warning" });
    expect(caseSyncBadge(null)).toBeNull();
    expect(caseSyncBadge(undefined)).toBeNull();
  });

  it("offers 立即同步 to a signed-in user of an enrolled station its browser reaches", () => {
    for (const kind of ["online", "pending", "hubOffline"] as const) {
      expect(canSyncNow(kind, true)).toBe(true);
      expect(canSyncNow(kind, false)).toBe(false);
    }
    for (const kind of ["hub", "notEnrolled", "offline", "checking", "catchingUp"] as const) {
      expect(canSyncNow(kind, true)).toBe(false);
    }
  });
});
