import { MemoryStationAudit } from "./memory-station-audit";
import { runStationAuditTests } from "./station-audit-suite";

runStationAuditTests("in memory", async () => ({
  store: new MemoryStationAudit(),
  teardown: async () => undefined,
}));
