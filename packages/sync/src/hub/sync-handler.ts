import { createHash } from "node:crypto";
import { AuditIntake, type StationAuditStore } from "../audit/accept-audit";
import type { AuditPushResponse } from "../audit/messages";
import { BlobIntake, type BlobIntakeDeps } from "../blob/accept-blob";
import type { BlobChunkResponse, BlobOfferResponse, BlobPiece } from "../blob/messages";
import { acceptBulk, type BulkDeps, type BulkResponse, BulkVerifier } from "../bulk/accept-bulk";
import {
  type BulkFrame,
  decodeBulkFrame,
  type EncodedBulkCase,
  encodeBulkCase,
  joinBulkFrame,
} from "../bulk/frame";
import type { AttachmentRef } from "../case-doc";
import type { CaseRepo } from "../case-repo";
import type { ComplaintBook } from "../complaint/complaint-book";
import type {
  PullComplaintsRequest,
  PullComplaintsResponse,
  PushComplaintsRequest,
  PushComplaintsResponse,
} from "../complaint/messages";
import { SyncError } from "../protocol/errors";
import type { PushBatch } from "../protocol/frames";
import {
  LIMITS_BULK_PULL,
  type PullBulkRequest,
  type PullBulkResponse,
  type PullRequest,
  type PullResponse,
  type PushResponse,
  pullBulkRequest,
  type ReferenceRequest,
  type ReferenceResponse,
} from "../protocol/messages";
import { checkProtocol } from "../protocol/refusals";
import { PROTOCOL_VERSION } from "../protocol/version";
import type { AuditEntry, HubStore } from "../store";
import { acceptPush, type StationIdentity } from "./accept-push";
import type { HubAuthority } from "./authority";
import { acceptDirectory, type DistrictDirectory, type PushDirectoryResponse } from "./directory";
import { servePull } from "./serve-pull";

/** A station as the hub's tables hold it: its site, actors and whether its credential is revoked. */
export interface EnrolledStation extends StationIdentity {
  revoked: boolean;
}

/** What the hub node gives its sync handler: its store and its own tables, read when asked. */
export interface SyncHandlerDeps {
  repo: CaseRepo;
  store: HubStore;
  /** The station a credential's hash names, or null. */
  stationByCredentialHash: (hash: string) => Promise<EnrolledStation | null>;
  /** The hub's own tables (staff, sites, issued items) for judging a push, as of today. */
  authority: () => Promise<HubAuthority>;
  /** The reference data for one station (catalog, sites, users, staff directory, calendar). */
  reference: (station: StationIdentity) => Promise<unknown>;
  /**
   * A cheap value that moves whenever anything the reference data is made of changes. Given,
   * a station holding the version last built for it is answered without building it again,
   * unless the stamp moved or that build is older than REFERENCE_MAX_AGE_MS; without it, the
   * reference is built on every call.
   */
  referenceStamp?: () => Promise<string>;
  /** Where the hub keeps its stations' audit rows (`sync.pushAudit`). */
  stationAudit: StationAuditStore;
  /** Records a successful exchange (the dashboard's data freshness); throttled here. */
  exchanged?: (station: StationIdentity, kind: "push" | "pull", at: Date) => Promise<void>;
  now?: () => Date;
  /** The hub's complaints (SPEC.md, Complaints); without it the complaint calls are refused. */
  complaints?: ComplaintBook;
  /** Blob sync (SPEC.md, Blobs): where the hub keeps blobs; without it the blob calls fail. */
  blobs?: Omit<BlobIntakeDeps, "store">;
  /** After a push was stored (a street hub nudges its own sync up to the district). */
  afterPush?: () => void;
  /** A district: where its streets' staff and station freshness go (`sync.pushDirectory`). */
  directory?: DistrictDirectory;
  /** Bulk catch-up (`sync.pushBulk`, SPEC.md "Bulk catch-up"): from a street, or a station. */
  bulk?: Pick<BulkDeps, "bulk" | "identity">;
  /** A sender's catch-up ended (its end frame): the verify loop need not wait for it any longer. */
  afterCatchUp?: () => void;
}

/** The hash a station credential is stored under: the hub never keeps it in clear. */
export function credentialHash(credential: string): string {
  return createHash("sha256").update(credential).digest("hex");
}

/**
 * A station's last push/pull time is for people, to the minute; writing it on every call cost a
 * second durable transaction per push. It is written when it moved by this much since last.
 */
const NOTE_EVERY_MS = 10_000;

/**
 * The longest a station's reference, built once, is answered again while the stamp stands: a
 * change written around the versions the stamp reads (by hand, or a bug) still reaches the
 * stations within this.
 */
export const REFERENCE_MAX_AGE_MS = 60_000;

/**
 * The hub's side of the sync protocol, whatever carries it (tRPC over HTTP at the hub, a
 * direct call in tests): authenticate the station by its credential, then push, pull,
 * reference and take the station's audit rows. Every refusal is a typed SyncError and stores nothing (see SPEC.md).
 */
