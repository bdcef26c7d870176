import { runHubStoreTests } from "./hub-store-suite";
import { MemoryHubStore } from "./memory-hub-store";

runHubStoreTests("memory", async () => ({
  store: new MemoryHubStore(),
  teardown: async () => {},
}));
