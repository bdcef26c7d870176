import type { StationSyncControl } from "@bangban/api";
import { HttpSyncTransport, type SyncService } from "@bangban/sync";
import {
  createStationSync,
  enrolStation,
  hubLink,
  type StationSyncDeps,
  stationBlobs,
} from "./station-sync";

/** How long the case page waits for a scan from the hub before it says 尚未同步. */
const LAZY_FETCH_MS = 4000;

/**
 * Owns the station's sync service: starts it when the station is enrolled, starts it after a
 * first-run enrolment, and exposes its state to /healthz and the UI.
 */
export class StationSync implements StationSyncControl {
  private service: SyncService | null = null;
  private readonly blobs: ReturnType<typeof stationBlobs>;

  constructor(private readonly d: StationSyncDeps) {
    this.blobs = stationBlobs(d);
  }

  /**
   * The case page's lazy path: the bytes of a scan a case here references, fetched from the
   * hub now (short timeout), checked against the reference and sealed. False when no case
   * here references it, the station is not enrolled, the hub is out of reach or lacks it.
   */
  async fetchBlob(hash: string): Promise<boolean> {
    const ref = (await this.d.repo.store.blobRefs(hash))[0];
    const link = await hubLink(this.d.db, this.d.envHubUrl);
    if (!ref || !link || !this.blobs) return false;
    const transport = new HttpSyncTransport({
      hubUrl: link.hubUrl,
      credential: link.credential,
      timeoutMs: LAZY_FETCH_MS,
      ...(this.d.fetch ? { fetch: this.d.fetch } : {}),
    });
    return this.blobs.fetcher.fetch((req) => transport.pullBlob(req), ref).catch(() => false);
  }

  /** Starts the loop if the station is enrolled (`serve` does; tests drive rounds themselves). */
  async start(): Promise<void> {
    if (!(await this.open())) return;
    this.service?.run();
  }

  /** The sync service, created once the station is enrolled; null before. */
  private async open(): Promise<SyncService | null> {
    if (this.service) return this.service;
    const link = await hubLink(this.d.db, this.d.envHubUrl);
    if (!link) return null;
    this.service = createStationSync(this.d, link, this.blobs);
    return this.service;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    this.service = null;
  }

  status() {
    return this.service?.status() ?? null;
  }

  async enrolled(): Promise<boolean> {
    return (await hubLink(this.d.db, this.d.envHubUrl)) !== null;
  }

  /** Exchanges the code for a credential without starting the loop (the CLI's `enrol`). */
  enrolOnly(hubUrl: string, code: string) {
    return enrolStation(this.d, hubUrl, code);
  }

  async enrol(hubUrl: string, code: string): Promise<void> {
    await this.enrolOnly(hubUrl, code);
    await this.start();
  }

  /** 立即同步: a person asks, so a loop parked on a refusal tries again too. */
  async syncNow(): Promise<void> {
    const service = await this.open();
    service?.resume();
    await service?.syncOnce();
  }

  /** 重新提交: a quarantined case goes again in the next round, which starts now. */
  async release(caseId: string): Promise<boolean> {
    const done = (await this.service?.release(caseId)) ?? false;
    if (done) await this.syncNow().catch(() => undefined);
    return done;
  }

  nudge(): void {
    this.service?.nudge();
  }

  /** For /healthz: online/offline, last success, pending changes, catch-up progress. */
  async health(): Promise<Record<string, unknown>> {
    const s = this.service?.status();
    const store = this.d.repo.store;
    const pending = await store.countAfter(await store.getCursor("hub-push"), {
      actor: this.d.actorId,
    });
    // Cases set aside after a permanent refusal, named as a helper knows them (受理号, item)
    // with the hub's reason.
    const quarantined = await Promise.all(
      (await store.quarantined()).map(async ({ caseId, kind, zh, at, released }) => {
        const p = await store.getProjection(caseId);
        return {
          released: released === true,
          caseId,
          caseNumber: p?.caseNumber ?? null,
          itemName: p?.itemName ?? null,
          kind,
          zh,
          at,
        };
      }),
    );
    return {
      pendingSync: pending,
      quarantined,
      sync: s
        ? {
            state: s.state,
            online: s.online,
            lastSuccessAt: s.lastSuccessAt,
            lastError: s.lastError?.kind ?? null,
            parked: s.parked,
            catchUp: s.catchUp,
            // The audit log's way up: rows waiting, and the hub's refusal of them (a person's job).
            audit: s.audit,
            // Scans: own ones the hub lacks, those it refused (set aside), the inbox's not here.
            blobs: s.blobs,
            // Rounds begun and ended in this process: what multi-process tests await.
            rounds: s.rounds,
          }
        : {
            state: "not_enrolled",
            online: false,
            lastSuccessAt: null,
            lastError: null,
            catchUp: null,
          },
    };
  }
}
