import { runHubStoreTests, testFeedScope } from "./hub-store-suite";
import { MemoryHubStore } from "./memory-hub-store";

runHubStoreTests("memory", async () => ({
  store: new MemoryHubStore(testFeedScope),
  teardown: async () => {},
}));
