import type { BlobStore, Db, FileUploadStore } from "@bangban/db";
import type { JurisdictionRules, Role, SiteKind, WorkCalendar } from "@bangban/domain";
import type {
  Admission,
  BulkCounts,
  BulkVerifyLoop,
  CaseRepo,
  ComplaintBook,
  HubStore,
  SyncHandler,
  SyncService,
  SyncStatus,
} from "@bangban/sync";
import type { LoginLimiter } from "./auth/rate-limit";
import type { DeadlineRefresh } from "./services/deadline-refresh";
import type { Notifier } from "./services/notifier";
import type { RatingInvites } from "./services/rating-invites";
import type { Scheduler } from "./services/scheduler";

/** This node's own site. */
export interface NodeSite {
  id: string;
  name: string;
  kind: SiteKind;
  /** The street center above a station (where cases are forwarded); null at a center. */
  parentId: string | null;
}

/**
 * A value that changes while the node runs (the working-day calendar the hub sends or an
 * administrator edits): read with `get()` at each use, replaced with `set()` by its one owner.
 */
export class Live<T> {
  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
  }
}

/** What station and hub both work with, built once at start (`createApp(deps)`); no singletons. */
export interface BaseServices {
  readonly version: string;
  readonly db: Db;
  readonly repo: CaseRepo;
  /** This node's complaints and 办不成事 records (synced whole, packages/sync complaint/). */
  readonly complaints: ComplaintBook;
  /** This node's Automerge actor id. */
  readonly actorId: string;
  /**
   * This node's site, as it is now: a station learns its name and parent with the reference
   * data from its hub (read at each use; only the composition can change it).
   */
  readonly site: NodeSite;
  readonly clock: () => Date;
  /** Sortable, globally unique ids (ULID). */
  readonly newId: () => string;
  /** The working-day calendar in force: the hub's override table may replace it at run time. */
  readonly calendar: Live<WorkCalendar>;
  /** Re-projects the open cases' deadlines when the calendar changes (hub save, station receipt). */
  readonly deadlines: DeadlineRefresh;
  readonly rules: JurisdictionRules;
  /** Keyed hash of a normalised ID number, for lookup without storing it in clear. */
  readonly hashIdNumber: (idNumber: string) => string;
  readonly blobs: BlobStore;
  /** Resumable browser uploads in progress (temp files under the data dir, not the blobs). */
  readonly uploads: FileUploadStore;
  readonly limiter: LoginLimiter;
  /** Public base URL for the progress page the receipt's QR code points to. */
  readonly publicBaseUrl: string;
  readonly sessionHours: number;
  /** Minutes without a call after which a session is locked until the PIN or password. */
  readonly idleLockMinutes: number;
  readonly ratingInvites: RatingInvites;
  /** SMS to residents (容缺 due, result ready, rating invitation); a LogNotifier when serving. */
  readonly notifier: Notifier;
  /** The clock that acts: time rules, reminders, messages (started by `serve`, not by tests). */
  readonly scheduler: Scheduler;
}

/** A community station: works offline, syncs with its hub through `sync`. */
export interface StationServices extends BaseServices {
  readonly nodeRole: "station";
  /** The sync service's state, and a way to enrol / sync now / release a quarantined case. */
  readonly sync: StationSyncControl;
}

/** A street hub: holds its stations' cases in a hub store with scope and per-site feeds. */
export interface HubServices extends BaseServices {
  readonly nodeRole: "hub";
  /** The same store as `repo.store`, with scope and per-site feeds. */
  readonly hubStore: HubStore;
  /** The hub's side of the sync protocol; the `sync.*` procedures wrap it. */
  readonly syncHandler: SyncHandler;
  /**
   * A street hub's sync up to its district (null: a district, or a street not enrolled with
   * one); `serve` runs it.
   */
  readonly upstream?: SyncService | null;
  /**
   * Back-pressure on the stations' pushes and on their pulls, a gate each (RETRY_AFTER past
   * its limits). Absent: the sync router keeps its own with the defaults (ADMISSION_LIMITS).
   */
  readonly admission?: { push: Admission; pull: Admission };
  /**
   * A district: the cases its streets sent in bulk frames, verified in the background
   * (SPEC.md "Bulk catch-up"); `serve` runs the loop. Null/absent elsewhere.
   */
  readonly bulk?: { loop: BulkVerifyLoop; counts: () => Promise<BulkCounts> } | null;
}

/** Everything a node's API works with: a station's or a hub's (`nodeRole` tells which). */
export type NodeServices = StationServices | HubServices;

/** What one HTTP request brings; the Hono layer fills it, the routers never see Hono. */
export interface RequestInfo {
  requestId: string;
  ip: string;
  sessionToken: string | null;
  /** `Authorization: Bearer …` — a station's credential on sync calls. */
  bearer: string | null;
  setSessionCookie: (token: string, expiresAt: Date) => void;
  clearSessionCookie: () => void;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteId: string;
  tokenHash: string;
  /** Idle past `idleLockMinutes` (or locked by the web app): only the resume call is allowed. */
  locked: boolean;
}

export interface ApiContext {
  services: NodeServices;
  req: RequestInfo;
  user: SessionUser | null;
}

/** What the station's UI may ask of its sync service. */
export interface StationSyncControl {
  status: () => SyncStatus | null;
  enrolled: () => Promise<boolean>;
  enrol: (hubUrl: string, code: string) => Promise<void>;
  syncNow: () => Promise<void>;
  /** Send a quarantined case again (a person says the cause is fixed); false if not quarantined. */
  release: (caseId: string) => Promise<boolean>;
  /** Ask for a round soon (after a local write). */
  nudge: () => void;
  /**
   * Fetches a scan's bytes from the hub now, for a case held here (the lazy path of GET
   * /api/attachments/:hash); false when it cannot be had now. Absent: no blob sync.
   */
  fetchBlob?: (hash: string) => Promise<boolean>;
}
