import { MemoryHubStore } from "../memory-hub-store";
import { runBlobIntakeTests } from "./blob-intake-suite";
import { MemoryBlobVault } from "./vault";

runBlobIntakeTests("in memory", async () => ({
  store: new MemoryHubStore(),
  vault: new MemoryBlobVault(),
  teardown: async () => {},
}));
