import type { AuditPushRequest, AuditPushResponse } from "../audit/messages";
import {
  type BlobChunk,
  type BlobChunkResponse,
  type BlobOfferRequest,
  type BlobOfferResponse,
  type BlobPiece,
  type BlobPullRequest,
  encodeChunkFrame,
} from "../blob/messages";
import type { BulkResponse } from "../bulk/accept-bulk";
import { decodePullBulkBody } from "../bulk/frame";
import type {
  PullComplaintsRequest,
  PullComplaintsResponse,
  PushComplaintsRequest,
  PushComplaintsResponse,
} from "../complaint/messages";
import type { PushDirectoryRequest, PushDirectoryResponse } from "../hub/directory";
import { SYNC_ERROR_KINDS, SyncError, type SyncErrorKind } from "../protocol/errors";
import { encodePushFrame, type PushBatch } from "../protocol/frames";
import type {
  EnrolRequest,
  EnrolResponse,
  PullBulkRequest,
  PullBulkResponse,
  PullRequest,
  PullResponse,
  PushResponse,
  ReferenceRequest,
  ReferenceResponse,
} from "../protocol/messages";
import type { SyncTransport } from "../station/sync-service";

/**
 * Where the hub serves each sync message over HTTP: tRPC procedures under /trpc (the hub's
 * router wraps SyncHandler in them), and its health check. The transport suite holds the
 * hub's app and this client to the same paths.
 */
export const SYNC_HTTP_PATHS = {
  enrol: "sync.enrol",
  push: "sync.pushFrames",
  pull: "sync.pull",
  /** A plain route (bytes down), not a procedure: `GET /sync/bulk`. */
  pullBulk: "/sync/bulk",
  reference: "sync.reference",
  pushAudit: "sync.pushAudit",
  pushComplaints: "sync.pushComplaints",
  pushDirectory: "sync.pushDirectory",
  pushBulk: "sync.pushBulk",
  pullComplaints: "sync.pullComplaints",
  offerBlobs: "sync.offerBlobs",
  pushBlob: "sync.pushBlob",
  /** A plain route (bytes down), not a procedure: `GET /sync/blobs/:hash`. */
  pullBlob: "/sync/blobs",
  health: "/healthz",
} as const;

/** The body tRPC answers with: the result, or the hub's typed refusal (trpc.ts's formatter). */
interface HubReply {
  error?: {
    message?: string;
    data?: {
      bangban?: {
        code?: string;
        zh?: string;
        en?: string;
        caseId?: string;
        retryAfterSeconds?: number;
        retryAfterMs?: number;
      };
    };
  };
  result?: { data: unknown };
}

export interface HttpTransportOptions {
  hubUrl: string;
  /** The station's credential (a bearer token); null only to enrol. */
  credential: string | null;
  timeoutMs?: number;
  /** Defaults to the global fetch; tests pass a Hono app's `request`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/**
 * The station's side of the wire: the hub's HTTP binding spoken with fetch (no client library),
 * the credential as a bearer token, a timeout on every call. A push is one binary frame
 * (protocol 2); every other call is JSON. The hub's typed refusals come back as SyncError;
 * anything else (refused connection, timeout, 5xx) as a plain Error, which the sync loop
 * treats as "offline, retry with backoff".
 */
export class HttpSyncTransport implements SyncTransport {
  private readonly base: string;
  private readonly fetch: NonNullable<HttpTransportOptions["fetch"]>;
  private readonly timeoutMs: number;

  constructor(private readonly o: HttpTransportOptions) {
    this.base = o.hubUrl.replace(/\/+$/, "");
    this.fetch = o.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = o.timeoutMs ?? 30_000;
  }

  push(batch: PushBatch): Promise<PushResponse> {
    return this.call<PushResponse>(SYNC_HTTP_PATHS.push, encodePushFrame(batch), "POST");
  }

  pull(req: PullRequest): Promise<PullResponse> {
    return this.call<PullResponse>(SYNC_HTTP_PATHS.pull, req, "GET");
  }

