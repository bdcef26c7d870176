import { parseNow } from "@bangban/api";
import { BULK_FROM_DEFAULT, resolveDbKey } from "@bangban/db";
import { isStationCode } from "@bangban/domain";
import { z } from "zod";

/**
 * The station's configuration, read and validated once. Nothing else reads process.env.
 */
const envSchema = z.object({
  BANGBAN_SITE: z
    .string({ message: "BANGBAN_SITE is required: this station's 12-digit division code" })
    .refine(isStationCode, "BANGBAN_SITE must be a 12-digit community division code"),
  BANGBAN_PORT: z.coerce.number().int().min(1).max(65535).default(8701),
  BANGBAN_HOST: z.string().default("127.0.0.1"),
  BANGBAN_DATA_DIR: z.string().optional(),
  BANGBAN_DB: z.string().optional(),
  BANGBAN_HUB_URL: z.string().url().optional(),
  BANGBAN_PUBLIC_URL: z.string().url().optional(),
  /** Key for the ID-number lookup hash; the same across the street's nodes. */
  BANGBAN_ID_HASH_KEY: z.string().min(16).optional(),
  /**
   * The storage secret: encrypts the database file and (through HKDF) the attachments.
   * Either the key itself or a file holding it (a mounted secret); checked in resolveDbKey.
   */
  BANGBAN_DB_KEY: z.string().optional(),
  BANGBAN_DB_KEY_FILE: z.string().min(1).optional(),
  BANGBAN_SESSION_HOURS: z.coerce.number().min(1).max(24).default(10),
  /** Minutes without activity before a session locks until the PIN or password (等保2.0). */
  BANGBAN_IDLE_LOCK_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  BANGBAN_WEB_DIR: z.string().optional(),
  /** Start the node's clock at this moment (the demo, a rehearsal): a date or an ISO instant. */
  BANGBAN_NOW: z
    .string()
    .refine(
      (s) => parseNow(s) !== null,
      "BANGBAN_NOW must be a date (2026-12-10) or an ISO instant with its offset",
    )
    .optional(),
  BANGBAN_SYNC_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /**
   * Changes per push request, at most the hub's 2,000 (and 1 MB): smaller on a slow link;
   * tests use it to make many batches. A week offline (1,500 changes) is then one request:
   * B1 0.6 s → 0.5 s against two requests of 1,000 and 500.
   */
  BANGBAN_SYNC_PUSH_BATCH: z.coerce.number().int().min(1).max(2000).default(2000),
  /**
   * A first link to the hub with at least this many changes to send (a station that worked
   * offline for months, or moved from another system) sends them in bulk frames: stored at the
   * hub at once and verified there in the background (SPEC.md "Bulk catch-up"). A first pull
   * with this many waiting (a new PC) takes whole cases (SPEC.md "Bulk pull").
   */
  BANGBAN_BULK_FROM: z.coerce.number().int().min(1).default(BULK_FROM_DEFAULT),
  /**
   * Scans of the inbox (cases transferred here, results to hand over here) fetched ahead in
   * each sync round, so they are here when the resident comes. 0 turns it off on a metered
   * line: the case page still fetches a scan when it is opened.
   */
  BANGBAN_SYNC_PREFETCH_SCANS: z.coerce.number().int().min(0).max(200).default(20),
  /** The share of one core a scheduler pass may take (a catch-up pass over every open case). */
  BANGBAN_SCHEDULER_SHARE: z.coerce.number().min(0.05).max(1).default(0.5),
});

export interface StationEnv {
  site: string;
  port: number;
  host: string;
  dataDir: string;
  dbUrl: string;
  hubUrl: string | null;
  publicUrl: string;
  idHashKey: string;
  idHashKeyIsDefault: boolean;
  /** Null: development without encryption at rest (the CLI warns). */
  dbKey: string | null;
  sessionHours: number;
  idleLockMinutes: number;
  webDir: string | null;
  /** Where the node's clock starts (BANGBAN_NOW); null: the system clock. */
  now: Date | null;
  syncIntervalMs: number;
  syncPushBatch: number;
  /** A first link or first pull with this many changes moves whole cases (BANGBAN_BULK_FROM). */
  bulkFrom: number;
  /** Inbox scans fetched ahead per sync round (BANGBAN_SYNC_PREFETCH_SCANS; 0: off). */
  prefetchScans: number;
  /** The share of one core a scheduler pass may take (BANGBAN_SCHEDULER_SHARE). */
  schedulerShare: number;
}

/** A fixed development key, so the demo works out of the box; production must set its own. */
export const DEV_ID_HASH_KEY = "bangban-development-key-change-me";

export function readEnv(source: NodeJS.ProcessEnv = process.env): StationEnv {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid station configuration:\n${lines.join("\n")}`);
  }
  const e = r.data;
  const dataDir = e.BANGBAN_DATA_DIR ?? `data/station-${e.BANGBAN_SITE}`;
  return {
    site: e.BANGBAN_SITE,
    port: e.BANGBAN_PORT,
    host: e.BANGBAN_HOST,
    dataDir,
    dbUrl: e.BANGBAN_DB ?? `file:${dataDir}/station.db`,
    hubUrl: e.BANGBAN_HUB_URL ?? null,
    publicUrl:
      e.BANGBAN_PUBLIC_URL ?? e.BANGBAN_HUB_URL ?? `http://${e.BANGBAN_HOST}:${e.BANGBAN_PORT}`,
    idHashKey: e.BANGBAN_ID_HASH_KEY ?? DEV_ID_HASH_KEY,
    idHashKeyIsDefault: !e.BANGBAN_ID_HASH_KEY,
    dbKey: resolveDbKey(e.BANGBAN_DB_KEY, e.BANGBAN_DB_KEY_FILE),
    sessionHours: e.BANGBAN_SESSION_HOURS,
    idleLockMinutes: e.BANGBAN_IDLE_LOCK_MINUTES,
    webDir: e.BANGBAN_WEB_DIR ?? null,
    now: e.BANGBAN_NOW ? parseNow(e.BANGBAN_NOW) : null,
    syncIntervalMs: e.BANGBAN_SYNC_INTERVAL_MS,
    syncPushBatch: e.BANGBAN_SYNC_PUSH_BATCH,
    bulkFrom: e.BANGBAN_BULK_FROM,
    prefetchScans: e.BANGBAN_SYNC_PREFETCH_SCANS,
    schedulerShare: e.BANGBAN_SCHEDULER_SHARE,
  };
}
