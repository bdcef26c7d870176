import {
  type EnrolRequest,
  type EnrolResponse,
  encodePushFrame,
  type PullRequest,
  type PullResponse,
  type PushBatch,
  type PushResponse,
  SYNC_ERROR_KINDS,
  SyncError,
  type SyncErrorKind,
  type SyncTransport,
} from "@bangban/sync";

interface TrpcErrorBody {
  error?: {
    message?: string;
    data?: {
      bangban?: {
        code?: string;
        zh?: string;
        en?: string;
        caseId?: string;
        retryAfterSeconds?: number;
      };
    };
  };
  result?: { data: unknown };
}

/**
 * The station's side of the wire: tRPC's HTTP format spoken with fetch (no client library),
 * the credential as a bearer token, a timeout on every call. A push is one binary frame
 * (protocol 2, `sync.pushFrames`); every other call is JSON. The hub's typed refusals come
 * back as SyncError; anything else (refused connection, timeout, 5xx) as a plain Error,
 * which the sync loop treats as "offline, retry with backoff".
 */
export class HttpSyncTransport implements SyncTransport {
  constructor(
    private readonly hubUrl: string,
    private readonly credential: string | null,
    private readonly timeoutMs = 30_000,
  ) {}

  async push(batch: PushBatch): Promise<PushResponse> {
    return this.call<PushResponse>("sync.pushFrames", encodePushFrame(batch), "POST");
  }

  async pull(req: PullRequest): Promise<PullResponse> {
    return this.call<PullResponse>("sync.pull", req, "GET");
  }

  async reference(known: string, protocol: number): Promise<{ version: string; data: unknown }> {
    return this.call("sync.reference", { protocol, known }, "GET");
  }

  async enrol(req: EnrolRequest): Promise<EnrolResponse> {
    return this.call<EnrolResponse>("sync.enrol", req, "POST");
  }

  /** A GET carries its input in the query; a POST as JSON, or as itself when it is bytes. */
  private async call<T>(path: string, input: unknown, method: "GET" | "POST"): Promise<T> {
    const base = this.hubUrl.replace(/\/+$/, "");
    const url =
      method === "GET"
        ? `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${base}/trpc/${path}`;
    const binary = input instanceof Uint8Array;
    const headers: Record<string, string> = {
      "content-type": binary ? "application/octet-stream" : "application/json",
    };
    if (this.credential) headers.authorization = `Bearer ${this.credential}`;
    const res = await fetch(url, {
      method,
      headers,
      body: method === "GET" ? undefined : binary ? input : JSON.stringify(input),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as TrpcErrorBody;
    if (res.ok && body.result) return body.result.data as T;
    const e = body.error?.data?.bangban;
    if (e?.code && (SYNC_ERROR_KINDS as readonly string[]).includes(e.code)) {
      throw new SyncError({
        kind: e.code as SyncErrorKind,
        zh: e.zh ?? "",
        en: e.en ?? "",
        ...(typeof e.caseId === "string" ? { caseId: e.caseId } : {}),
        ...(typeof e.retryAfterSeconds === "number"
          ? { retryAfterMs: e.retryAfterSeconds * 1000 }
          : {}),
      });
    }
    throw new Error(`hub answered ${res.status}: ${e?.en ?? body.error?.message ?? "no body"}`);
  }
}
