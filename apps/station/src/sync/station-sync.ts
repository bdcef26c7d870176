import type { DeadlineRefresh, Live, NodeSite } from "@bangban/api";
import {
  applyReference,
  bulkCatchUp,
  CALENDAR_META,
  type Db,
  type FileBlobStore,
  getMeta,
  HUB_BULK,
  LibsqlAuditSource,
  LibsqlStationBlobs,
  type ReferenceData,
  setMeta,
} from "@bangban/db";
import { WorkCalendar } from "@bangban/domain";
import {
  BLOB_ROUND,
  BlobFetcher,
  type BulkActivity,
  type CaseRepo,
  type ComplaintBook,
  HttpSyncTransport,
  type HttpTransportOptions,
  PROTOCOL_VERSION,
  SyncService,
} from "@bangban/sync";

export const META = {
  hubUrl: "hub:url",
  credential: "hub:credential",
  hubSiteId: "hub:siteId",
  reference: "reference:version",
} as const;

/** What the station's sync works with: its storage, and what the hub's reference data changes. */
export interface StationSyncDeps {
  db: Db;
  repo: CaseRepo;
  /** The station's complaints: pushed and pulled after the cases each round. */
  complaints?: ComplaintBook;
  actorId: string;
  /** The station's site: its name and parent arrive with the reference data. */
  site: Live<NodeSite>;
  /** The working-day calendar: the hub's override table arrives with the reference data. */
  calendar: Live<WorkCalendar>;
  /** Re-projects the open cases when a new calendar arrives. */
  deadlines: DeadlineRefresh;
  clock: () => Date;
  /** BANGBAN_HUB_URL, which wins over the URL stored at enrolment. */
  envHubUrl: string | null;
  /** From the station's env (BANGBAN_SYNC_INTERVAL_MS, BANGBAN_SYNC_PUSH_BATCH): defaults live there. */
  intervalMs: number;
  pushBatch: number;
  /**
   * A first link with this many changes to send goes up in bulk frames, and a first pull with
   * this many waiting comes down as whole cases; absent: never.
   */
  bulkFrom?: number;
  /** Marks bulk transfers (the scheduler's passes hold while one runs). */
  bulkActivity?: BulkActivity;
  /** Inbox scans fetched ahead per round (BANGBAN_SYNC_PREFETCH_SCANS; 0: none). */
  prefetchScans?: number;
  /** How to reach the hub (tests pass the hub app's `request`). */
  fetch?: HttpTransportOptions["fetch"];
  /** The station's blob directory: its scans go up, its inbox's come down (blob sync). */
  blobs?: FileBlobStore;
}

/** The station's blobs for sync, and the one fetcher the loop and the case page share. */
export function stationBlobs(d: StationSyncDeps) {
  if (!d.blobs) return null;
  const source = new LibsqlStationBlobs(d.db, d.blobs, d.site.get().id, d.clock);
  return { source, fetcher: new BlobFetcher({ source }) };
}

export interface HubLink {
  hubUrl: string;
  credential: string;
}

/** The hub this station is enrolled with, or null before enrolment. */
export async function hubLink(db: Db, envHubUrl: string | null): Promise<HubLink | null> {
  const credential = await getMeta(db, META.credential);
  const hubUrl = envHubUrl ?? (await getMeta(db, META.hubUrl));
  return credential && hubUrl ? { hubUrl, credential } : null;
}

/**
 * Exchanges a one-time enrolment code at the hub for this station's credential and stores it.
 * Refuses if this station is already enrolled (re-enrolment is an administrator's job).
 */
export async function enrolStation(d: StationSyncDeps, hubUrl: string, code: string) {
  if (await getMeta(d.db, META.credential)) throw new Error("this station is already enrolled");
  const transport = new HttpSyncTransport({
    hubUrl,
    credential: null,
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  const r = await transport.enrol({ protocol: PROTOCOL_VERSION, code, actorIds: [d.actorId] });
  const siteId = d.site.get().id;
  if (r.siteId !== siteId) {
    throw new Error(`the code is for site ${r.siteId}, but this station is ${siteId}`);
  }
  await setMeta(d.db, META.hubUrl, hubUrl);
  await setMeta(d.db, META.hubSiteId, r.hubSiteId);
  await setMeta(d.db, META.credential, r.credential);
  return r;
}

/** Stores the hub's reference data and brings the site and calendar in force up to date. */
async function takeReference(d: StationSyncDeps, version: string, data: ReferenceData) {
  const before = await getMeta(d.db, CALENDAR_META.overrides);
  await applyReference(d.db, data);
  if (data.calendar) d.calendar.set(new WorkCalendar(data.calendar));
  // A new 调休 row moves open cases' due dates now, not at their next write; the sync round
  // does not wait for the pass.
  if (data.calendar && JSON.stringify(data.calendar) !== before) d.deadlines.refreshInBackground();
  const site = d.site.get();
  const own = data.sites.find((s) => s.id === site.id);
  if (own) d.site.set({ ...site, name: own.name, parentId: own.parentId });
  await setMeta(d.db, META.reference, version);
}

/** The station's sync service against its hub, with reference data applied after each round. */
export function createStationSync(
  d: StationSyncDeps,
  link: HubLink,
  blobs: ReturnType<typeof stationBlobs> = null,
): SyncService {
  const transport = new HttpSyncTransport({
    hubUrl: link.hubUrl,
    credential: link.credential,
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  return new SyncService({
    repo: d.repo,
    store: d.repo.store,
    actorId: d.actorId,
    ...(d.complaints ? { complaints: d.complaints } : {}),
    transport,
    audit: new LibsqlAuditSource(d.db),
    ...(blobs ? { blobs: blobs.source, fetcher: blobs.fetcher } : {}),
    intervalMs: d.intervalMs,
    now: d.clock,
    pushLimit: { maxChanges: d.pushBatch, maxBytes: 1024 * 1024 },
    ...(d.prefetchScans !== undefined
      ? { blobLimit: { ...BLOB_ROUND, blobsDownPerRound: d.prefetchScans } }
      : {}),
    // A first pull with a long history (a new PC for the site) takes whole cases.
    ...(d.bulkFrom !== undefined ? { pullBulkFrom: d.bulkFrom } : {}),
    ...(d.bulkActivity ? { bulkActivity: d.bulkActivity } : {}),
    // A long history on a first link goes up in bulk before the change-by-change push.
    ...(d.bulkFrom !== undefined
      ? {
          beforeRound: async () => {
            const catchUp = () =>
              bulkCatchUp(
                {
                  db: d.db,
                  store: d.repo.store,
                  own: { actor: d.actorId },
                  keys: HUB_BULK,
                  from: d.bulkFrom as number,
                },
                transport,
              );
            // Done (or not needed) once: only a catch-up still to send is a bulk transfer.
            if (await getMeta(d.db, HUB_BULK.done)) return;
            await (d.bulkActivity ? d.bulkActivity.run(catchUp) : catchUp());
          },
        }
      : {}),
    afterRound: async () => {
      const known = (await getMeta(d.db, META.reference)) ?? "";
      const r = await transport.reference({ protocol: PROTOCOL_VERSION, known });
      if (r.data) await takeReference(d, r.version, r.data as ReferenceData);
    },
  });
}
