import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, type Config, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { Checkpointer } from "./checkpointer";
import { wrongDbKey } from "./db-key";
import { serverFailure } from "./db-server";
import { analyseAtOpen, refreshListStats } from "./planner-stats";
import * as schema from "./schema";
import { restoreIndexes } from "./set-aside-indexes";
import { cachePreparedStatements } from "./statement-cache";
import { WriteGroup } from "./write-group";

/** An open node database: the raw libSQL client for hot paths, drizzle for everything else. */
export interface Db {
  client: Client;
  orm: LibSQLDatabase<typeof schema>;
  url: string;
  /** The background checkpointer, when opened with `backgroundCheckpoint` (a local file). */
  checkpointer: Checkpointer | null;
  /**
   * Group commit for the case store's writes, on its own connection: when opened with
   * `groupCommit` on a local file. Otherwise (a station, tests, a libSQL server, memory) null,
   * and each commit is one `client.batch`.
   */
  writer: WriteGroup | null;
  /**
   * Closes the connections. Resolves when the write thread (if any) has committed what it held
   * and stopped; the rest closes at once.
   */
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** For `libsql:`/`http(s):` servers. */
  authToken?: string;
  /**
   * A hub's `serve`: WAL checkpoints run on a worker thread (Checkpointer) instead of inside
   * the commit that fills the log. Local files only; a station, tests and one-shot commands
   * leave it off and keep SQLite's automatic checkpoint.
   */
  backgroundCheckpoint?: boolean;
  /**
   * A hub's `serve`: the case store's writes made at the same turn of the event loop share one
   * transaction (WriteGroup), on a connection of their own that also serves the push path's
   * reads. Local files only. Not for a station: it has few writes at once to group, and the
   * second connection costs memory on a small PC (measured in the station bench: +63 MB RSS
   * after 10,000 intakes) and cold caches for the other reads (edits 20.4 → 16.5 a second),
   * because SQLite drops a connection's page cache whenever another one has written.
   */
  groupCommit?: boolean;
  /**
   * Encrypts a local file at rest (libSQL's page encryption). Every connection to the file
   * must carry it: the pool's (the driver passes it on) and the checkpointer's. Ignored for
   * servers, whose client refuses a key: a libSQL server encrypts its own storage.
   */
  encryptionKey?: string | null;
  /**
   * The connection's page cache in KiB (default CACHE_KIB, sized for a hub's bulk pushes). A
   * station passes less: it runs on a small PC.
   */
  cacheKib?: number;
}

/**
 * Page cache of the node's connection, in KiB (SQLite's default is 2,000). A bulk push
 * inserts into indexes keyed by random values (change hash, ID-number hash); with the
 * default cache their pages were read back again and again (measured on a 10,000-case push:
 * change and feed inserts 1.73 s → 1.42 s with a larger cache). The cache fills only with
 * pages actually used, so an idle node does not grow by this much.
 */
const CACHE_KIB = 32 * 1024;
/** With a background checkpointer: the committing connection still checkpoints past this. */
const SAFETY_CHECKPOINT_PAGES = 10_000;
/** A write-ahead log grown by a burst is cut back to this once checkpointed. */
const WAL_SIZE_LIMIT = 32 * 1024 * 1024;

/** Milliseconds a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** The checked-in migrations, found beside this package whatever the working directory. */
/**
 * The checked-in migrations: beside a bundled app (`dist/drizzle`, copied at build) or, when
 * running from source, in this package (`packages/db/drizzle`).
 */
export const MIGRATIONS_FOLDER = [
  new URL("./drizzle", import.meta.url),
  new URL("../drizzle", import.meta.url),
]
  .map((u) => fileURLToPath(u))
  .find((dir) => existsSync(join(dir, "meta", "_journal.json"))) as string;

/**
 * Opens (creating if needed) the database at `url` — `file:…`, `:memory:`, or any libSQL
 * server URL — and brings its schema up to date with the checked-in migrations.
 */
export async function openDb(url: string, opts: OpenDbOptions = {}): Promise<Db> {
  const local = isLocal(url);
  const cacheKib = opts.cacheKib ?? CACHE_KIB;
  if (local && url !== ":memory:") ensureParentDir(url);
  // The client prepares each statement on every call; a local connection keeps them.
  if (local) cachePreparedStatements();
  const config = clientConfig(url, opts);
  const client = opened(url, config, () => createClient(config));
  let checkpointer: Checkpointer | null = null;
  let writer: WriteGroup | null = null;
  try {
    // A server owns its storage settings (WAL, synchronous, cache, busy wait): sqld refuses
    // these pragmas with a value, and they would hold for one of its connections anyway.
    if (local) await opened(url, config, () => applyPragmas(client, url, cacheKib));
    // A server: the first round trip tells an unreachable server or a refused token apart
    // from the migrations, which would otherwise fail with "Failed query: CREATE TABLE …".
    else
      await client.execute("SELECT 1").catch((e: unknown) => Promise.reject(serverFailure(url, e)));
    // A bulk load cut short (a crash) left its indexes set aside: built first, from the
    // statements of the schema they were dropped from, then the migrations run.
    await restoreIndexes(client);
    const orm = drizzle(client, { schema });
    await migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
    // Planner statistics: without them list filters walk the wrong index (measured: "open
    // cases, newest first" 123 ms → 8.7 ms at 10k cases); see analyseAtOpen.
    // Local only: sqld refuses ANALYZE, PRAGMA optimize and a pragma given a value as
    // "unsupported statement"; a server's statistics are its operator's (DESIGN.md).
    if (local) await analyseAtOpen(client);
    // A file's log only: a server checkpoints its own storage (and refuses the pragma).
    if (opts.backgroundCheckpoint && isFile(url)) {
      await client.execute(`PRAGMA wal_autocheckpoint=${SAFETY_CHECKPOINT_PAGES}`);
      checkpointer = new Checkpointer(url, { encryptionKey: config.encryptionKey ?? null });
    }
    // Opened after the migrations and ANALYZE, so that it plans with the statistics.
    const path = opts.groupCommit && isFile(url) ? filePath(url) : null;
    if (path) {
      writer = await WriteGroup.open(path, {
        encryptionKey: config.encryptionKey ?? null,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        pragmas: [
          ...connectionPragmas(url, cacheKib),
          ...(checkpointer ? [`PRAGMA wal_autocheckpoint=${SAFETY_CHECKPOINT_PAGES}`] : []),
        ],
      });
    }
    const w = writer;
    return {
      client,
      orm,
      url,
      checkpointer,
      writer: w,
      close: async () => {
        void checkpointer?.close();
        client.close();
        // What the write thread holds is committed before it closes.
        await w?.close();
      },
    };
  } catch (e) {
    void checkpointer?.close();
    await writer?.close();
    client.close();
    throw e;
  }
}

