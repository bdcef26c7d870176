import { edits } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insuranceIntake, ok } from "./cases";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

describe("scans at the hub", () => {
  it("a scan a station has not pushed yet answers NOT_SYNCED to the back office; the case says it is not present", async () => {
    const lead = await h.as("sunhua");
    const c = await ok(lead, "cases.intake", insuranceIntake());
    const hash = "9a".repeat(32);
    await h.services.repo.edit(c.caseId, (d) =>
      edits.addAttachment(d, {
        hash,
        materialCode: "ID_OR_HOUSEHOLD_REGISTER",
        name: "身份证.jpg",
        mime: "image/jpeg",
        size: 800,
      }),
    );
    const res = await h.app.request(`/api/attachments/${hash}`, {
      headers: { cookie: lead.cookie },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string; zh: string } }).error).toMatchObject({
      code: "NOT_SYNCED",
      zh: "该扫描件尚未同步到本站",
    });
    const detail = await lead.query<{
      materials: { attachments: { hash: string; present?: boolean }[] }[];
    }>("cases.get", { caseId: c.caseId });
    const scan = detail.data?.materials.flatMap((m) => m.attachments).find((a) => a.hash === hash);
    expect(scan?.present).toBe(false);
  });
});
