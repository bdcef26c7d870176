import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getMeta, HUB_BULK } from "@bangban/db";
import { HttpClient, type RunningNode } from "@bangban/http/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  elderlyIntake,
  STATION_A,
  type StationHarness,
  seededHub,
  stationHarness,
} from "./harness";

/**
 * A station whose first link brings a long history (here: three cases, with BANGBAN_BULK_FROM
 * at 3) sends it in bulk frames to a real hub process (SPEC.md "Bulk catch-up"): the hub stores
 * the cases at once as the station's claims and verifies them in the background; a case its
 * staff open is verified first. Later changes go by the normal push.
 */
const dir = mkdtempSync(join(tmpdir(), "bangban-bulk-link-"));
let hub: RunningNode;
let h: StationHarness;
let codes: string[];
/** The cases the first test takes at the station. */
const ids: string[] = [];

beforeAll(async () => {
  // A code for the station's PC, and one for a second PC of the same site.
  ({ hub, codes } = await seededHub(dir, STATION_A, 2));
  h = await stationHarness(STATION_A, new Date().toISOString(), { BANGBAN_BULK_FROM: "3" });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await hub?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Health {
  bulk?: { waiting: number; verified: number; refused: number };
}
const hubHealth = async () => (await (await fetch(`${hub.url}/healthz`)).json()) as Health;

interface Detail {
  caseId: string;
  status: string;
  syncState: "synced" | "pending" | null;
  timeline: { type: string }[];
}

describe("a station's first link with a long history", () => {
  it("goes up in bulk frames: stored at the hub at once, verified there before anyone opens a case, and later changes go by the normal push", async () => {
    const helper = await h.client().login("zhangli");
    for (let i = 0; i < 3; i++) {
      const made = await helper.mutate<Detail>("cases.intake", elderlyIntake());
      ids.push(made.data?.caseId as string);
    }
    // Taken while the station was not linked yet: enrolled now, the first round sends them.
    await h.services.sync.enrolOnly(hub.url, codes[0] as string);
    const now = await helper.mutate<{ pending: number; lastError: unknown }>("system.syncNow");
    expect(now.data).toMatchObject({ pending: 0, lastError: null });
    expect(await getMeta(h.services.db, HUB_BULK.done)).toMatch(/^\d{4}-/);
    for (const id of ids) {
      expect((await helper.query<Detail>("cases.get", { caseId: id })).data?.syncState).toBe(
        "synced",
      );
    }

    // Held at the hub as the station's claims (its background pass may have begun).
    const held = (await hubHealth()).bulk;
    expect(held && held.waiting + held.verified).toBe(3);
    expect(held?.refused).toBe(0);

    // The reviewer opens one: the hub verifies it on the way and shows its own reading.
    const reviewer = new HttpClient(hub.url);
    await reviewer.login("chenjing");
    const opened = await reviewer.call<Detail>("cases.get", { caseId: ids[0] }, "query");
    expect(opened.status).toBe(200);
    expect(opened.data?.timeline.map((e) => e.type)).toEqual(["intake"]);
    expect((await hubHealth()).bulk?.verified).toBeGreaterThanOrEqual(1);

    // A later step at the station goes by the normal push, onto the verified history.
    const again = await h.client().login("zhangli");
    const note = await again.mutate<Detail>("cases.note", {
      caseId: ids[0],
      text: "申请人电话确认材料已齐",
    });
    expect(note.status).toBe(200);
    const second = await again.mutate<{ pending: number; lastError: unknown }>("system.syncNow");
    expect(second.data).toMatchObject({ pending: 0, lastError: null });
    const after = await reviewer.call<Detail>("cases.get", { caseId: ids[0] }, "query");
    expect(after.data?.timeline.length).toBeGreaterThan(1);
  });

  it("comes down whole to a new PC of the site (a first pull in bulk pages), as the hub reads it", async () => {
    // A case is in a feed once the hub verified it: the reviewer opens the other two as well.
    const reviewer = new HttpClient(hub.url);
    await reviewer.login("chenjing");
    const atHub: Detail[] = [];
    for (const id of ids) {
      atHub.push(
        (await reviewer.call<Detail>("cases.get", { caseId: id }, "query")).data as Detail,
      );
    }
    expect((await hubHealth()).bulk).toMatchObject({ waiting: 0, verified: 3, refused: 0 });

    const pc = await stationHarness(STATION_A, new Date().toISOString(), {
      BANGBAN_BULK_FROM: "3",
    });
    try {
      const { repo } = pc.services;
      const whole: string[] = [];
      const storeWhole = repo.storeWhole.bind(repo);
      repo.storeWhole = (cases) => {
        whole.push(...cases.map((c) => c.caseId));
        return storeWhole(cases);
      };
      await pc.services.sync.enrolOnly(hub.url, codes[1] as string);
      const helper = await pc.client().login("zhangli");
      const round = await helper.mutate<{ pending: number; lastError: unknown }>("system.syncNow");
      expect(round.data).toMatchObject({ pending: 0, lastError: null });
      // Stored whole (without loading a document), not merged change by change.
      expect(whole).toEqual(expect.arrayContaining(ids));
      for (const [i, id] of ids.entries()) {
        const here = (await helper.query<Detail>("cases.get", { caseId: id })).data;
        expect(here?.status).toBe(atHub[i]?.status);
        expect(here?.timeline.map((e) => e.type)).toEqual(atHub[i]?.timeline.map((e) => e.type));
        expect(here?.syncState).toBe("synced");
      }
    } finally {
      await pc.close();
    }
  });
});