  /**
   * A page of whole cases of the feed (a first pull with a long history), as bytes: the page's
   * meta (JSON) behind its length, then the bulk frame. Null when the hub predates it.
   */
  async pullBulk(req: PullBulkRequest): Promise<PullBulkResponse | null> {
    const q = new URLSearchParams({
      protocol: String(req.protocol),
      after: req.after ?? "",
      ...(req.upTo === null || req.upTo === undefined ? {} : { upTo: String(req.upTo) }),
      ...(req.maxCases === undefined ? {} : { maxCases: String(req.maxCases) }),
    });
    const res = await this.getBytes(`${SYNC_HTTP_PATHS.pullBulk}?${q}`);
    return res && decodePullBulkBody(new Uint8Array(await res.arrayBuffer()));
  }

  reference(req: ReferenceRequest): Promise<ReferenceResponse> {
    return this.call<ReferenceResponse>(SYNC_HTTP_PATHS.reference, req, "GET");
  }

  /** Null when the hub has no such procedure (404 NOT_FOUND): a hub older than the call. */
  pushAudit(req: AuditPushRequest): Promise<AuditPushResponse | null> {
    return this.callIfKnown<AuditPushResponse>(SYNC_HTTP_PATHS.pushAudit, req, "POST");
  }

  /** Null when the hub does not know the call (a hub older than complaints). */
  pushComplaints(req: PushComplaintsRequest): Promise<PushComplaintsResponse | null> {
    return this.callIfKnown<PushComplaintsResponse>(SYNC_HTTP_PATHS.pushComplaints, req, "POST");
  }

  /** A street's staff and stations' freshness to its district (null: the district predates it). */
  pushDirectory(req: PushDirectoryRequest): Promise<PushDirectoryResponse | null> {
    return this.callIfKnown<PushDirectoryResponse>(SYNC_HTTP_PATHS.pushDirectory, req, "POST");
  }

  /** A bulk frame of whole case histories (bulk/frame.ts) to a district; null when it predates it. */
  pushBulk(frame: Uint8Array): Promise<BulkResponse | null> {
    return this.callIfKnown<BulkResponse>(SYNC_HTTP_PATHS.pushBulk, frame, "POST");
  }

  /** Null when the hub does not know the call (a hub older than complaints). */
  pullComplaints(req: PullComplaintsRequest): Promise<PullComplaintsResponse | null> {
    return this.callIfKnown<PullComplaintsResponse>(SYNC_HTTP_PATHS.pullComplaints, req, "GET");
  }

  /** Null when the hub predates blob sync. */
  offerBlobs(req: BlobOfferRequest): Promise<BlobOfferResponse | null> {
    return this.callIfKnown<BlobOfferResponse>(SYNC_HTTP_PATHS.offerBlobs, req, "POST");
  }

  /** One chunk up as its binary frame; null when the hub predates blob sync. */
  pushBlob(chunk: BlobChunk): Promise<BlobChunkResponse | null> {
    return this.callIfKnown<BlobChunkResponse>(
      SYNC_HTTP_PATHS.pushBlob,
      encodeChunkFrame(chunk),
      "POST",
    );
  }

  /**
   * A range of a blob down as bytes (`GET /sync/blobs/:hash`). Null when the hub predates the
   * route: it answers 404 without a sync refusal, or its web UI's page instead of bytes.
   */
  async pullBlob(req: BlobPullRequest): Promise<BlobPiece | null> {
    const q = new URLSearchParams({
      protocol: String(req.protocol),
      offset: String(req.offset),
      ...(req.maxBytes === undefined ? {} : { maxBytes: String(req.maxBytes) }),
    });
    const res = await this.getBytes(`${SYNC_HTTP_PATHS.pullBlob}/${req.hash}?${q}`, "ok");
    if (!res) return null;
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { bytes, size: Number(res.headers.get("x-blob-size")) };
  }

