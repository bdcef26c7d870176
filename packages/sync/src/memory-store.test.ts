import { MemoryCaseStore } from "./memory-store";
import { runCaseStoreTests } from "./store-suite";

runCaseStoreTests("memory", async () => ({
  store: new MemoryCaseStore(),
  teardown: async () => {},
}));