export class SyncHandler {
  private readonly noted = new Map<string, number>();
  /** Each station's reference as last built: the stamp it was built under, when, and its version. */
  private readonly built = new Map<string, { stamp: string; at: number; version: string }>();
  private readonly audit: AuditIntake;
  private readonly blobs: BlobIntake | null;
  private readonly bulk: BulkDeps | null;
  /** Verifies bulk cases (the district's background pass, and before a push touching one). */
  readonly verifier: BulkVerifier | null;
  /**
   * Catch-ups landing: each sender whose frames arrive and whose end frame has not, with when
   * its last frame arrived (ms, performance clock). The verify loop waits meanwhile.
   */
  private readonly landing = new Map<string, number>();

  constructor(private readonly d: SyncHandlerDeps) {
    this.audit = new AuditIntake(d.stationAudit);
    this.blobs = d.blobs ? new BlobIntake({ ...d.blobs, store: d.store }) : null;
    this.bulk = d.bulk
      ? {
          ...d.bulk,
          repo: d.repo,
          store: d.store,
          authority: d.authority,
          now: d.now ?? (() => new Date()),
        }
      : null;
    this.verifier = this.bulk ? new BulkVerifier(this.bulk) : null;
  }

  /** The station a bearer credential names; UNKNOWN_STATION or REVOKED otherwise. */
  async authenticate(credential: string | null): Promise<StationIdentity> {
    const station = credential
      ? await this.d.stationByCredentialHash(credentialHash(credential))
      : null;
    if (!station) {
      throw new SyncError({
        kind: "UNKNOWN_STATION",
        zh: "本站点未在街道中心登记，请重新登记",
        en: "Unknown station credential",
      });
    }
    if (station.revoked) {
      throw new SyncError({
        kind: "REVOKED",
        zh: "本站点的同步凭证已被停用，请联系街道中心",
        en: "This station's credential was revoked",
      });
    }
    return { siteId: station.siteId, actorIds: station.actorIds };
  }

  /** Checks and stores a push, however it travelled; `audit` lands in the same transaction. */
  async push(
    station: StationIdentity,
    batch: PushBatch,
    audit: readonly AuditEntry[] = [],
  ): Promise<PushResponse> {
    // A case still waiting from a bulk frame is verified first: a push never builds on a claim.
    if (this.verifier) {
      const ids = [...new Set(batch.changes.map((c) => c.caseId))];
      await this.verifier.pass(ids.length, ids);
    }
    const r = await acceptPush(this.d.repo, this.d.store, station, batch, {
      authority: this.d.authority,
      audit: [...audit],
    });
    await this.note(station, "push");
    if (r.appended > 0) this.d.afterPush?.();
    return r;
  }

  async pull(station: StationIdentity, req: PullRequest): Promise<PullResponse> {
    const r = await servePull(this.d.store, station, req);
    await this.note(station, "pull");
    return r;
  }

  /**
   * A page of whole cases of the station's feed (SPEC.md "Bulk pull"): a first pull with a long
   * history stores them without loading a document. The node's own projection goes with each.
   */
  async pullBulk(station: StationIdentity, input: PullBulkRequest): Promise<PullBulkResponse> {
    const req = pullBulkRequest.parse(input);
    checkProtocol(req.protocol);
    const page = await this.d.store.bulkFeedPage(station.siteId, req);
    const cases: EncodedBulkCase[] = [];
    const attachments: Record<string, AttachmentRef[]> = {};
    let bytes = 0;
    let last = page.last;
    for (const c of page.cases) {
      if (cases.length > 0 && bytes > LIMITS_BULK_PULL.maxFrameBytes) {
        // The rest on the next page, from the last case sent.
        last = cases.at(-1)?.caseId ?? last;
        break;
      }
      const encoded = encodeBulkCase(c.caseId, c.projectionJson, c.changes);
      cases.push(encoded);
      bytes += encoded.bytes.length;
      if (c.attachments.length > 0) attachments[c.caseId] = c.attachments;
    }
    await this.note(station, "pull");
    return {
      frame: cases.length > 0 ? joinBulkFrame(PROTOCOL_VERSION, cases) : null,
      upTo: page.upTo,
      last,
      attachments,
    };
  }

  /**
   * The station's audit rows after its cursor: stored once each if they continue the chain the
   * hub holds for that station, refused whole otherwise (SPEC.md, "Audit log").
   */
  pushAudit(station: StationIdentity, input: unknown): Promise<AuditPushResponse> {
    return this.audit.push(station, input);
  }

  /**
   * A station's complaints, saved documents whole: each judged like a case (judge.ts), all
   * stored in one transaction or none, the refusal typed.
   */
  async pushComplaints(
    station: StationIdentity,
    req: PushComplaintsRequest,
  ): Promise<PushComplaintsResponse> {
    checkProtocol(req.protocol);
    const book = this.complaints();
    const authority = await this.d.authority();
    return { stored: await book.acceptFromStation(station.siteId, req.complaints, authority) };
  }

