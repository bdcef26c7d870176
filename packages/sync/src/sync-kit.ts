import { isDeepStrictEqual } from "node:util";
import {
  type Actor,
  defaultRules,
  type ItemRules,
  type ServiceItem,
  type SiteKind,
  seedCatalog,
  toItemSnapshot,
  WorkCalendar,
} from "@bangban/domain";
import { actors, elderlyAllowance, residenceCertificate } from "@bangban/domain/testing";
import { MemoryStationAudit } from "./audit/memory-station-audit";
import type { AuditPushRequest, AuditPushResponse } from "./audit/messages";
import { MemoryStationBlobs } from "./blob/memory-station-blobs";
import { type BlobChunk, type BlobPullRequest, encodeChunkFrame } from "./blob/messages";
import { MemoryBlobVault } from "./blob/vault";
import { MemoryBulkStore } from "./bulk/memory-bulk-store";
import { CaseRepo } from "./case-repo";
import { ComplaintBook } from "./complaint/complaint-book";
import { MemoryComplaintStore } from "./complaint/complaint-store";
import type { StationIdentity } from "./hub/accept-push";
import type { HubAuthority, StaffRecord } from "./hub/authority";
import type { DistrictDirectory, PushDirectoryRequest } from "./hub/directory";
import { type ScopeRule, streetScope } from "./hub/scope";
import { credentialHash, type EnrolledStation, SyncHandler } from "./hub/sync-handler";
import { MemoryHubStore } from "./memory-hub-store";
import { MemoryCaseStore } from "./memory-store";
import type { ProjectionContext } from "./projection";
import { decodePushFrame, encodePushFrame, type PushBatch } from "./protocol/frames";
import type {
  PullBulkRequest,
  PullBulkResponse,
  PullRequest,
  PullResponse,
  PushResponse,
  ReferenceRequest,
  ReferenceResponse,
} from "./protocol/messages";
import {
  type StationAuditSource,
  SyncService,
  type SyncServiceOptions,
  type SyncTransport,
} from "./station/sync-service";

/**
 * In-memory peers for sync tests: a hub and stations wired by a direct transport that runs
 * the hub's real push/pull handlers (no HTTP). Faults can be injected into the transport.
 */
const calendar = new WorkCalendar();
export const projection = (): ProjectionContext => ({
  calendar,
  rules: defaultRules,
  today: "2026-11-23",
  hashIdNumber: (id) => `h:${id}`,
});

export const actorFor = (site: string, n = 1) =>
  `${site.padEnd(16, "0")}${String(n).padStart(16, "0")}`;

/** How a peer's repo keeps documents (tests may shrink the cache or compact often). */
export interface RepoSizing {
  cacheSize?: number;
  snapshotEvery?: number;
}

/**
 * The hub's own tables as the sync tests know them: the fixtures' staff (and any the test
 * adds), site kinds by code length, and the seed catalog's and the fixtures' items.
 */
export class KitAuthority {
  readonly staffById = new Map<string, StaffRecord>();
  readonly items: ItemRules[] = [];

  constructor(today = "2026-11-23") {
    this.today = today;
    for (const a of Object.values(actors)) this.add(a);
    // The fixtures' items share codes and versions with the seed catalog's but differ: a test
    // hub holds both, so that cases built either way are its own.
    for (const i of seedCatalog.items) this.items.push(toItemSnapshot(i));
    this.items.push(elderlyAllowance, residenceCertificate);
  }

  today: string;

  add(a: Actor): this {
    if (a.role !== "resident" && a.role !== "system")
      this.staffById.set(a.userId, { role: a.role, siteId: a.siteId, active: true });
    return this;
  }

  view(): HubAuthority {
    return {
      today: this.today,
      calendar,
      rules: defaultRules,
      staff: (id) => this.staffById.get(id),
      siteKind: (id) => siteKindOf(id),
      issued: (item) => this.items.some((i) => isDeepStrictEqual(i, item)),
    };
  }
}

