import type { StationAuditStore } from "./accept-audit";
import type { AuditLogRow } from "./chain";
import type { RelayedAuditChains, StationAuditSource } from "./uplink";

/** The hub's stations' audit rows in memory (sync tests); the libSQL one is packages/db's. */
export class MemoryStationAudit implements StationAuditStore, RelayedAuditChains {
  private readonly bySite = new Map<string, AuditLogRow[]>();

  async tail(siteId: string): Promise<AuditLogRow | null> {
    return this.bySite.get(siteId)?.at(-1) ?? null;
  }

  async range(siteId: string, from: number, to: number): Promise<AuditLogRow[]> {
    return (this.bySite.get(siteId) ?? []).filter((r) => r.id >= from && r.id <= to);
  }

  async append(siteId: string, rows: readonly AuditLogRow[]): Promise<void> {
    const held = this.bySite.get(siteId) ?? [];
    const next = (held.at(-1)?.id ?? 0) + 1;
    if (rows[0] && rows[0].id !== next) {
      throw new Error(`station audit ${siteId}: append at ${rows[0].id}, expected ${next}`);
    }
    this.bySite.set(siteId, [...held, ...rows.map((r) => ({ ...r }))]);
  }

  async sites(): Promise<string[]> {
    return [...this.bySite.keys()].sort();
  }

  chain(site: string): StationAuditSource {
    return new MemoryAuditLog(this.bySite.get(site) ?? []);
  }
}

/** A node's own audit log in memory, read by the sync loop as the libSQL one is (tests). */
export class MemoryAuditLog implements StationAuditSource {
  constructor(public rows: AuditLogRow[]) {}

  async rowsAfter(after: number, limit: { maxRows: number }) {
    return this.rows.filter((r) => r.id > after).slice(0, limit.maxRows);
  }

  async countAfter(after: number) {
    return this.rows.filter((r) => r.id > after).length;
  }
}
