import { runComplaintStoreTests } from "@bangban/sync/complaint-store-suite";
import { LibsqlComplaintStore } from "./complaint-store";
import { tempDb } from "./testing";

runComplaintStoreTests("libSQL", async () => {
  const t = await tempDb();
  return {
    store: new LibsqlComplaintStore(t.db),
    reopen: async () => new LibsqlComplaintStore(await t.reopen()),
    teardown: () => t.cleanup(),
  };
});
