import { QueryClient } from "@tanstack/react-query";
import { describe, expect, expectTypeOf, it } from "vitest";
import { pathFilter, type QueryInput, type QueryPath, queryKey } from "./keys";
import type { Me } from "./types";

describe("queryKey", () => {
  it("is the procedure's dotted path, then its input", () => {
    expect(queryKey("admin.catalog.get", { code: "MZ-GF-001" })).toEqual([
      "admin.catalog.get",
      { code: "MZ-GF-001" },
    ]);
    expect(queryKey("auth.me")).toEqual(["auth.me"]);
  });

  it("is checked against the router at compile time", () => {
    expectTypeOf<"cases.list">().toExtend<QueryPath>();
    expectTypeOf<QueryInput<"admin.catalog.get">>().toEqualTypeOf<{
      code: string;
      version?: number | undefined;
    }>();
    // @ts-expect-error a path the router does not have
    queryKey("cases.lists");
    // @ts-expect-error a mutation is no query: nothing is cached for it
    queryKey("cases.intake", {});
    // @ts-expect-error the input is the procedure's own
    queryKey("admin.catalog.get", { code: 1 });
    // @ts-expect-error this procedure needs its input
    queryKey("admin.catalog.get");
    // @ts-expect-error a filter's parts are parts of the input
    pathFilter("admin.catalog.get", { kode: "MZ-GF-001" });
  });
});

/** A client holding one answer under each key, none yet stale. */
function clientWith(keys: readonly (readonly unknown[])[]) {
  const client = new QueryClient();
  for (const k of keys) client.setQueryData(k, { at: k });
  const stale = (k: readonly unknown[]) => client.getQueryState(k)?.isInvalidated ?? false;
  return { client, stale };
}

describe("pathFilter", () => {
  it("reaches one item at every version, and nothing else", async () => {
    const v1 = queryKey("admin.catalog.get", { code: "MZ-GF-001", version: 1 });
    const latest = queryKey("admin.catalog.get", { code: "MZ-GF-001" });
    const other = queryKey("admin.catalog.get", { code: "CJ-BZ-002" });
    const list = queryKey("admin.catalog.list");
    const { client, stale } = clientWith([v1, latest, other, list]);
    await client.invalidateQueries(pathFilter("admin.catalog.get", { code: "MZ-GF-001" }));
    expect([v1, latest, other, list].map(stale)).toEqual([true, true, false, false]);
  });

  it("reaches every call of a procedure, keys written by hand before the typed ones too", async () => {
    const mine = queryKey("cases.list", { scope: "site" });
    const handWritten = ["cases.list", "today"] as const;
    const me = queryKey("auth.me");
    const { client, stale } = clientWith([mine, handWritten, me]);
    await client.invalidateQueries(pathFilter("cases.list"));
    expect([mine, handWritten, me].map(stale)).toEqual([true, true, false]);
  });

  it("finds the cached answer of the same call again", () => {
    const { client } = clientWith([]);
    const me = { user: null } as unknown as Me;
    client.setQueryData(queryKey("auth.me"), me);
    expect(client.getQueryData(["auth.me"])).toBe(me);
  });
});
