import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

describe("hub web hardening (app.request)", () => {
  it("/print checks the roles of print.document: a district administrator is refused", async () => {
    const admin = await h.as("admin");
    const page = (cookie: string) =>
      h.app.request("/print/power-of-attorney", { headers: { cookie } });
    const refused = await page(admin.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "NOT_ALLOWED", field: "role" } });
    // The tRPC procedure refuses the same user the same way.
    expect((await admin.query("print.document", { kind: "power-of-attorney" })).status).toBe(403);
    expect((await page("")).status).toBe(401);
    const reviewer = await h.as("chenjing");
    const ok = await page(reviewer.cookie);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-security-policy")).toContain("'unsafe-hashes'");
  });

  it("refuses a date that is not in the calendar, naming the field", async () => {
    const admin = await h.as("admin");
    for (const bad of ["2026-02-30", "2026-13-01"]) {
      const r = await admin.query("dashboard.figures", { from: bad });
      expect(r.status, bad).toBe(400);
      expect(r.error, bad).toMatchObject({ code: "INVALID_DATE", field: "from" });
      expect(r.error?.zh, bad).toContain("YYYY-MM-DD");
    }
    expect((await admin.query("dashboard.figures", { from: "2026-02-28" })).status).toBe(200);
  });
});
