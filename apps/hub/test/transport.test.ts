import { decodePullBulkBody, HttpSyncTransport, PROTOCOL_VERSION, SyncError } from "@bangban/sync";
import { runTransportTests } from "@bangban/sync/transport-suite";
import { describe, expect, it } from "vitest";
import { hubHarness, STATION_A, STATION_B } from "./harness";

/**
 * The station's HTTP adapter against the real hub app (its tRPC router, Hono, libSQL file),
 * through `app.request`: the same acceptance suite the in-memory transport passes.
 */
runTransportTests("HTTP adapter → hub app", async () => {
  const h = await hubHarness();
  const lead = await h.as("sunhua");
  const transport = (credential: string | null) =>
    new HttpSyncTransport({
      hubUrl: "http://hub.example/",
      credential,
      fetch: async (url, init) => h.app.request(url, init),
    });
  return {
    helpers: {
      a: { userId: "u-zhangli", role: "helper", siteId: STATION_A, siteKind: "station" },
      b: { userId: "u-liumei", role: "helper", siteId: STATION_B, siteKind: "station" },
    },
    async enrol(siteId, actorIds) {
      const made = await lead.mutate<{ code: string }>("admin.enrolment.createCode", { siteId });
      const code = made.data?.code;
      if (!code) throw new Error(`no enrolment code: ${JSON.stringify(made.error)}`);
      const r = await transport(null).enrol({ protocol: PROTOCOL_VERSION, code, actorIds });
      return r.credential;
    },
    async revoke(siteId) {
      const r = await lead.mutate("admin.enrolment.revoke", { siteId });
      if (r.status !== 200) throw new Error(`revoke failed: ${JSON.stringify(r.error)}`);
    },
    transport,
    teardown: () => h.close(),
  };
});

/** The bulk pull's byte route against hostile queries: typed refusals naming the field. */
describe("GET /sync/bulk", () => {
  it("refuses a query that is not a page request (typed, naming the field), and answers a good one as bytes", async () => {
    const h = await hubHarness();
    try {
      const lead = await h.as("sunhua");
      const made = await lead.mutate<{ code: string }>("admin.enrolment.createCode", {
        siteId: STATION_A,
      });
      const { credential } = await new HttpSyncTransport({
        hubUrl: "http://hub.example/",
        credential: null,
        fetch: async (url, init) => h.app.request(url, init),
      }).enrol({
        protocol: PROTOCOL_VERSION,
        code: made.data?.code as string,
        actorIds: ["330106001001000000000000000000aa"],
      });
      const get = (query: string) =>
        h.app.request(`/sync/bulk?${query}`, {
          headers: { authorization: `Bearer ${credential}` },
        });
      for (const [query, field] of [
        [`protocol=${PROTOCOL_VERSION}&maxCases=100000`, "maxCases"],
        [`protocol=${PROTOCOL_VERSION}&upTo=-1`, "upTo"],
        [`protocol=${PROTOCOL_VERSION}&after=${"x".repeat(41)}`, "after"],
        ["protocol=abc", "protocol"],
      ] as const) {
        const res = await get(query);
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { data: { bangban: unknown } } };
        expect(body.error.data.bangban).toMatchObject({ code: "MALFORMED_BATCH", field });
      }
      const ok = await get(`protocol=${PROTOCOL_VERSION}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toBe("application/octet-stream");
      expect(decodePullBulkBody(new Uint8Array(await ok.arrayBuffer()))).toMatchObject({
        frame: null,
        last: null,
        attachments: {},
      });
    } finally {
      await h.close();
    }
  });

  it("a page whose meta is not one is refused by the station, typed", () => {
    const bad = (meta: string) => {
      const bytes = new TextEncoder().encode(meta);
      return new Uint8Array([bytes.length, ...bytes]);
    };
    for (const body of [
      new Uint8Array([0x80]),
      bad("{"),
      bad(JSON.stringify({ upTo: -1, last: null, attachments: {} })),
      bad(JSON.stringify({ upTo: 1, last: null, attachments: { x: [{ hash: "no" }] } })),
    ]) {
      expect(() => decodePullBulkBody(body)).toThrow(SyncError);
    }
  });
});
