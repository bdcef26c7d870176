import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "./errors";
import { sameOrigin } from "./same-origin";

function app(): Hono {
  const a = new Hono();
  a.use(sameOrigin({ publicUrl: "https://hub.example.cn" }));
  a.onError(onError);
  a.all("/api/x", (c) => c.json({ ok: true }));
  a.post("/trpc/auth.login", (c) => c.json({ ok: true }));
  return a;
}

const post = (path: string, headers: Record<string, string>, method = "POST") =>
  app().request(`http://station.lan:8701${path}`, { method, headers });

describe("sameOrigin", () => {
  it("refuses a state-changing request from another site with a typed 403", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await post("/api/x", { origin: "https://evil.example" }, method);
      expect(res.status, method).toBe(403);
      expect(await res.json()).toEqual({
        error: {
          code: "FORBIDDEN_ORIGIN",
          field: "origin",
          zh: expect.stringContaining("其他网站"),
          en: expect.stringContaining("Cross-site"),
        },
      });
    }
  });

  it("refuses a tRPC mutation in tRPC's error shape, and judges by Referer without Origin", async () => {
    const res = await post("/trpc/auth.login", { origin: "null" });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { data: { bangban: { code: string } } } };
    expect(body.error.data.bangban.code).toBe("FORBIDDEN_ORIGIN");
    expect((await post("/api/x", { referer: "https://evil.example/page" })).status).toBe(403);
    expect((await post("/api/x", { referer: "http://station.lan:8701/cases/1" })).status).toBe(200);
  });

  it("lets the node's own pages, its public URL, proxied https and origin-less callers through", async () => {
    expect((await post("/api/x", { origin: "http://station.lan:8701" })).status).toBe(200);
    expect((await post("/api/x", { origin: "https://hub.example.cn" })).status).toBe(200);
    // Behind a TLS-terminating proxy: the browser says https, the request arrives as http.
    expect((await post("/api/x", { origin: "https://station.lan:8701" })).status).toBe(200);
    // A station's sync call: a bearer credential and no Origin.
    expect((await post("/api/x", { authorization: "Bearer abc" })).status).toBe(200);
    // Reads are not refused: a cross-site GET cannot change anything.
    const get = await app().request("http://station.lan:8701/api/x", {
      headers: { origin: "https://evil.example" },
    });
    expect(get.status).toBe(200);
  });
});
