import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { pathToFileURL } from "node:url";
import {
  type Client,
  createClient,
  type InStatement,
  type InValue,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import { type Db, type OpenDbOptions, openDb } from "./client";
import type { TempDb } from "./testing";

/**
 * A libSQL server for tests: Hrana 2 over HTTP (`POST /v2/pipeline`, JSON), the protocol
 * @libsql/client speaks for `http:`, `https:` and `libsql:` URLs, in front of an embedded
 * libSQL file. No sqld binary can be had on this machine (not on npm, no container engine),
 * so the node's database is tested through the client's remote mode against this instead.
 *
 * As in sqld, a stream is one connection of its own: what a request sets on it (a BEGIN, a
 * PRAGMA foreign_keys) holds for the stream's later requests and no other stream's. The
 * embedded client returns a connection to its pool after each call and rolls back what it left
 * open, so a stream holds a single-connection client and runs an open transaction through
 * `client.transaction()`.
 */
export interface HranaTestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The embedded file behind it, for a test that looks at it from the side. */
  fileUrl: string;
  /** Pipeline requests answered so far (a test can see its queries went over the wire). */
  readonly pipelines: number;
  close(): Promise<void>;
}

type Value =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
interface Stmt {
  sql?: string;
  sql_id?: number;
  args?: Value[];
  named_args?: { name: string; value: Value }[];
  want_rows?: boolean;
}
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type StreamRequest =
  | { type: "close" | "get_autocommit" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond; stmt: Stmt }[] } }
  | { type: "sequence" | "describe"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };
type HranaError = { message: string; code?: string };
/** Over WebSocket a request names its stream, and streams are opened and closed by request. */
type WsRequest = (StreamRequest | { type: "open_stream" } | { type: "close_stream" }) & {
  stream_id?: number;
};

/** One Hrana stream: its own connection, its stored SQL texts, its open transaction. */
class Stream {
  private tx: Transaction | null = null;
  /** Requests of one stream run one after another, as their pipelines arrive. */
  queue: Promise<unknown> = Promise.resolve();

  /** `sqls`: stored SQL texts, a stream's own over HTTP, the socket's over WebSocket. */
  constructor(
    private readonly client: Client,
    readonly sqls: Map<number, string> = new Map(),
  ) {}

  get autocommit(): boolean {
    return this.tx === null;
  }

  /** Runs one statement on this stream's connection, following BEGIN / COMMIT / ROLLBACK. */
  async run(stmt: InStatement): Promise<ResultSet> {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    refuseAsSqld(sql);
    const begin = /^\s*BEGIN\b\s*(DEFERRED|IMMEDIATE|EXCLUSIVE)?/i.exec(sql);
    if (begin && this.tx === null) {
      this.tx = await this.client.transaction(beginMode(begin[1]));
      return emptyResult();
    }
    if (this.tx !== null && /^\s*(COMMIT|END)\b/i.test(sql)) {
      const tx = this.tx;
      this.tx = null;
      await tx.commit();
      return emptyResult();
    }
    if (this.tx !== null && /^\s*ROLLBACK\s*(TRANSACTION)?\s*;?\s*$/i.test(sql)) {
      const tx = this.tx;
      this.tx = null;
      await tx.rollback();
      return emptyResult();
    }
    if (this.tx === null) return this.client.execute(stmt);
    try {
      return await this.tx.execute(stmt);
    } finally {
      // An error SQLite answers with a rollback of its own ends the transaction.
      if (this.tx?.closed) {
        this.tx.close();
        this.tx = null;
      }
    }
  }

  async sequence(sql: string): Promise<void> {
    refuseAsSqld(sql);
    await (this.tx ?? this.client).executeMultiple(sql);
  }

  close(): void {
    this.tx?.close();
    this.tx = null;
    this.client.close();
  }
}

/** Pragmas sqld serves with or without an argument (reads, and foreign keys on the primary). */
const PRAGMAS_ALWAYS = new Set(
  `table_list index_list table_info table_xinfo index_info index_xinfo pragma_list
   compile_options database_list function_list module_list encoding defer_foreign_keys
   foreign_keys foreign_key_list foreign_key_check collation_list data_version
   freelist_count integrity_check legacy_file_format page_count quick_check stats
   user_version`.split(/\s+/),
);
/** Connection and storage settings sqld lets a client read but not change. */
const PRAGMAS_READ_ONLY = new Set(
  `schema_version analysis_limit application_id auto_vacuum automatic_index busy_timeout
   cache_size cache_spill cell_size_check checkpoint_fullfsync fullfsync hard_heap_limit
   journal_mode journal_size_limit legacy_alter_table locking_mode max_page_count
   mmap_size page_size query_only read_uncommitted recursive_triggers
   reverse_unordered_selects secure_delete soft_heap_limit synchronous temp_store threads
   trusted_schema wal_autocheckpoint`.split(/\s+/),
);

