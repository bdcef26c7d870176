import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, getUntypedClient, httpBatchLink } from "@trpc/client";
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { trpcQueryVia } from "./queries";

// A small router answering two of the hub's paths, served in-process (no port): the client
// and the server are tRPC's own, only the transport is a direct call.
const t = initTRPC.create();
const router = t.router({
  auth: { me: t.procedure.query(() => ({ user: null, node: { role: "hub" } })) },
  admin: {
    catalog: {
      get: t.procedure
        // A parser function: tRPC takes one as a validator (zod is the hub's, not the web's).
        .input((v) => v as { code: string; version?: number })
        .query(({ input }) => ({ code: input.code, version: input.version ?? 7 })),
    },
  },
});
const client = createTRPCClient<typeof router>({
  links: [
    httpBatchLink({
      url: "http://node.test/trpc",
      fetch: (url, init) =>
        fetchRequestHandler({
          endpoint: "/trpc",
          req: new Request(url, init as RequestInit),
          router,
        }),
    }),
  ],
});
const trpcQuery = trpcQueryVia(getUntypedClient(client));

describe("trpcQuery", () => {
  it("calls the procedure its path names, with its input, under its typed key", async () => {
    const qc = new QueryClient();
    const get = trpcQuery("admin.catalog.get", { code: "MZ-GF-001", version: 2 });
    expect(get.queryKey).toEqual(["admin.catalog.get", { code: "MZ-GF-001", version: 2 }]);
    expect(await qc.fetchQuery(get)).toEqual({ code: "MZ-GF-001", version: 2 });
    expect(qc.getQueryData(["admin.catalog.get", { version: 2, code: "MZ-GF-001" }])).toEqual({
      code: "MZ-GF-001",
      version: 2,
    });
  });

  it("calls a procedure that takes no input", async () => {
    const qc = new QueryClient();
    const me = trpcQuery("auth.me");
    expect(me.queryKey).toEqual(["auth.me"]);
    expect(await qc.fetchQuery(me)).toMatchObject({ node: { role: "hub" } });
  });
});