/** Site kinds by division-code length: 6 district, 9 street center, 12 station. */
export function siteKindOf(id: string): SiteKind | undefined {
  return ({ 6: "district", 9: "center", 12: "station" } as const)[id.length as 6 | 9 | 12];
}

/** A hub's level: a street hub feeds its stations; a district (`streetScope`) feeds its streets. */
export interface HubLevel {
  scope?: ScopeRule;
  /** A district's record of its streets' staff (`sync.pushDirectory`). */
  directory?: DistrictDirectory;
}

export function makeHub(center = "330106001", sizing: RepoSizing = {}, level: HubLevel = {}) {
  const store = new MemoryHubStore(level.scope);
  const repo = new CaseRepo({
    store,
    actorId: actorFor(center),
    projection,
    ...sizing,
    cacheSize: sizing.cacheSize ?? 50,
    // As the real hub: a case held only as a bulk claim is verified before it is read here.
    beforeOpen: (ids): Promise<unknown> =>
      handler.verifier?.pass(ids.length, ids) ?? Promise.resolve(),
  });
  const authority = new KitAuthority();
  /** Enrolled stations by credential hash, as the hub's stations table holds them. */
  const stations = new Map<string, EnrolledStation>();
  const stationAudit = new MemoryStationAudit();
  const complaints = new ComplaintBook(new MemoryComplaintStore(), actorFor(center));
  const vault = new MemoryBlobVault();
  /** The hub's attachment rows written by blob sync: hash → the reference and the station. */
  const blobRows = new Map<string, { caseId: string; mime: string; by: string }>();
  const bulk = new MemoryBulkStore(store);
  const handler: SyncHandler = new SyncHandler({
    ...(level.directory ? { directory: level.directory } : {}),
    // Bulk frames (a street's first link at a district, a station's at its street): the sender
    // is whoever is enrolled under that site.
    bulk: {
      bulk,
      identity: async (siteId: string) =>
        [...stations.values()].find((s) => s.siteId === siteId && !s.revoked) ?? null,
    },
    blobs: {
      vault,
      maxBytes: 10 * 1024 * 1024,
      record: async (ref, st) => {
        blobRows.set(ref.hash, { caseId: ref.caseId, mime: ref.mime, by: st.siteId });
      },
    },
    repo,
    store,
    stationAudit,
    complaints,
    authority: async () => authority.view(),
    stationByCredentialHash: async (hash) => stations.get(hash) ?? null,
    // The kit's reference data: which station asked, and the staff the hub knows.
    reference: async (station) => ({
      siteId: station.siteId,
      staff: [...authority.staffById].map(([id, s]) => ({ id, ...s })),
    }),
  });
  const accept = (station: StationIdentity, batch: PushBatch) => handler.push(station, batch);
  /** Registers a station's credential (enrolment); `revoked` as an administrator would. */
  const enrol = (credential: string, station: StationIdentity, revoked = false) => {
    stations.set(credentialHash(credential), { ...station, revoked });
  };
  return {
    center,
    store,
    stationAudit,
    repo,
    authority,
    handler,
    accept,
    enrol,
    complaints,
    vault,
    blobRows,
    bulk,
  };
}
export type Hub = ReturnType<typeof makeHub>;

export interface Faults {
  /** Called before each request; throw to simulate a failure before the hub sees it. */
  before?: (kind: "push" | "pull") => void;
  /** Called after the hub handled it; throw to simulate a lost response (hub did the work). */
  after?: (kind: "push" | "pull") => void;
  /** The same two for the audit push (`sync.pushAudit`). */
  beforeAudit?: () => void;
  afterAudit?: () => void;
  /** Deliver each push twice (a retried request whose first copy also arrived). */
  duplicatePush?: boolean;
  /** Sees each push as the station sends it (before `before`), e.g. to replay it later. */
  onPush?: (batch: PushBatch) => void;
  /** Whether the hub answers its health check (default: yes). */
  healthy?: () => boolean;
  /** Before each blob call reaches the hub (throw: a cut), and after (throw: a lost answer). */
  beforeBlob?: (kind: "offer" | "chunk" | "pull", chunk?: BlobChunk) => void;
  afterBlob?: (kind: "offer" | "chunk" | "pull", chunk?: BlobChunk) => void;
}