/**
 * sqld classifies every statement before running it and refuses what it cannot place
 * ("unsupported statement"): ANALYZE, VACUUM, temporary tables, views and triggers, ATTACH of a
 * file, PRAGMA optimize / wal_checkpoint / any pragma it does not know, and a connection or
 * storage setting given a value (journal_mode=WAL, synchronous=FULL, cache_size=…: the server
 * owns its storage). This server refuses the same, so a statement a real server would turn
 * away fails in these tests first. Statements are told apart at each `;`; inside a trigger body
 * only DML follows one, which passes.
 */
function refuseAsSqld(sql: string): void {
  const bare = sql.replace(/--[^\n]*/g, " ").replace(/\/\*[\s\S]*?\*\//g, " ");
  for (const piece of bare.split(";")) {
    const s = piece.trim();
    const pragma = /^PRAGMA\s+(?:\w+\s*\.\s*)?(\w+)\s*([=(])?/i.exec(s);
    const refused = pragma
      ? !PRAGMAS_ALWAYS.has(pragma[1]?.toLowerCase() ?? "") &&
        !(PRAGMAS_READ_ONLY.has(pragma[1]?.toLowerCase() ?? "") && !pragma[2])
      : /^(ANALYZE|VACUUM)\b|^CREATE\s+(TEMP|TEMPORARY)\b|^ATTACH\s+(DATABASE\s+)?'/i.test(s);
    if (refused) {
      // The message is sqld's; the code is this server's own name for it.
      throw { message: `unsupported statement: ${s}`, code: "UNSUPPORTED_STATEMENT" };
    }
  }
}

function beginMode(word: string | undefined): TransactionMode {
  return word && /IMMEDIATE|EXCLUSIVE/i.test(word) ? "write" : "deferred";
}

function emptyResult(): ResultSet {
  return {
    columns: [],
    columnTypes: [],
    rows: [],
    rowsAffected: 0,
    lastInsertRowid: undefined,
    toJSON: () => ({}),
  };
}

/** Starts the server on 127.0.0.1 (a free port) in front of `file` (created if missing). */
export async function startHranaServer(
  file: string,
  opts: { authToken?: string } = {},
): Promise<HranaTestServer> {
  const fileUrl = pathToFileURL(file).href;
  // The file is the server's business, as sqld's storage is: WAL once, here.
  const setup = createClient({ url: fileUrl });
  await setup.execute("PRAGMA journal_mode=WAL");
  setup.close();

  const streams = new Map<string, Stream>();
  let pipelines = 0;
  // No busy wait: the embedded driver waits synchronously, on the thread this server and the
  // test share, so a stream waiting for another's lock would stop the holder too. A pipeline
  // runs to its end without yielding to another request, so only a transaction held open
  // across round trips (the node keeps none) meets a lock, and it gets SQLITE_BUSY at once.
  const openStream = (sqls?: Map<number, string>) =>
    new Stream(createClient({ url: fileUrl, concurrency: 1, intMode: "bigint", timeout: 0 }), sqls);

  async function pipeline(body: { baton?: string | null; requests: StreamRequest[] }) {
    let baton = body.baton ?? null;
    const stream = baton ? streams.get(baton) : openStream();
    if (!stream) return { status: 400, body: { message: "unknown or expired baton" } };
    if (baton) streams.delete(baton);
    const run = stream.queue.then(() => answerAll(stream, body.requests));
    stream.queue = run.catch(() => undefined);
    const { results, closed } = await run;
    baton = null;
    if (closed) stream.close();
    else {
      baton = randomUUID();
      streams.set(baton, stream);
    }
    pipelines += 1;
    return { status: 200, body: { baton, base_url: null, results } };
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => reply(res, 500, { message: String(e) }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (opts.authToken && req.headers.authorization !== `Bearer ${opts.authToken}`) {
      // No `message` field: the client reports the HTTP status, as it does for sqld's refusal.
      return reply(res, 401, { error: "Unauthorized: missing or wrong auth token" });
    }
    if (req.method === "GET" && (req.url === "/v2" || req.url === "/health")) {
      return reply(res, 200, {});
    }
    if (req.method !== "POST" || req.url !== "/v2/pipeline") {
      return reply(res, 404, { message: `no ${req.method} ${req.url} here` });
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await pipeline(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    reply(res, answer.status, answer.body);
  }
  const sockets = new Set<Duplex>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    acceptWebSocket(req, socket, opts.authToken, openStream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fileUrl,
    get pipelines() {
      return pipelines;
    },
    close: async () => {
      for (const s of streams.values()) s.close();
      streams.clear();
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/**
 * Hrana 2 over WebSocket (`ws://`, subprotocol "hrana2", JSON text frames): a hello with the
 * token, then requests answered in order. Streams and stored SQL belong to the socket.
 */
function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  authToken: string | undefined,
  openStream: (sqls: Map<number, string>) => Stream,
): void {
  const key = req.headers["sec-websocket-key"];
  const offered = String(req.headers["sec-websocket-protocol"] ?? "").split(/\s*,\s*/);
  if (!key || !offered.includes("hrana2")) {
    socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    return;
  }
  const accept = createHash("sha1")
    .update(key + WS_GUID)
    .digest("base64");
  socket.write(
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
      `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: hrana2\r\n\r\n`,
  );
  const streams = new Map<number, Stream>();
  const sqls = new Map<number, string>();
  const send = (msg: object) => socket.write(wsFrame(0x1, Buffer.from(JSON.stringify(msg))));
  let queue: Promise<unknown> = Promise.resolve();
  let pending = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let f = readWsFrame(pending); f; f = readWsFrame(pending)) {
      pending = pending.subarray(f.size);
      if (f.opcode === 0x8) socket.end(wsFrame(0x8, Buffer.alloc(0)));
      else if (f.opcode === 0x9) socket.write(wsFrame(0xa, f.payload));
      else if (f.opcode === 0x1) {
        const msg = JSON.parse(f.payload.toString("utf8"));
        queue = queue.then(() => onMessage(msg)).catch(() => socket.destroy());
      }
    }
  });
  socket.on("close", () => {
    for (const s of streams.values()) s.close();
  });
  async function onMessage(msg: {
    type: string;
    jwt?: string;
    request_id?: number;
    request?: WsRequest;
  }): Promise<void> {
    if (msg.type === "hello") {
      if (authToken && msg.jwt !== authToken) {
        send({ type: "hello_error", error: { message: "Unauthorized: wrong auth token" } });
      } else send({ type: "hello_ok" });
      return;
    }
    const r = msg.request;
    if (msg.type !== "request" || !r) return;
    try {
      send({ type: "response_ok", request_id: msg.request_id, response: await onRequest(r) });
    } catch (e) {
      send({ type: "response_error", request_id: msg.request_id, error: hranaError(e) });
    }
  }
  async function onRequest(r: WsRequest) {
    const id = r.stream_id ?? -1;
    if (r.type === "open_stream") streams.set(id, openStream(sqls));
    else if (r.type === "close_stream") {
      streams.get(id)?.close();
      streams.delete(id);
    } else if (r.type === "store_sql") sqls.set(r.sql_id, r.sql);
    else if (r.type === "close_sql") sqls.delete(r.sql_id);
    else {
      const stream = streams.get(id);
      if (!stream) throw { message: `no stream ${id}`, code: "STREAM_NOT_FOUND" };
      return { type: r.type, ...(await answer(stream, r)) };
    }
    return { type: r.type };
  }
}

/** One whole frame at the head of `buf` (client frames are masked), or null if not all here. */
function readWsFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (buf.length < 2) return null;
  let len = (buf[1] ?? 0) & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return null;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return null;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const masked = ((buf[1] ?? 0) & 0x80) !== 0;
  const mask = masked ? buf.subarray(at, at + 4) : null;
  if (masked) at += 4;
  if (buf.length < at + len) return null;
  const payload = Buffer.from(buf.subarray(at, at + len));
  if (mask)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode: (buf[0] ?? 0) & 0x0f, payload, size: at + len };
}

/** A final, unmasked server frame. */
function wsFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head =
    n < 126
      ? Buffer.from([0x80 | opcode, n])
      : n < 65536
        ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), u64(n)]);
  return Buffer.concat([head, payload]);
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function answerAll(stream: Stream, requests: StreamRequest[]) {
  const results: unknown[] = [];
  let closed = false;
  for (const r of requests) {
    if (r.type === "close") closed = true;
    try {
      results.push({ type: "ok", response: { type: r.type, ...(await answer(stream, r)) } });
    } catch (e) {
      results.push({ type: "error", error: hranaError(e) });
    }
  }
  return { results, closed };
}

