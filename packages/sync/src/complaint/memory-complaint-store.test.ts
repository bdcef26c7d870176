import { MemoryComplaintStore } from "./complaint-store";
import { runComplaintStoreTests } from "./complaint-store-suite";

runComplaintStoreTests("memory", async () => ({
  store: new MemoryComplaintStore(),
  teardown: async () => {},
}));
