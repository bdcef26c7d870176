/**
 * The station's side of the wire, spoken from the bench: the same tRPC-over-fetch format as
 * apps/station/src/sync/transport.ts (HttpSyncTransport) — a binary push frame POSTed to
 * `sync.pushFrames`, POST JSON for enrol, GET with `?input=` for pull — with the credential
 * as a bearer token. Counts the bytes of every request and response body (for a GET, the
 * encoded `input` of the query string).
 */
import {
  type EncodedPushEntry,
  encodePushEntry,
  joinPushFrame,
  PROTOCOL_VERSION,
  type PullRequest,
  type PullResponse,
  type PushResponse,
} from "@bangban/sync";

export interface WireCount {
  requests: number;
  up: number;
  down: number;
}

export class WireError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`hub answered ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * The wait a busy hub asked for (a typed 429 RETRY_AFTER, read as the station's transport
 * reads it: milliseconds, else seconds), or null when `e` is not that refusal.
 */
export function retryAfterOf(e: unknown): number | null {
  if (!(e instanceof WireError) || e.status !== 429) return null;
  try {
    const d = (
      JSON.parse(e.body) as {
        error?: {
          data?: { bangban?: { code?: string; retryAfterMs?: number; retryAfterSeconds?: number } };
        };
      }
    ).error?.data?.bangban;
    if (d?.code !== "RETRY_AFTER") return null;
    return d.retryAfterMs ?? (d.retryAfterSeconds ?? 0) * 1000;
  } catch {
    return null;
  }
}

export class BenchTransport {
  readonly count: WireCount = { requests: 0, up: 0, down: 0 };

  constructor(
    readonly hubUrl: string,
    private credential: string | null = null,
  ) {}

  /**
   * A push of pre-encoded entries (`changeEntry`): the frame is their concatenation behind
   * its header, byte for byte what the station's `encodePushFrame` sends.
   */
  async pushRaw(entries: readonly EncodedPushEntry[]): Promise<PushResponse> {
    return this.call<PushResponse>(
      "sync.pushFrames",
      "POST",
      joinPushFrame(PROTOCOL_VERSION, entries),
    );
  }

  async pull(req: Omit<PullRequest, "protocol">): Promise<PullResponse> {
    const input = encodeURIComponent(JSON.stringify({ protocol: PROTOCOL_VERSION, ...req }));
    return this.call<PullResponse>("sync.pull", "GET", input);
  }

  async enrol(code: string, actorIds: string[]): Promise<{ siteId: string; credential: string }> {
    const body = JSON.stringify({ protocol: PROTOCOL_VERSION, code, actorIds });
    const r = await this.call<{ siteId: string; credential: string }>("sync.enrol", "POST", body);
    this.credential = r.credential;
    return r;
  }

  private async call<T>(
    path: string,
    method: "GET" | "POST",
    payload: string | Uint8Array,
  ): Promise<T> {
    const url =
      method === "GET"
        ? `${this.hubUrl}/trpc/${path}?input=${payload}`
        : `${this.hubUrl}/trpc/${path}`;
    const binary = typeof payload !== "string";
    const headers: Record<string, string> = {
      "content-type": binary ? "application/octet-stream" : "application/json",
    };
    if (this.credential) headers.authorization = `Bearer ${this.credential}`;
    const res = await fetch(url, {
      method,
      headers,
      body: method === "POST" ? payload : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    this.count.requests += 1;
    this.count.up += binary ? payload.byteLength : Buffer.byteLength(payload);
    this.count.down += Buffer.byteLength(text);
    if (!res.ok) throw new WireError(res.status, text);
    const body = JSON.parse(text) as { result?: { data: T } };
    if (!body.result) throw new WireError(res.status, text);
    return body.result.data;
  }
}

/** One push entry as the station encodes it in a frame: its case id and its change, length-prefixed. */
export function changeEntry(caseId: string, bytes: Uint8Array): EncodedPushEntry {
  return encodePushEntry(caseId, bytes);
}

/** A tRPC call to a process's UI API with a session cookie (login, system.syncNow). */
export class UiClient {
  private cookie = "";
  constructor(readonly base: string) {}

  async call<T>(path: string, input: unknown, timeoutMs = 600_000): Promise<T> {
    const res = await fetch(`${this.base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookie },
      body: JSON.stringify(input ?? null),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    const text = await res.text();
    if (!res.ok) throw new WireError(res.status, text);
    return (JSON.parse(text) as { result: { data: T } }).result.data;
  }

  /** A tRPC query (GET, its input in the URL), as the browser reads a case. */
  async query<T>(path: string, input: unknown): Promise<T> {
    const q = encodeURIComponent(JSON.stringify(input));
    const res = await this.request(`/trpc/${path}?input=${q}`);
    const text = await res.text();
    if (!res.ok) throw new WireError(res.status, text);
    return (JSON.parse(text) as { result: { data: T } }).result.data;
  }

  /** A plain request to the process with the session cookie (attachments are not tRPC). */
  request(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookie },
      signal: AbortSignal.timeout(600_000),
    });
  }

  login(username: string, password = "bangban2026"): Promise<unknown> {
    return this.call("auth.login", { username, password });
  }
}
