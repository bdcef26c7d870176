import { schema } from "@bangban/db";
import { tempDb } from "@bangban/db/testing";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onError } from "./errors";

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

describe("onError", () => {
  it("answers a constraint error with a generic typed 500 and logs the detail server-side", async () => {
    const app = new Hono();
    app.onError(onError);
    app.post("/dup", async (c) => {
      const row = { key: "resident-欧阳丽华", value: "110105199003071234" };
      await t.db.orm.insert(schema.meta).values(row);
      await t.db.orm.insert(schema.meta).values(row);
      return c.text("unreachable");
    });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request("/dup", { method: "POST" });
    expect(res.status).toBe(500);
    const text = await res.text();
    for (const leak of ["insert", "meta", "UNIQUE", "SQLITE", "欧阳丽华", "Failed query"])
      expect(text, leak).not.toContain(leak);
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL", field: null, zh: expect.any(String), en: "Internal error" },
    });
    expect(String(log.mock.calls[0]?.[1])).toMatch(/Failed query|UNIQUE/);
    log.mockRestore();
  });
});