/**
 * The in-memory transport: the hub's real SyncHandler called directly, with what the wire
 * would carry (a push as its binary frame, everything else as JSON). The station is named by
 * its identity (the hub already knows it) or by a credential, authenticated on every call as
 * over HTTP. It passes the transport suite, as the HTTP adapter does.
 */
export function directTransport(
  hub: Hub,
  station: StationIdentity | string,
  faults: Faults = {},
): SyncTransport {
  const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const wire = (batch: PushBatch) => decodePushFrame(encodePushFrame(batch));
  const who = async () =>
    typeof station === "string" ? hub.handler.authenticate(station) : station;
  return {
    async push(batch: PushBatch): Promise<PushResponse> {
      faults.onPush?.(wire(batch));
      faults.before?.("push");
      const st = await who();
      const r = await hub.handler.push(st, wire(batch));
      if (faults.duplicatePush) await hub.handler.push(st, wire(batch));
      faults.after?.("push");
      return json(r);
    },
    async pull(req: PullRequest): Promise<PullResponse> {
      faults.before?.("pull");
      const r = await hub.handler.pull(await who(), json(req));
      faults.after?.("pull");
      return json(r);
    },
    async pullBulk(req: PullBulkRequest): Promise<PullBulkResponse> {
      faults.before?.("pull");
      const r = await hub.handler.pullBulk(await who(), json(req));
      faults.after?.("pull");
      return { ...json({ ...r, frame: null }), frame: r.frame?.slice() ?? null };
    },
    async reference(req: ReferenceRequest): Promise<ReferenceResponse> {
      return json(await hub.handler.reference(await who(), json(req)));
    },
    async pushAudit(req: AuditPushRequest): Promise<AuditPushResponse> {
      faults.beforeAudit?.();
      const r = await hub.handler.pushAudit(await who(), json(req));
      faults.afterAudit?.();
      return json(r);
    },
    async health(): Promise<boolean> {
      return faults.healthy?.() ?? true;
    },
    async pushDirectory(req: PushDirectoryRequest) {
      return json(await hub.handler.pushDirectory(await who(), json(req)));
    },
    async pushComplaints(req) {
      return json(await hub.handler.pushComplaints(await who(), json(req)));
    },
    async pullComplaints(req) {
      return json(await hub.handler.pullComplaints(await who(), json(req)));
    },
    async offerBlobs(req) {
      faults.beforeBlob?.("offer");
      const r = json(await hub.handler.offerBlobs(await who(), json(req)));
      faults.afterBlob?.("offer");
      return r;
    },
    async pushBlob(chunk: BlobChunk) {
      faults.beforeBlob?.("chunk", chunk);
      const r = json(await hub.handler.pushBlob(await who(), encodeChunkFrame(chunk)));
      faults.afterBlob?.("chunk", chunk);
      return r;
    },
    async pullBlob(req: BlobPullRequest) {
      faults.beforeBlob?.("pull");
      const r = await hub.handler.pullBlob(await who(), json(req));
      faults.afterBlob?.("pull");
      return { bytes: r.bytes.slice(), size: r.size };
    },
  };
}

export function makeStation(
  hub: Hub,
  site: string,
  faults: Faults = {},
  pc = 1,
  sizing: RepoSizing = {},
  options: Pick<SyncServiceOptions, "pullBulkFrom" | "bulkActivity" | "afterRound"> & {
    store?: MemoryCaseStore;
  } = {},
) {
  const { store = new MemoryCaseStore(), ...serviceOptions } = options;
  const actorId = actorFor(site, pc);
  const repo = new CaseRepo({
    store,
    actorId,
    projection,
    ...sizing,
    cacheSize: sizing.cacheSize ?? 50,
  });
  // Every PC the site ever enrolled may author its changes.
  const identity = {
    siteId: site,
    actorIds: Array.from({ length: pc }, (_, i) => actorFor(site, i + 1)),
  };
  const complaints = new ComplaintBook(new MemoryComplaintStore(), actorId);
  const blobs = new MemoryStationBlobs(new MemoryBlobVault(), store, site);
  const sync = new SyncService({
    repo,
    store,
    actorId,
    complaints,
    blobs,
    transport: directTransport(hub, identity, faults),
    pushLimit: { maxChanges: 7, maxBytes: 64 * 1024 },
    pullLimit: { maxChanges: 5, maxBytes: 64 * 1024 },
    ...serviceOptions,
  });
  return { site, store, repo, actorId, identity, sync, faults, complaints, blobs };
}
export type Station = ReturnType<typeof makeStation>;

