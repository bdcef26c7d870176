import { describe, expect, it } from "vitest";
import { parseHealth } from "../api/health";
import { syncState } from "./sync-state";

const health = (pendingSync: number) => parseHealth({ ok: true, role: "station", pendingSync });

describe("the sync indicator", () => {
  it("is online with nothing pending", () => {
    expect(
      syncState({ browserOnline: true, reachable: true, checking: false, health: health(0) }),
    ).toEqual({
      kind: "online",
      pending: 0,
    });
  });

  it("counts changes waiting for the hub", () => {
    expect(
      syncState({ browserOnline: true, reachable: true, checking: false, health: health(7) }),
    ).toEqual({
      kind: "pending",
      pending: 7,
    });
  });

  it("is offline when the browser is, or the station does not answer, keeping the last count", () => {
    expect(
      syncState({ browserOnline: false, reachable: true, checking: false, health: health(3) }).kind,
    ).toBe("offline");
    expect(
      syncState({ browserOnline: true, reachable: false, checking: false, health: health(3) }),
    ).toEqual({
      kind: "offline",
      pending: 3,
    });
  });

  it("reads /healthz defensively", () => {
    expect(parseHealth({ nope: 1 })).toBeNull();
    expect(parseHealth({ ok: false })?.pendingSync).toBe(0);
  });
});
