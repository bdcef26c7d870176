import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { httpError, onError } from "./errors";
import { APP_CSP, PRINT_CSP, securityHeaders } from "./security-headers";

function app(): Hono {
  const a = new Hono();
  a.use(securityHeaders());
  a.onError(onError);
  a.get("/", (c) => c.html("<p>hi</p>"));
  a.get("/boom", () => {
    throw httpError(400, "REQUIRED", "x", "缺少", "Missing");
  });
  a.get("/own", (c) => {
    c.header("content-security-policy", "default-src 'none'");
    return c.text("own");
  });
  return a;
}

describe("securityHeaders", () => {
  it("sets CSP, nosniff, no framing and no referrer on every response, errors included", async () => {
    for (const path of ["/", "/boom", "/nowhere"]) {
      const res = await app().request(path);
      expect(res.headers.get("content-security-policy"), path).toBe(APP_CSP);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("allows no inline script, antd's injected styles, and data:/blob: images", () => {
    const directives = Object.fromEntries(
      APP_CSP.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]),
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
  });

  it("lets pdf.js run its worker from this origin only (PDF scans), never from blob: or elsewhere", () => {
    const directives = Object.fromEntries(
      APP_CSP.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]),
    );
    expect(directives["worker-src"]).toEqual(["'self'"]);
  });

  it("keeps a route's own policy (the printable pages allow only their print button)", async () => {
    expect((await app().request("/own")).headers.get("content-security-policy")).toBe(
      "default-src 'none'",
    );
    // sha256("window.print()"), base64: the handler in packages/api/src/print/layout.ts.
    expect(PRINT_CSP).toContain("'unsafe-hashes' 'sha256-");
    expect(PRINT_CSP).not.toContain("script-src 'self' 'unsafe-inline'");
  });
});