async function answer(stream: Stream, r: StreamRequest): Promise<object> {
  switch (r.type) {
    case "close":
      return {};
    case "execute":
      return { result: stmtResult(await stream.run(toStatement(stream, r.stmt)), r.stmt) };
    case "batch":
      return { result: await runBatch(stream, r.batch.steps) };
    case "sequence":
      await stream.sequence(sqlOf(stream, r));
      return {};
    case "store_sql":
      stream.sqls.set(r.sql_id, r.sql);
      return {};
    case "close_sql":
      stream.sqls.delete(r.sql_id);
      return {};
    case "get_autocommit":
      return { is_autocommit: stream.autocommit };
    case "describe":
      throw { message: "describe is not served by this test server", code: "UNSUPPORTED" };
  }
}

/** A batch: each step runs if its condition holds on the earlier steps' outcomes. */
async function runBatch(stream: Stream, steps: { condition?: Cond; stmt: Stmt }[]) {
  const results: (object | null)[] = [];
  const errors: (HranaError | null)[] = [];
  const holds = (c: Cond): boolean => {
    switch (c.type) {
      case "ok":
        return results[c.step] != null;
      case "error":
        return errors[c.step] != null;
      case "not":
        return !holds(c.cond);
      case "and":
        return c.conds.every(holds);
      case "or":
        return c.conds.some(holds);
      case "is_autocommit":
        return stream.autocommit;
    }
  };
  for (const step of steps) {
    results.push(null);
    errors.push(null);
    const i = results.length - 1;
    if (step.condition && !holds(step.condition)) continue;
    try {
      results[i] = stmtResult(await stream.run(toStatement(stream, step.stmt)), step.stmt);
    } catch (e) {
      errors[i] = hranaError(e);
    }
  }
  return { step_results: results, step_errors: errors };
}

