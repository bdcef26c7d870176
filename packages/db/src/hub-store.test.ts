import { runHubStoreTests } from "@bangban/sync/hub-store-suite";
import { LibsqlHubStore } from "./hub-store";
import { tempDb } from "./testing";

runHubStoreTests("libsql", async () => {
  const t = await tempDb();
  return {
    store: new LibsqlHubStore(t.db),
    teardown: () => t.cleanup(),
  };
});