/**
 * Re-takes the list table's planner statistics if it has doubled or halved since they were
 * taken (a node runs it after each scheduler pass; see refreshListStats). Says whether it did.
 * A libSQL server: nothing, its statistics are its operator's.
 */
export async function refreshPlannerStats(db: Pick<Db, "client" | "url">): Promise<boolean> {
  return isLocal(db.url) ? refreshListStats(db.client) : false;
}

/**
 * The driver's configuration: the key only for a file; locally, the busy timeout and one
 * connection.
 */
export function clientConfig(url: string, opts: OpenDbOptions = {}): Config {
  return {
    url,
    ...(opts.authToken ? { authToken: opts.authToken } : {}),
    // Applied by the driver to every pooled connection, not only the first.
    ...(isLocal(url) ? { timeout: BUSY_TIMEOUT_MS } : {}),
    // One connection, the one `applyPragmas` configures. The driver's pool (20 by default)
    // opens another whenever a call starts while one is in flight — two requests in a turn,
    // a Promise.all — with SQLite's defaults, and hands out the newest from then on: a
    // station's case lists ran on a 2 MB page cache, 60–90 ms a call where the configured
    // connection takes 10–25 (station bench, 10,000 cases). Every call but a transaction is
    // one synchronous step on the connection, so a second connection ran nothing in
    // parallel anyway; and each one holds its own schema and cache (RSS). Nothing here opens
    // a client transaction, which would hold the one connection until it settles.
    ...(isLocal(url) ? { concurrency: 1 } : {}),
    ...(opts.encryptionKey && isFile(url) ? { encryptionKey: opts.encryptionKey } : {}),
  };
}

/**
 * Runs the first statements on a file, turning SQLite's "file is not a database" (a wrong
 * key, or a key missing for an encrypted file) into a DbKeyError naming the variable.
 */
function opened<T>(url: string, config: Config, run: () => T): T {
  const notADb = (e: unknown) =>
    isFile(url) && (e as { code?: unknown } | null)?.code === "SQLITE_NOTADB"
      ? wrongDbKey(filePath(url) ?? url, !!config.encryptionKey)
      : e;
  try {
    const r = run();
    return r instanceof Promise
      ? (r.catch((e: unknown) => {
          throw notADb(e);
        }) as T)
      : r;
  } catch (e) {
    throw notADb(e);
  }
}

function isLocal(url: string): boolean {
  return url === ":memory:" || url.startsWith("file:");
}

/** A database in a file (not in memory), which has a write-ahead log. */
function isFile(url: string): boolean {
  return url.startsWith("file:") && !url.startsWith("file::memory:");
}

/**
 * WAL lets readers run beside the writer; synchronous=FULL makes a commit durable once it
 * returns (NORMAL may lose the last transactions on power loss, and a station acknowledges
 * pushes to the hub only for what is durable). Both, like foreign keys and the busy timeout,
 * are also this libSQL build's defaults. The page cache and the log size limit are not: they
 * hold for this connection, the client's only one (`clientConfig`).
 */
async function applyPragmas(client: Client, url: string, cacheKib: number): Promise<void> {
  if (isFile(url)) await client.execute("PRAGMA journal_mode=WAL");
  for (const p of connectionPragmas(url, cacheKib)) await client.execute(p);
}

/** The settings of a node's connection (the client's first, and the WriteGroup's). */
function connectionPragmas(url: string, cacheKib: number): string[] {
  return [
    ...(isFile(url) ? [`PRAGMA journal_size_limit=${WAL_SIZE_LIMIT}`] : []),
    `PRAGMA cache_size=-${cacheKib}`,
    `PRAGMA busy_timeout=${BUSY_TIMEOUT_MS}`,
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
  ];
}

function ensureParentDir(url: string): void {
  const path = filePath(url);
  if (path && !path.startsWith(":memory:")) mkdirSync(dirname(path), { recursive: true });
}

/** The filesystem path of a `file:` URL (`file:rel/x.db`, `file:/abs/x.db`, `file:///abs/x.db`). */
function filePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  if (url.startsWith("file://")) return fileURLToPath(url.split("?")[0] ?? url);
  return decodeURIComponent((url.slice("file:".length).split("?")[0] ?? "").replace(/#.*$/, ""));
}
