import { parseNow } from "@bangban/api";
import { resolveDbKey } from "@bangban/db";
import { isCenterCode, isDistrictCode } from "@bangban/domain";
import { z } from "zod";

/**
 * The hub's configuration, read and validated once. Nothing else reads process.env.
 */
const DB_URL = /^(file:|libsql:|https?:|wss?:|:memory:$)/;

const envSchema = z.object({
  BANGBAN_SITE: z
    .string({
      message:
        "BANGBAN_SITE is required: this street center's 9-digit division code (or a district's 6)",
    })
    .refine(
      (s) => isCenterCode(s) || isDistrictCode(s),
      "BANGBAN_SITE must be a 9-digit street/township or a 6-digit district division code",
    ),
  /** A street hub's district node (overrides the URL stored at `enrol --district`). */
  BANGBAN_DISTRICT_URL: z.string().url("BANGBAN_DISTRICT_URL must be a URL").optional(),
  /** How often a street hub syncs with its district (a round also starts after each change). */
  BANGBAN_SYNC_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** Changes per push to the district (the station's bound, 2,000 at most). */
  BANGBAN_SYNC_PUSH_BATCH: z.coerce.number().int().min(1).max(2000).default(2000),
  /**
   * A street's first link to a district with at least this many changes to send: the history
   * goes up in bulk frames (SPEC.md "Bulk catch-up") instead of change by change. (A station's
   * first link to this hub has its own, in the station's env.)
   */
  BANGBAN_BULK_FROM: z.coerce.number().int().min(1).default(20_000),
  /** The share of one core spent verifying bulk cases (its streets', or its stations') in the background. */
  BANGBAN_BULK_VERIFY_SHARE: z.coerce.number().min(0.05).max(1).default(0.5),
  /** The share of one core a scheduler pass may take (a catch-up pass over every open case). */
  BANGBAN_SCHEDULER_SHARE: z.coerce.number().min(0.05).max(1).default(0.5),
  BANGBAN_PORT: z.coerce.number().int().min(1).max(65535).default(8700),
  BANGBAN_HOST: z.string().default("127.0.0.1"),
  BANGBAN_DATA_DIR: z.string().optional(),
  /** Any libSQL URL: file:… (the default), libsql://…, http(s)://…, ws(s)://…. */
  BANGBAN_DB: z
    .string()
    .regex(DB_URL, "BANGBAN_DB must be a libSQL URL (file:, libsql://, http(s)://, ws(s)://)")
    .optional(),
  BANGBAN_DB_AUTH_TOKEN: z.string().min(1).optional(),
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
});

export interface HubEnv {
  site: string;
  /** The node kind, from the code: a street hub (9 digits) or a district node (6). */
  kind: "street" | "district";
  /** A street hub's district URL from the environment (else the one stored at enrolment). */
  districtUrl: string | null;
  syncIntervalMs: number;
  pushBatch: number;
  /** A first link with this many changes to send goes up in bulk frames. */
  bulkFrom: number;
  /** The share of one core spent verifying bulk cases (a district's streets', a street's stations'). */
  bulkVerifyShare: number;
  /** The share of one core a scheduler pass may take (BANGBAN_SCHEDULER_SHARE). */
  schedulerShare: number;
  port: number;
  host: string;
  dataDir: string;
  dbUrl: string;
  dbAuthToken: string | null;
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
}

/** A fixed development key, so the demo works out of the box; production must set its own. */
export const DEV_ID_HASH_KEY = "bangban-development-key-change-me";

export function readEnv(source: NodeJS.ProcessEnv = process.env): HubEnv {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid hub configuration:\n${lines.join("\n")}`);
  }
  const e = r.data;
  const dataDir = e.BANGBAN_DATA_DIR ?? `data/hub-${e.BANGBAN_SITE}`;
  return {
    site: e.BANGBAN_SITE,
    kind: isDistrictCode(e.BANGBAN_SITE) ? "district" : "street",
    districtUrl: e.BANGBAN_DISTRICT_URL ?? null,
    syncIntervalMs: e.BANGBAN_SYNC_INTERVAL_MS,
    pushBatch: e.BANGBAN_SYNC_PUSH_BATCH,
    bulkFrom: e.BANGBAN_BULK_FROM,
    bulkVerifyShare: e.BANGBAN_BULK_VERIFY_SHARE,
    schedulerShare: e.BANGBAN_SCHEDULER_SHARE,
    port: e.BANGBAN_PORT,
    host: e.BANGBAN_HOST,
    dataDir,
    dbUrl: e.BANGBAN_DB ?? `file:${dataDir}/hub.db`,
    dbAuthToken: e.BANGBAN_DB_AUTH_TOKEN ?? null,
    publicUrl: e.BANGBAN_PUBLIC_URL ?? `http://${e.BANGBAN_HOST}:${e.BANGBAN_PORT}`,
    idHashKey: e.BANGBAN_ID_HASH_KEY ?? DEV_ID_HASH_KEY,
    idHashKeyIsDefault: !e.BANGBAN_ID_HASH_KEY,
    dbKey: resolveDbKey(e.BANGBAN_DB_KEY, e.BANGBAN_DB_KEY_FILE),
    sessionHours: e.BANGBAN_SESSION_HOURS,
    idleLockMinutes: e.BANGBAN_IDLE_LOCK_MINUTES,
    webDir: e.BANGBAN_WEB_DIR ?? null,
    now: e.BANGBAN_NOW ? parseNow(e.BANGBAN_NOW) : null,
  };
}
