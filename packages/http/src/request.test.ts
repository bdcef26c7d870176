import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requestInfo } from "./request";

/** Logs in through requestInfo as tRPC's login does, and returns the Set-Cookie header. */
async function cookieFor(requestUrl: string, publicUrl: string): Promise<string> {
  const app = new Hono();
  app.post("/login", (c) => {
    requestInfo(c, c.res.headers, publicUrl).setSessionCookie("tok", new Date(Date.UTC(2027, 0)));
    return c.text("ok");
  });
  const res = await app.request(requestUrl, { method: "POST" });
  return res.headers.get("set-cookie") ?? "";
}

describe("requestInfo's session cookie", () => {
  it("is Secure when the public URL is https, though a proxy hands the request over as http", async () => {
    expect(await cookieFor("http://10.0.0.5:8700/login", "https://hub.example.cn")).toMatch(
      /;\s*Secure/i,
    );
  });

  it("is not Secure on a plain-http deployment, and is Secure for an https request", async () => {
    expect(await cookieFor("http://10.0.0.5:8700/login", "http://10.0.0.5:8700")).not.toMatch(
      /Secure/i,
    );
    expect(await cookieFor("https://hub.example.cn/login", "http://x")).toMatch(/;\s*Secure/i);
  });
});
