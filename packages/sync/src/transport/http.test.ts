import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainRows } from "../audit/station-audit-suite";
import { SyncError } from "../protocol/errors";
import { decodePushFrame } from "../protocol/frames";
import { PROTOCOL_VERSION } from "../protocol/version";
import { HttpSyncTransport } from "./http";

/** A stand-in hub that records each request and answers with the next prepared reply. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}
const seen: Seen[] = [];
let reply: { status: number; body: string } = { status: 200, body: "{}" };
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refusal = (status: number, code: string) => ({
  status,
  body: JSON.stringify({
    error: { message: code, code: -32600, data: { bangban: { code, zh: "拒收", en: code } } },
  }),
});

const CASE = "01KCASE0000000000000000001";
const batch = {
  protocol: PROTOCOL_VERSION,
  changes: [
    { caseId: CASE, bytes: new Uint8Array([1, 2, 3]) },
    { caseId: CASE, bytes: new Uint8Array([4, 5]) },
  ],
};

describe("HttpSyncTransport", () => {
  it("pushes one binary frame to sync.pushFrames with the station's credential", async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ result: { data: { stored: 2, appended: 2, cases: 1 } } }),
    };
    const t = new HttpSyncTransport({ hubUrl: `${url}/`, credential: "secret" });
    expect(await t.push(batch)).toEqual({ stored: 2, appended: 2, cases: 1 });
    const req = seen.at(-1) as Seen;
    expect(req).toMatchObject({ method: "POST", url: "/trpc/sync.pushFrames" });
    expect(req.headers["content-type"]).toBe("application/octet-stream");
    expect(req.headers.authorization).toBe("Bearer secret");
    expect(Number(req.headers["content-length"])).toBe(req.body.length);
    expect(decodePushFrame(new Uint8Array(req.body))).toEqual(batch);
    // The case is named once for its two changes: "BB", version, count, 26 + id, 3 + 3, 0, 2 + 2.
    expect(req.body.length).toBe(4 + 27 + 4 + 1 + 3);
  });

  it("turns the hub's typed refusals into SyncErrors, anything else into plain errors", async () => {
    const t = new HttpSyncTransport({ hubUrl: url, credential: "secret" });
    for (const [status, code] of [
      [413, "BATCH_TOO_LARGE"],
      [403, "FORGED_ACTOR"],
      [400, "MALFORMED_BATCH"],
    ] as const) {
      reply = refusal(status, code);
      const e = await t.push(batch).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SyncError);
      expect((e as SyncError).data.kind).toBe(code);
    }
    reply = { status: 502, body: "bad gateway" };
    const e = await t.push(batch).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(SyncError);
  });

  it("keeps the refused case's id and the hub's retry-after, which drive the station's recovery", async () => {
    const t = new HttpSyncTransport({ hubUrl: url, credential: "cred" });
    reply = {
      status: 403,
      body: JSON.stringify({
        error: {
          data: { bangban: { code: "FORBIDDEN_EVENT", zh: "拒收", en: "no", caseId: CASE } },
        },
      }),
    };
    const refused = await t.push(batch).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SyncError);
    expect((refused as SyncError).data).toMatchObject({ kind: "FORBIDDEN_EVENT", caseId: CASE });
    reply = {
      status: 429,
      body: JSON.stringify({
        error: {
          data: { bangban: { code: "RETRY_AFTER", zh: "忙", en: "busy", retryAfterSeconds: 3 } },
        },
      }),
    };
    const busy = await t.push(batch).catch((e: unknown) => e);
    expect((busy as SyncError).data).toMatchObject({ kind: "RETRY_AFTER", retryAfterMs: 3000 });
  });

  it("still pulls with a JSON query", async () => {
    reply = {
      status: 200,
      body: JSON.stringify({
        result: { data: { changes: [], next: 0, remaining: { changes: 0, bytes: 0, cases: 0 } } },
      }),
    };
    await new HttpSyncTransport({ hubUrl: url, credential: "secret" }).pull({
      protocol: PROTOCOL_VERSION,
      after: 0,
    });
    const req = seen.at(-1) as Seen;
    expect(req.method).toBe("GET");
    expect(decodeURIComponent(req.url)).toBe(
      `/trpc/sync.pull?input={"protocol":${PROTOCOL_VERSION},"after":0}`,
    );
  });

  it("pushes audit rows as JSON; an older hub's 404 is 'no such call', a chain refusal stays typed", async () => {
    const t = new HttpSyncTransport({ hubUrl: url, credential: "secret" });
    const rows = chainRows("330106001001", 2);
    reply = { status: 200, body: JSON.stringify({ result: { data: { stored: 2, last: 2 } } }) };
    expect(await t.pushAudit({ protocol: PROTOCOL_VERSION, rows })).toEqual({ stored: 2, last: 2 });
    const req = seen.at(-1) as Seen;
    expect(req).toMatchObject({ method: "POST", url: "/trpc/sync.pushAudit" });
    expect(JSON.parse(req.body.toString())).toEqual({ protocol: PROTOCOL_VERSION, rows });
    // What a hub from before the call answers: tRPC's NOT_FOUND for an unknown procedure.
    reply = refusal(404, "NOT_FOUND");
    expect(await t.pushAudit({ protocol: PROTOCOL_VERSION, rows })).toBeNull();
    reply = refusal(403, "AUDIT_CHAIN_BROKEN");
    const e = await t.pushAudit({ protocol: PROTOCOL_VERSION, rows }).catch((x: unknown) => x);
    expect((e as SyncError).data.kind).toBe("AUDIT_CHAIN_BROKEN");
    // Any other 404 body (a proxy's page) is a network failure, not an older hub.
    reply = { status: 404, body: "not here" };
    const lost = await t.pushAudit({ protocol: PROTOCOL_VERSION, rows }).catch((x: unknown) => x);
    expect(lost).toBeInstanceOf(Error);
    expect(lost).not.toBeInstanceOf(SyncError);
  });

  it("complaints: a hub older than the complaint calls (tRPC's 404 NOT_FOUND) answers null, not an error", async () => {
    reply = refusal(404, "NOT_FOUND");
    const t = new HttpSyncTransport({ hubUrl: url, credential: "secret" });
    expect(await t.pullComplaints({ protocol: PROTOCOL_VERSION, after: 0 })).toBeNull();
    expect(decodeURIComponent((seen.at(-1) as Seen).url)).toContain("/trpc/sync.pullComplaints?");
    const doc = { id: "01JCOMPLAINT0000000000001A", doc: "AAAA", complainant: null };
    expect(await t.pushComplaints({ protocol: PROTOCOL_VERSION, complaints: [doc] })).toBeNull();
    // A typed refusal from a hub that knows the call is still a SyncError.
    reply = refusal(403, "FORBIDDEN_EVENT");
    await expect(
      t.pushComplaints({ protocol: PROTOCOL_VERSION, complaints: [doc] }),
    ).rejects.toBeInstanceOf(SyncError);
  });
});
