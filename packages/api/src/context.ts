import type { Db } from "@bangban/db";
import type { JurisdictionRules, Role, SiteKind, WorkCalendar } from "@bangban/domain";
import type { CaseRepo, HubStore, SyncStatus } from "@bangban/sync";
import type { LoginLimiter } from "./auth/rate-limit";
import type { BlobStore } from "./services/blobs";
import type { RatingInvites } from "./services/rating-invites";

/** This node's own site. */
export interface NodeSite {
  id: string;
  name: string;
  kind: SiteKind;
  /** The street center above a station (where cases are forwarded); null at a center. */
  parentId: string | null;
}

/** Everything a node's API works with, built once at start (`createApp(deps)`); no singletons. */
export interface NodeServices {
  nodeRole: "station" | "hub";
  version: string;
  db: Db;
  repo: CaseRepo;
  /** This node's Automerge actor id. */
  actorId: string;
  /** At the hub: the same store as `repo.store`, with scope and per-site feeds. */
  hubStore?: HubStore;
  site: NodeSite;
  clock: () => Date;
  /** Sortable, globally unique ids (ULID). */
  newId: () => string;
  calendar: WorkCalendar;
  rules: JurisdictionRules;
  /** Keyed hash of a normalised ID number, for lookup without storing it in clear. */
  hashIdNumber: (idNumber: string) => string;
  blobs: BlobStore;
  limiter: LoginLimiter;
  /** Public base URL for the progress page the receipt's QR code points to. */
  publicBaseUrl: string;
  sessionHours: number;
  /** Minutes without a call after which a session is locked until the PIN or password. */
  idleLockMinutes: number;
  ratingInvites: RatingInvites;
  /** At a station: the sync service's state, and a way to enrol / sync now (set at start). */
  sync?: StationSyncControl;
}

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
  nudge?: () => void;
}