  /** The complaints in a station's scope saved after its cursor (complainant only to the registering station). */
  async pullComplaints(
    station: StationIdentity,
    req: PullComplaintsRequest,
  ): Promise<PullComplaintsResponse> {
    checkProtocol(req.protocol);
    return this.complaints().forStation(station.siteId, req.after);
  }

  /**
   * A street's staff and its stations' freshness (district only), checked against the
   * district's own site tree and the ids other streets hold, then stored whole or not at all.
   */
  async pushDirectory(street: StationIdentity, input: unknown): Promise<PushDirectoryResponse> {
    if (!this.d.directory) {
      // A station calling a street hub: a typed refusal, never a 5xx.
      throw new SyncError({
        kind: "NOT_IN_SCOPE",
        zh: "只有区级节点接收街道的人员目录",
        en: "Only a district node takes a street's directory",
      });
    }
    const authority = await this.d.authority();
    return acceptDirectory(street, input, {
      directory: this.d.directory,
      siteKind: (id) => authority.siteKind(id),
    });
  }

  /**
   * A bulk frame of whole case histories (a node's first link): stored at once as unverified claims,
   * verified later (SPEC.md "Bulk catch-up"); refused whole, typed, when any case is bad. A
   * frame of no cases is the sender's end: nothing to store, its catch-up no longer landing.
   */
  async pushBulk(sender: StationIdentity, frame: Uint8Array | BulkFrame): Promise<BulkResponse> {
    if (!this.bulk) {
      throw new SyncError({
        kind: "NOT_IN_SCOPE",
        zh: "本节点不接收批量补传",
        en: "This node takes no bulk frames",
      });
    }
    const decoded = frame instanceof Uint8Array ? decodeBulkFrame(frame) : frame;
    if (decoded.cases.length === 0) {
      // The sender's end: its frames are all acknowledged.
      if (this.landing.delete(sender.siteId)) this.d.afterCatchUp?.();
      return { stored: 0, verified: 0, already: 0 };
    }
    this.landing.set(sender.siteId, performance.now());
    this.verifier?.frameArriving();
    const r = await acceptBulk(this.bulk, sender, decoded);
    this.landing.set(sender.siteId, performance.now());
    await this.note(sender, "push");
    return r;
  }

  /**
   * Whether a catch-up is still landing: a sender without its end frame yet sent a frame in the
   * last `quietMs` (a sender that stopped without one — it crashed, or predates end frames —
   * counts that long after its last).
   */
  bulkLanding(quietMs: number): boolean {
    const now = performance.now();
    for (const at of this.landing.values()) if (now - at < quietMs) return true;
    return false;
  }

  /** Per offered hash: the hub has it, wants it (from an offset), or refuses it (typed). */
  offerBlobs(station: StationIdentity, input: unknown): Promise<BlobOfferResponse> {
    return this.blobIntake().offer(station, input);
  }

  /** One binary chunk of a blob going up (blob/messages.ts frame); sealed on the last one. */
  pushBlob(station: StationIdentity, frame: Uint8Array): Promise<BlobChunkResponse> {
    return this.blobIntake().pushChunk(station, frame);
  }

  /** A range of a blob going down, scope-checked like a pull. */
  pullBlob(station: StationIdentity, input: unknown): Promise<BlobPiece> {
    return this.blobIntake().pull(station, input);
  }

  private blobIntake(): BlobIntake {
    if (!this.blobs) throw new Error("this hub keeps no blobs");
    return this.blobs;
  }

  private complaints(): ComplaintBook {
    if (!this.d.complaints) throw new Error("this hub keeps no complaints");
    return this.d.complaints;
  }

  /** The reference data, unless the station holds this version already (`known`). */
  async reference(station: StationIdentity, req: ReferenceRequest): Promise<ReferenceResponse> {
    checkProtocol(req.protocol);
    // A station that holds the version built last, while nothing it is made of changed, is
    // told so without building it again: reading and hashing it cost every round a few ms.
    const stamp = await this.d.referenceStamp?.();
    const now = (this.d.now ?? (() => new Date()))().getTime();
    const last = this.built.get(station.siteId);
    if (
      stamp !== undefined &&
      last?.stamp === stamp &&
      last.version === req.known &&
      now >= last.at &&
      now - last.at < REFERENCE_MAX_AGE_MS
    ) {
      return { version: last.version, data: null };
    }
    const data = await this.d.reference(station);
    const version = createHash("sha256").update(JSON.stringify(data)).digest("hex");
    if (stamp !== undefined) this.built.set(station.siteId, { stamp, at: now, version });
    return version === req.known ? { version, data: null } : { version, data };
  }

  private async note(station: StationIdentity, kind: "push" | "pull"): Promise<void> {
    if (!this.d.exchanged) return;
    const now = (this.d.now ?? (() => new Date()))();
    const key = `${station.siteId} ${kind}`;
    const before = this.noted.get(key);
    if (before !== undefined && Math.abs(now.getTime() - before) < NOTE_EVERY_MS) return;
    await this.d.exchanged(station, kind, now);
    this.noted.set(key, now.getTime());
  }
}
