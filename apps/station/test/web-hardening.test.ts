import { putAttachment } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, type StationHarness, stationHarness } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

describe("station web hardening (app.request)", () => {
  it("every response carries the CSP, nosniff, DENY framing and no-referrer", async () => {
    for (const path of ["/healthz", "/trpc/auth.me", "/nowhere"]) {
      const res = await h.app.request(path);
      expect(res.headers.get("content-security-policy"), path).toContain("default-src 'self'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("a login posted from another site is refused 403; from the station's own page it passes", async () => {
    const login = (origin: string) =>
      h.app.request("http://127.0.0.1:8701/trpc/auth.login", {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ username: "zhangli", password: "bangban2026" }),
      });
    const evil = await login("https://evil.example");
    expect(evil.status).toBe(403);
    expect(evil.headers.get("set-cookie")).toBeNull();
    expect(
      ((await evil.json()) as { error: { data: { bangban: { code: string } } } }).error.data.bangban
        .code,
    ).toBe("FORBIDDEN_ORIGIN");
    expect((await login("http://127.0.0.1:8701")).status).toBe(200);
  });

  it("serves an attachment inline only when its bytes are its declared type", async () => {
    const helper = await h.client().login("zhangli");
    const c = (await helper.mutate<{ caseId: string }>("cases.intake", elderlyIntake())).data;
    const html = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const get = (hash: string) =>
      h.app.request(`/api/attachments/${hash}`, { headers: { cookie: helper.cookie } });
    for (const bytes of [html, png]) {
      const { hash, size } = await h.services.blobs.put(bytes);
      await putAttachment(h.services.db, {
        hash,
        size,
        mime: "image/png", // what the record says; only the PNG's bytes agree
        originalName: "photo.png",
        createdAt: "2026-11-02T02:00:00.000Z",
        createdBy: "u-zhangli",
        caseId: c?.caseId ?? "",
      });
    }
    const fake = await get((await h.services.blobs.put(html)).hash);
    expect(fake.status).toBe(200);
    expect(fake.headers.get("content-type")).toBe("application/octet-stream");
    expect(fake.headers.get("content-disposition")).toBe("attachment");
    const real = await get((await h.services.blobs.put(png)).hash);
    expect(real.headers.get("content-type")).toBe("image/png");
    expect(real.headers.get("content-disposition")).toBe("inline");
    expect(real.headers.get("content-security-policy")).toContain("sandbox");
  });
});