function sqlOf(stream: Stream, s: { sql?: string; sql_id?: number }): string {
  const sql = s.sql ?? (s.sql_id === undefined ? undefined : stream.sqls.get(s.sql_id));
  if (sql === undefined)
    throw { message: `no SQL text (sql_id ${s.sql_id})`, code: "SQL_NOT_FOUND" };
  return sql;
}

function toStatement(stream: Stream, s: Stmt): InStatement {
  const sql = sqlOf(stream, s);
  if (s.named_args?.length) {
    return { sql, args: Object.fromEntries(s.named_args.map((a) => [a.name, fromValue(a.value)])) };
  }
  return { sql, args: (s.args ?? []).map(fromValue) };
}

function fromValue(v: Value): InValue {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
  }
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof ArrayBuffer) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new Error(`a value of type ${typeof v} has no Hrana form`);
}

function stmtResult(rs: ResultSet, stmt: Stmt) {
  return {
    cols: rs.columns.map((name, i) => ({ name, decltype: rs.columnTypes[i] || null })),
    rows: stmt.want_rows === false ? [] : rs.rows.map((row) => Array.from(row, toValue)),
    affected_row_count: rs.rowsAffected,
    last_insert_rowid: rs.lastInsertRowid === undefined ? null : String(rs.lastInsertRowid),
  };
}

function hranaError(e: unknown): HranaError {
  const err = e as { message?: unknown; code?: unknown } | null;
  return {
    message: String(err?.message ?? e),
    ...(typeof err?.code === "string" ? { code: err.code } : {}),
  };
}

/**
 * `tempDb` for the remote path: a fresh file behind its own test server, the node's database
 * opened through `openDb(http://…)` exactly as a hub opens `BANGBAN_DB`.
 */
export async function remoteTempDb(
  opts: OpenDbOptions & { scheme?: "http" | "libsql" | "ws" } = {},
): Promise<TempDb & { server: HranaTestServer }> {
  const dir = mkdtempSync(join(tmpdir(), "bangban-remote-"));
  const server = await startHranaServer(join(dir, "node.db"), { authToken: opts.authToken });
  // `libsql://` is TLS unless told otherwise; the test server is plain HTTP on loopback.
  const url =
    opts.scheme === "libsql"
      ? `${server.url.replace("http:", "libsql:")}?tls=0`
      : opts.scheme === "ws"
        ? server.url.replace("http:", "ws:")
        : server.url;
  const opened: Db[] = [];
  const open = async () => {
    const db = await openDb(url, opts);
    opened.push(db);
    return db;
  };
  const db = await open();
  return {
    db,
    url,
    server,
    reopen: open,
    cleanup: async () => {
      for (const d of opened) d.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
