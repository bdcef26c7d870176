import { actors } from "@bangban/domain/testing";
import { directTransport, type Hub, makeHub } from "./sync-kit";
import { runTransportTests } from "./transport-suite";

runTransportTests("in-memory (the sync tests' direct transport)", async () => {
  const hub: Hub = makeHub();
  let n = 0;
  const sites = new Map<string, { credential: string; actorIds: string[] }>();
  return {
    helpers: { a: actors.helperA, b: actors.helperB },
    async enrol(siteId, actorIds) {
      n += 1;
      const credential = `credential-${n}`;
      sites.set(siteId, { credential, actorIds });
      hub.enrol(credential, { siteId, actorIds });
      return credential;
    },
    async revoke(siteId) {
      const s = sites.get(siteId);
      if (s) hub.enrol(s.credential, { siteId, actorIds: s.actorIds }, true);
    },
    transport: (credential) => directTransport(hub, credential ?? ""),
    teardown: async () => {},
  };
});
