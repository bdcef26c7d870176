import { edits } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, type StationHarness, stationHarness } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

interface Detail {
  caseId: string;
  materials: { code: string; attachments: { hash: string; present?: boolean }[] }[];
}

describe("scans a station does not hold (blob sync's lazy path)", () => {
  it("says NOT_SYNCED for a scan of a case held here whose bytes are not here, NOT_FOUND for a hash of no case; the case says which scans are present", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<Detail>("cases.intake", elderlyIntake())).data as Detail;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
    const up = await h.app.request(`/api/cases/${c.caseId}/attachments?material=PHOTO&name=p.png`, {
      method: "POST",
      headers: { cookie: helper.cookie, "content-type": "application/octet-stream" },
      body: png,
    });
    const { hash: here } = (await up.json()) as { hash: string };
    // A scan another node took, referenced by this case's document (as a pull brings it).
    const away = "cd".repeat(32);
    await h.services.repo.edit(c.caseId, (d) =>
      edits.addAttachment(d, {
        hash: away,
        materialCode: "ID_CARD",
        name: "身份证.jpg",
        mime: "image/jpeg",
        size: 5000,
      }),
    );
    const get = (hash: string) =>
      h.app.request(`/api/attachments/${hash}`, { headers: { cookie: helper.cookie } });
    const missing = await get(away);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        code: "NOT_SYNCED",
        field: "hash",
        zh: "该扫描件尚未同步到本站",
        en: "This scan has not reached this node yet",
      },
    });
    const unknown = await get("ef".repeat(32));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await get(here)).status).toBe(200);

    const detail = (await helper.query<Detail>("cases.get", { caseId: c.caseId })).data as Detail;
    const scans = detail.materials.flatMap((m) => m.attachments);
    expect(scans.find((a) => a.hash === here)?.present).toBe(true);
    expect(scans.find((a) => a.hash === away)?.present).toBe(false);
    // The upload waits for the hub; the other scan is not in this station's inbox (taken here).
    const health = (await (await h.app.request("/healthz")).json()) as { sync: { state: string } };
    expect(health.sync.state).toBe("not_enrolled");
  });
});