  /**
   * A GET of bytes from one of the hub's plain routes (`path` with its query), with the
   * credential: the response when it brought bytes; null when the hub has no such route (404),
   * or, with `ok`, answered 2xx without bytes; the hub's typed refusal thrown.
   */
  private async getBytes(path: string, nullAlso?: "ok"): Promise<Response | null> {
    const headers: Record<string, string> = {};
    if (this.o.credential) headers.authorization = `Bearer ${this.o.credential}`;
    const res = await this.fetch(`${this.base}${path}`, {
      headers,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const type = res.headers.get("content-type") ?? "";
    if (res.ok && type.startsWith("application/octet-stream")) return res;
    const body = (await res.json().catch(() => ({}))) as HubReply;
    const refusal = refusalOf(body);
    if (refusal) throw refusal;
    if (res.status === 404 || (nullAlso === "ok" && res.ok)) return null;
    throw new Error(`hub answered ${res.status}: ${body.error?.message ?? "no body"}`);
  }

  /** A call added after protocol 2 without a bump: null when the hub predates it. */
  private async callIfKnown<T>(
    path: string,
    input: unknown,
    method: "GET" | "POST",
  ): Promise<T | null> {
    try {
      return await this.call<T>(path, input, method);
    } catch (e) {
      if (e instanceof NoSuchCall) return null;
      throw e;
    }
  }

  enrol(req: EnrolRequest): Promise<EnrolResponse> {
    return this.call<EnrolResponse>(SYNC_HTTP_PATHS.enrol, req, "POST");
  }

  /** A cheap look: does the hub answer its health check? Never throws. */
  async health(): Promise<boolean> {
    try {
      const res = await this.fetch(`${this.base}${SYNC_HTTP_PATHS.health}`, {
        signal: AbortSignal.timeout(Math.min(this.timeoutMs, 5000)),
      });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  /** A GET carries its input in the query; a POST as JSON, or as itself when it is bytes. */
  private async call<T>(path: string, input: unknown, method: "GET" | "POST"): Promise<T> {
    const url =
      method === "GET"
        ? `${this.base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${this.base}/trpc/${path}`;
    const binary = input instanceof Uint8Array;
    const headers: Record<string, string> = {
      "content-type": binary ? "application/octet-stream" : "application/json",
    };
    if (this.o.credential) headers.authorization = `Bearer ${this.o.credential}`;
    const res = await this.fetch(url, {
      method,
      headers,
      body:
        method === "GET"
          ? undefined
          : binary
            ? (input as Uint8Array<ArrayBuffer>)
            : JSON.stringify(input),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as HubReply;
    if (res.ok && body.result) return body.result.data as T;
    const e = body.error?.data?.bangban;
    const refusal = refusalOf(body);
    if (refusal) throw refusal;
    // tRPC's answer for a procedure it does not have: the hub predates the call.
    if (res.status === 404 && e?.code === "NOT_FOUND") throw new NoSuchCall(path);
    throw new Error(`hub answered ${res.status}: ${e?.en ?? body.error?.message ?? "no body"}`);
  }
}

/** The hub's typed refusal in a reply body, or null when it holds none. */
function refusalOf(body: HubReply): SyncError | null {
  const e = body.error?.data?.bangban;
  if (!e?.code || !(SYNC_ERROR_KINDS as readonly string[]).includes(e.code)) return null;
  return new SyncError({
    kind: e.code as SyncErrorKind,
    zh: e.zh ?? "",
    en: e.en ?? "",
    ...(typeof e.caseId === "string" ? { caseId: e.caseId } : {}),
    ...(typeof e.retryAfterMs === "number"
      ? { retryAfterMs: e.retryAfterMs }
      : typeof e.retryAfterSeconds === "number"
        ? { retryAfterMs: e.retryAfterSeconds * 1000 }
        : {}),
  });
}

/** The hub answered that it has no procedure at this path. */
class NoSuchCall extends Error {
  constructor(path: string) {
    super(`the hub has no procedure ${path}`);
  }
}
