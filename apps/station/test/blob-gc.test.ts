import { existsSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, type StationHarness, stationHarness } from "./harness";

const jpeg = (s: string) =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(s)]);

/**
 * The station's own scheduler collects, once a day, the scans no case references: here an
 * upload whose bytes were stored but never named in a case (the write of the document failed),
 * against one uploaded to a case the normal way. The clock is the station's injected one.
 */
describe("the station collects unreferenced scans", () => {
  let h: StationHarness;
  beforeEach(async () => {
    h = await stationHarness();
  });
  afterEach(async () => {
    await h.services.scheduler.stop();
    await h.close();
  });

  it("after a week, in the day's first pass, and once a day", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<{ caseId: string }>("cases.intake", elderlyIntake())).data as {
      caseId: string;
    };
    const up = await h.app.request(`/api/cases/${c.caseId}/attachments?material=PHOTO`, {
      method: "POST",
      headers: { cookie: helper.cookie, "content-type": "application/octet-stream" },
      body: jpeg("照片"),
    });
    expect(up.status).toBe(201);
    const kept = ((await up.json()) as { hash: string }).hash;
    // Bytes stored by an upload that never reached the case document.
    const lost = (await h.services.blobs.put(jpeg("未写入办件的扫描件"))).hash;
    const dir = join(h.dir, "blobs");
    const file = (hash: string) => join(dir, hash.slice(0, 2), hash);
    // Both written on Monday 2026-11-02 (the harness's day).
    const monday = new Date("2026-11-02T02:00:00.000Z");
    for (const hash of [kept, lost]) utimesSync(file(hash), monday, monday);

    const scheduler = h.services.scheduler;
    await scheduler.runPass();
    expect(existsSync(file(lost))).toBe(true);

    h.setNow("2026-11-10T02:00:00.000Z");
    await scheduler.runPass();
    expect(existsSync(file(lost))).toBe(false);
    expect(existsSync(file(kept))).toBe(true);
    // A week on, the morning's session is long gone: sign in again to open the scan.
    const again = await h.client().login("zhangli");
    const back = await h.app.request(`/api/attachments/${kept}`, {
      headers: { cookie: again.cookie },
    });
    expect(back.status).toBe(200);

    // Later the same day: the collection already ran; a new orphan waits for tomorrow.
    const another = (await h.services.blobs.put(jpeg("另一份"))).hash;
    utimesSync(file(another), monday, monday);
    await scheduler.runPass();
    expect(existsSync(file(another))).toBe(true);
    h.setNow("2026-11-11T02:00:00.000Z");
    await scheduler.runPass();
    expect(existsSync(file(another))).toBe(false);
  });
});