/**
 * The district's record of its streets' staff in memory: user id → the street that reported
 * it ("district" for the district's own accounts, which the test adds).
 */
export class MemoryDistrictDirectory implements DistrictDirectory {
  readonly staff = new Map<string, { streetId: string; siteId: string; active: boolean }>();
  readonly stations = new Map<string, { streetId: string; lastPushAt: string | null }>();

  async holders(userIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of userIds) {
      const held = this.staff.get(id);
      if (held) out.set(id, held.streetId);
    }
    return out;
  }

  /** The streets the district lets define local items (its site rows' flag). */
  readonly allowed = new Set<string>();
  /** Local item versions the district holds, by `code@version`. */
  readonly items = new Map<string, ServiceItem>();
  /** Called with new item versions once stored (the district's authority then knows them). */
  onItems: (items: readonly ServiceItem[]) => void = () => {};

  async localItemsAllowed(streetId: string): Promise<boolean> {
    return this.allowed.has(streetId);
  }

  async itemVersions(codes: readonly string[]): Promise<ServiceItem[]> {
    return [...this.items.values()].filter((i) => codes.includes(i.code));
  }

  async replace(
    streetId: string,
    req: PushDirectoryRequest,
    newItems: readonly ServiceItem[],
  ): Promise<void> {
    for (const i of newItems) this.items.set(`${i.code}@${i.version}`, i);
    this.onItems(newItems);
    for (const u of this.staff.values()) if (u.streetId === streetId) u.active = false;
    for (const u of req.staff)
      this.staff.set(u.id, { streetId, siteId: u.siteId, active: u.active });
    for (const st of req.stations)
      this.stations.set(st.siteId, { streetId, lastPushAt: st.lastPushAt });
  }
}

/** A district node: a hub at the 6-digit code whose feeds are its streets'. */
export function makeDistrict(code = "330106") {
  const directory = new MemoryDistrictDirectory();
  const hub = makeHub(code, {}, { scope: streetScope, directory });
  // What the district stores it has issued, as the libSQL district's catalog_items.
  directory.onItems = (items) => hub.authority.items.push(...items.map(toItemSnapshot));
  return { ...hub, directory };
}
export type District = ReturnType<typeof makeDistrict>;

/**
 * A street hub's upstream loop to its district: the street enrolled under its own code with
 * its node's actor, pushing every change authored under its code and pulling its scope, and
 * relaying its stations' audit chains three rows a push (with `ownAudit`, its own log first,
 * as apps/hub's `createUpstream` sends it).
 */
export function linkStreet(
  district: Hub,
  street: Hub,
  faults: Faults = {},
  opts: { ownAudit?: StationAuditSource } = {},
) {
  const identity = { siteId: street.center, actorIds: [actorFor(street.center)] };
  // Enrolled at the district as a street is (its bulk cases are verified as this sender's).
  district.enrol(`street-${street.center}`, identity);
  const transport = directTransport(district, identity, faults);
  const sync = new SyncService({
    repo: street.repo,
    store: street.store,
    actorId: actorFor(street.center),
    ownPrefix: street.center,
    transport,
    complaints: street.complaints,
    ...(opts.ownAudit ? { audit: opts.ownAudit } : {}),
    relayAudit: street.stationAudit,
    auditLimit: { maxRows: 3, maxBytes: 64 * 1024 },
    pushLimit: { maxChanges: 7, maxBytes: 64 * 1024 },
    pullLimit: { maxChanges: 5, maxBytes: 64 * 1024 },
  });
  return { identity, transport, sync };
}
