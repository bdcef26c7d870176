import { HttpSyncTransport, PROTOCOL_VERSION } from "@bangban/sync";
import { runTransportTests } from "@bangban/sync/transport-suite";
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
