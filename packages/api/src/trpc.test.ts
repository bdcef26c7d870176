import { schema } from "@bangban/db";
import { tempDb } from "@bangban/db/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiContext } from "./context";
import { createTRPCRouter, publicProcedure } from "./trpc";

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

/** A procedure that breaks a UNIQUE constraint of a real libSQL file (meta.key twice). */
function router() {
  return createTRPCRouter({
    twice: publicProcedure.mutation(async () => {
      const row = { key: "resident-欧阳丽华", value: "110105199003071234" };
      await t.db.orm.insert(schema.meta).values(row);
      await t.db.orm.insert(schema.meta).values(row);
    }),
  });
}

describe("the tRPC error formatter", () => {
  it("answers a database failure with a generic typed 500: no SQL, values or driver text", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request("http://node/trpc/twice", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
      router: router(),
      // The procedure reads nothing from its context.
      createContext: () => ({}) as ApiContext,
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    for (const leak of ["insert", "meta", "UNIQUE", "SQLITE", "欧阳丽华", "110105", "Failed query"])
      expect(text, leak).not.toContain(leak);
    const body = JSON.parse(text) as {
      error: { message: string; data: { bangban: Record<string, unknown> } };
    };
    expect(body.error.message).toBe("Internal error");
    expect(body.error.data.bangban).toEqual({
      code: "INTERNAL_SERVER_ERROR",
      field: null,
      zh: expect.stringContaining("服务器出错"),
      en: "Internal error",
    });
  });
});
