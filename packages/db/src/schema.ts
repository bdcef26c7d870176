import {
  ABSENCE_KINDS,
  CASE_STAGES,
  CASE_STATUSES,
  RECTIFICATION_STATES,
  ROLES,
} from "@bangban/domain";
import type { RatedChannel } from "@bangban/sync";
import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/**
 * The relational storage of a node (station or hub). Dates are ISO text throughout:
 * calendar days `YYYY-MM-DD`, instants `YYYY-MM-DDTHH:mm:ss.sssZ` (or with the +08:00 offset
 * the domain writes) — text compares in order and reads the same in any SQL client.
 * Migrations are generated from this file with `pnpm generate` and checked in under drizzle/.
 */

/** One row per case: the latest compacted Automerge snapshot and the log seq it covers. */
export const caseDocs = sqliteTable("case_docs", {
  caseId: text("case_id").primaryKey(),
  snapshot: blob("snapshot", { mode: "buffer" }),
  /** Every change of the case with seq ≤ this is inside `snapshot`. */
  snapshotSeq: integer("snapshot_seq").notNull().default(0),
  updatedAt: text("updated_at").notNull(),
});

/** The node's append-only change log, ordered by `seq`, deduplicated by change hash. */
export const changes = sqliteTable(
  "changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    caseId: text("case_id").notNull(),
    hash: text("hash").notNull(),
    actor: text("actor").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    /** `length(bytes)`, kept so the feed can bound a page by bytes without reading blobs. */
    size: integer("size").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    // A change is unique within its case's log. Keyed by case first, the index is written in
    // case order: a bulk transfer's page of whole cases lands on a few adjacent pages of it,
    // where a key of the hash alone lands each change on a page of its own (a 100,000-case
    // pull's SQL time was halved by this).
    uniqueIndex("changes_case_hash_uq").on(t.caseId, t.hash),
    index("changes_case_seq_idx").on(t.caseId, t.seq),
    // A station pushes its own changes after a cursor: (actor, seq) serves that directly.
    index("changes_actor_seq_idx").on(t.actor, t.seq),
  ],
);

/** The relational reading of each case (CaseProjection, one column per field). */
export const caseProjections = sqliteTable(
  "case_projections",
  {
    caseId: text("case_id").primaryKey(),
    caseNumber: text("case_number").notNull(),
    itemCode: text("item_code").notNull(),
    itemName: text("item_name").notNull(),
    itemVersion: integer("item_version").notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    stage: text("stage", { enum: CASE_STAGES }),
    deferred: integer("deferred", { mode: "boolean" }).notNull(),
    outstandingDeferred: integer("outstanding_deferred").notNull(),
    originSiteId: text("origin_site_id").notNull(),
    handlingSiteId: text("handling_site_id").notNull(),
    pickupSiteId: text("pickup_site_id"),
    firstResponderId: text("first_responder_id").notNull(),
    assigneeId: text("assignee_id"),
    applicantNameMasked: text("applicant_name_masked").notNull(),
    applicantIdMasked: text("applicant_id_masked").notNull(),
    applicantIdHash: text("applicant_id_hash").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    phoneLast4: text("phone_last4").notNull(),
    submittedAt: text("submitted_at").notNull(),
    acceptedAt: text("accepted_at"),
    decidedAt: text("decided_at"),
    completedAt: text("completed_at"),
    closedAt: text("closed_at"),
    dueOn: text("due_on"),
    yellowFrom: text("yellow_from"),
    paused: integer("paused", { mode: "boolean" }).notNull(),
    frozenColour: text("frozen_colour", { enum: ["green", "yellow", "red"] }),
    onTime: integer("on_time", { mode: "boolean" }),
    /** 法定时限 due date; null when the law sets no limit (see CaseProjection.legalDueOn). */
    legalDueOn: text("legal_due_on"),
    legalOnTime: integer("legal_on_time", { mode: "boolean" }),
    calendarUncertain: integer("calendar_uncertain", { mode: "boolean" }).notNull(),
    conflict: integer("conflict", { mode: "boolean" }).notNull(),
    ratingLevel: integer("rating_level"),
    /** The site whose staff completed the case (办结 is counted there); null until completed. */
    completedSiteId: text("completed_site_id"),
    /** The site the rating in `rating_level` was given at (the rating is counted there). */
    ratedSiteId: text("rated_site_id"),
    /** Every rating by channel and the site it counts at (JSON; the dashboard's channel mix). */
    ratingChannels: text("rating_channels", { mode: "json" }).$type<RatedChannel[]>(),
    /** The earliest due date of an outstanding 容缺 promise; null when none is outstanding. */
    promiseDueOn: text("promise_due_on"),
    nextRuleOn: text("next_rule_on"),
    forwardDueOn: text("forward_due_on"),
    /** 差评整改 (see CaseProjection.rectify*): one case's 差评 summarised. */
    rectifySiteId: text("rectify_site_id"),
    rectifyState: text("rectify_state", { enum: RECTIFICATION_STATES }),
    rectifyLevel: integer("rectify_level"),
    rectifyRatedOn: text("rectify_rated_on"),
    rectifyOpen: integer("rectify_open").notNull().default(0),
    rectifyDueOn: text("rectify_due_on"),
    rectifyBad: integer("rectify_bad").notNull().default(0),
    rectifyClosed: integer("rectify_closed").notNull().default(0),
    rectifyRealName: integer("rectify_real_name").notNull().default(0),
    rectifyCalledBack: integer("rectify_called_back").notNull().default(0),
    /** The rating in `rating_level` was appealed with success: 满意率 leaves it out. */
    ratingExcluded: integer("rating_excluded", { mode: "boolean" }).notNull().default(false),
    eventCount: integer("event_count").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("case_projections_case_number_uq").on(t.caseNumber),
    index("case_projections_status_idx").on(t.status),
    index("case_projections_item_code_idx").on(t.itemCode),
    index("case_projections_handling_site_idx").on(t.handlingSiteId),
    index("case_projections_origin_site_idx").on(t.originSiteId),
    index("case_projections_pickup_site_idx").on(t.pickupSiteId),
    index("case_projections_due_on_idx").on(t.dueOn),
    index("case_projections_legal_due_on_idx").on(t.legalDueOn),
    index("case_projections_applicant_id_hash_idx").on(t.applicantIdHash),
    index("case_projections_applicant_name_idx").on(t.applicantNameMasked),
    index("case_projections_submitted_at_idx").on(t.submittedAt),
    index("case_projections_updated_at_idx").on(t.updatedAt),
    index("case_projections_assignee_idx").on(t.assigneeId),
    index("case_projections_completed_site_idx").on(t.completedSiteId),
    index("case_projections_promise_due_idx").on(t.promiseDueOn),
    index("case_projections_next_rule_idx").on(t.nextRuleOn),
    index("case_projections_rectify_site_idx").on(t.rectifySiteId),
  ],
);

/**
 * A projection's `ruleState` (the case as its time rules read it), one row per case while
 * anything will still fall due, none otherwise. It is kept beside the projection, not in it:
 * at 600–1,500 bytes it was two thirds of every projection row, and every list that counts
 * rows (open, by colour, by status) read it page by page. Only the scheduler reads it.
 */
export const caseRuleStates = sqliteTable("case_rule_states", {
  caseId: text("case_id").primaryKey(),
  ruleState: text("rule_state").notNull(),
});

/** Staff accounts. Authoritative on the hub; stations hold the copies of their own site. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Short PIN for quick unlock at a station counter; null when not set. */
    pinHash: text("pin_hash"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** AB岗: the account that covers this one while it is away (same site, active); null when none. */
    backupUserId: text("backup_user_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("users_site_idx").on(t.siteId)],
);

/**
 * AB岗: staff absences (请假, 培训, 公出 …), recorded and cancelled by the lead of the person's
 * site, stored at the node where they were recorded. `from`..`to` are inclusive local dates.
 * A cancelled absence stays (who cancelled, when) and no longer counts.
 */
export const absences = sqliteTable(
  "absences",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    siteId: text("site_id").notNull(),
    kind: text("kind", { enum: ABSENCE_KINDS }).notNull(),
    from: text("from_date").notNull(),
    to: text("to_date").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: text("recorded_by").notNull(),
    createdAt: text("created_at").notNull(),
    cancelledAt: text("cancelled_at"),
    cancelledBy: text("cancelled_by"),
  },
  (t) => [
    index("absences_site_to_idx").on(t.siteId, t.to),
    index("absences_to_idx").on(t.to),
    index("absences_user_idx").on(t.userId, t.from),
  ],
);

/** Login sessions, keyed by the hash of the bearer token (the token itself is never stored). */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    siteId: text("site_id").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Who did what, when, where, to which case. Append-only: triggers in the
 * `audit_append_only` migration refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    userId: text("user_id").notNull(),
    siteId: text("site_id").notNull(),
    action: text("action").notNull(),
    caseId: text("case_id"),
    requestId: text("request_id"),
    /** JSON object. */
    detail: text("detail").notNull().default("{}"),
    /**
     * The hash chain (audit-chain.ts): the previous row's `hash` (GENESIS_HASH for the first),
     * and SHA-256 over this row's canonical serialisation including `prev_hash`. Null only on
     * rows written before the chain existed (migration 0004), which verify counts as unchained.
     */
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_log_case_idx").on(t.caseId, t.id),
    index("audit_log_user_idx").on(t.userId, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
  ],
);

/**
 * Hub: its stations' audit logs as they synced up (`sync.pushAudit`), each row exactly as the
 * station wrote it, keyed by (station site, the station's row id). Per site the rows form the
 * station's hash chain; append-only like `audit_log` (triggers in the same migration).
 */
export const stationAuditLog = sqliteTable(
  "station_audit_log",
  {
    /** The chain's site: a station's, or at a district a street's own log. */
    siteId: text("site_id").notNull(),
    /** The row's id in the station's own `audit_log`. */
    id: integer("id").notNull(),
    at: text("at").notNull(),
    userId: text("user_id").notNull(),
    action: text("action").notNull(),
    caseId: text("case_id"),
    requestId: text("request_id"),
    detail: text("detail").notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
    /**
     * The site the row names, where it is not the chain's (null: the chain's own). A street's
     * own log names the site each row concerns (a station's push, the district's administrator),
     * and the row is hashed with it: read back as the row's `siteId`, so its hash still holds.
     */
    rowSiteId: text("row_site_id"),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.id] }),
    index("station_audit_log_case_idx").on(t.siteId, t.caseId, t.id),
    index("station_audit_log_user_idx").on(t.siteId, t.userId, t.id),
    index("station_audit_log_action_idx").on(t.siteId, t.action, t.id),
  ],
);

/** Content-addressed attachment metadata; the bytes live in the node's blob directory. */
export const attachments = sqliteTable(
  "attachments",
  {
    /** sha256 of the content, lowercase hex. */
    hash: text("hash").primaryKey(),
    size: integer("size").notNull(),
    mime: text("mime").notNull(),
    originalName: text("original_name").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").notNull(),
    caseId: text("case_id"),
    /**
     * When the hub acknowledged holding the bytes (a station's own upload, blob sync); set at
     * once for a blob this node fetched from its hub. Null: still to push.
     */
    syncedAt: text("synced_at"),
  },
  (t) => [
    index("attachments_case_idx").on(t.caseId),
    index("attachments_unsynced_idx").on(t.syncedAt, t.createdAt),
  ],
);

/**
 * Projection index: which cases' documents reference which blob (their `attachments`),
 * written with the case's projection on every node. How a node finds the cases behind a hash
 * (scope checks of blob sync, lazy fetch, prefetch, collection of unreferenced blobs).
 */
export const caseAttachments = sqliteTable(
  "case_attachments",
  {
    caseId: text("case_id").notNull(),
    hash: text("hash").notNull(),
    materialCode: text("material_code").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    name: text("name").notNull(),
    /** 1-based page within its material; null when the reference carries none. */
    page: integer("page"),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.hash] }),
    index("case_attachments_hash_idx").on(t.hash),
  ],
);

/** Every version of every service item ever received; a case keeps the version it was taken under. */
export const catalogItems = sqliteTable(
  "catalog_items",
  {
    code: text("code").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    /** The whole ServiceItem as JSON. */
    json: text("json").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

/** Sites of the hierarchy; `id` is the administrative division code. */
export const sites = sqliteTable(
  "sites",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["district", "center", "station"] }).notNull(),
    parentId: text("parent_id"),
    divisionCode: text("division_code").notNull(),
    address: text("address").notNull(),
    phone: text("phone").notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
    /** A street: its district lets it define local catalog items (set at the district, sent down). */
    localItems: integer("local_items", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("sites_parent_idx").on(t.parentId)],
);

/** Small node-wide values: node id, actor id, sync cursors (`cursor:<name>`), catalog version. */
/**
 * The scheduler's memory per case (packages/api services/scheduler.ts): the day it last
 * looked at the case, and the start of that day's window — so reminders due since its last
 * look are sent once, and a case that arrives by sync (never looked at here) is caught up.
 */
export const caseRuleChecks = sqliteTable("case_rule_checks", {
  caseId: text("case_id").primaryKey(),
  checkedOn: text("checked_on").notNull(),
  sinceOn: text("since_on"),
});

export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** The per-site, per-day counter behind human case numbers. */
export const caseCounters = sqliteTable(
  "case_counters",
  {
    siteId: text("site_id").notNull(),
    /** `YYYYMMDD`. */
    day: text("day").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day] })],
);

/**
 * Hub only: which sites each case is in the scope of. A site stays in scope once it entered
 * (started, was transferred or assigned the case, or is its pick-up site).
 */
export const caseScope = sqliteTable(
  "case_scope",
  {
    caseId: text("case_id").notNull(),
    siteId: text("site_id").notNull(),
    addedAt: text("added_at").notNull(),
    /**
     * 0 while the case's history has yet to be copied into the site's feed (it just entered
     * the site's scope); the commit that added the row copies it and sets 1. From then on only
     * the case's new changes enter that feed.
     */
    filled: integer("filled").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.siteId] }),
    // By site and case id: a bulk pull pages through a site's cases in case-id order.
    index("case_scope_site_case_idx").on(t.siteId, t.caseId),
    index("case_scope_unfilled_idx").on(t.caseId).where(sql`${t.filled} = 0`),
  ],
);

/**
 * Hub only: each site's pull feed, in the order the hub will send it. A change enters the
 * feed of every site its case is in scope of; a case entering a site's scope puts its whole
 * history in that site's feed. (site, change) is unique, so re-feeding is harmless.
 */
export const siteFeed = sqliteTable(
  "site_feed",
  {
    feedSeq: integer("feed_seq").primaryKey({ autoIncrement: true }),
    siteId: text("site_id").notNull(),
    changeSeq: integer("change_seq").notNull(),
  },
  (t) => [
    uniqueIndex("site_feed_site_change_idx").on(t.siteId, t.changeSeq),
    index("site_feed_site_seq_idx").on(t.siteId, t.feedSeq),
  ],
);

/** Hub only: enrolled stations and their credentials (hash only). */
export const stations = sqliteTable("stations", {
  siteId: text("site_id").primaryKey(),
  credentialHash: text("credential_hash").notNull().unique(),
  /** JSON array of the Automerge actor ids this station may author changes with. */
  actorIds: text("actor_ids").notNull(),
  enrolledAt: text("enrolled_at").notNull(),
  revokedAt: text("revoked_at"),
  lastSeenAt: text("last_seen_at"),
  lastPushAt: text("last_push_at"),
  lastPullAt: text("last_pull_at"),
});

/** Hub only: one-time, expiring enrolment codes (hash only). */
export const enrolmentCodes = sqliteTable(
  "enrolment_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    siteId: text("site_id").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("enrolment_codes_site_idx").on(t.siteId)],
);

/** How pressing a reminder is: shown as its tag's colour. */
export const REMINDER_SEVERITIES = ["info", "warning", "danger"] as const;

/**
 * 待办提醒: what a time rule told one staff member (the scheduler writes them). The id is
 * derived from rule, case, day and recipient, so a rule firing twice or after a restart adds
 * one row. Each node keeps the reminders of its own staff; `read_at` is the recipient's.
 */
export const reminders = sqliteTable(
  "reminders",
  {
    id: text("id").primaryKey(),
    rule: text("rule").notNull(),
    caseId: text("case_id").notNull(),
    caseNumber: text("case_number").notNull(),
    itemName: text("item_name").notNull(),
    siteId: text("site_id").notNull(),
    recipientUserId: text("recipient_user_id").notNull(),
    /** `YYYY-MM-DD`: what the reminder is about falls due that day. */
    dueOn: text("due_on").notNull(),
    /** `YYYY-MM-DD`: the day the reminder became due. */
    firesOn: text("fires_on").notNull(),
    severity: text("severity", { enum: REMINDER_SEVERITIES }).notNull(),
    textZh: text("text_zh").notNull(),
    textEn: text("text_en").notNull(),
    createdAt: text("created_at").notNull(),
    /** When the recipient marked it read; null while unread. */
    readAt: text("read_at"),
  },
  (t) => [
    index("reminders_recipient_read_idx").on(t.recipientUserId, t.readAt),
    index("reminders_case_idx").on(t.caseId),
  ],
);

/** The texts residents receive by SMS (the notifier's templates). */
export const SMS_TEMPLATES = [
  "deferred_due",
  "result_ready",
  "rating_invite",
  "deferred_overdue",
] as const;

/**
 * 短信通知记录: every SMS notice the node would have sent (no provider is wired; the log is
 * the product). The id is the notice's, so a notice sent twice is logged once. The phone is
 * stored masked only.
 */
export const smsLog = sqliteTable(
  "sms_log",
  {
    id: text("id").primaryKey(),
    rule: text("rule").notNull(),
    caseId: text("case_id").notNull(),
    caseNumber: text("case_number").notNull(),
    template: text("template", { enum: SMS_TEMPLATES }).notNull(),
    phoneMasked: text("phone_masked").notNull(),
    text: text("text").notNull(),
    firesOn: text("fires_on").notNull(),
    sentAt: text("sent_at").notNull(),
  },
  (t) => [index("sms_log_sent_idx").on(t.sentAt), index("sms_log_case_idx").on(t.caseId)],
);

/**
 * 投诉 and 办不成事 records (issue #15): the saved Automerge document whole (complaints are a
 * few per site a month; they sync as documents, not through the change log), the folded state
 * and the columns lists, scope and figures filter on. `seq` orders this node's saves: a station
 * pushes those after its cursor, the hub serves a station's scope after its cursor. The
 * complainant is kept beside the document (null when anonymous, or at a station complained
 * about that is not told); screens mask it except the center handler's.
 */
export const complaintDocs = sqliteTable(
  "complaint_docs",
  {
    id: text("id").primaryKey(),
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: ["complaint", "fallback"] }).notNull(),
    stage: text("stage").notNull(),
    /** The registering site. */
    siteId: text("site_id").notNull(),
    targetSiteId: text("target_site_id"),
    targetStaffId: text("target_staff_id"),
    targetCaseId: text("target_case_id"),
    coordinatorId: text("coordinator_id"),
    registeredAt: text("registered_at").notNull(),
    /** `YYYY-MM-DD` of 办结 / 不予受理. */
    closedOn: text("closed_on"),
    /** Set at 办结: whether the complaint proved founded (the radar's complaint rate). */
    substantiated: integer("substantiated", { mode: "boolean" }),
    /** The folded ComplaintState as JSON. */
    state: text("state").notNull(),
    /** The complainant as JSON, or null. */
    complainant: text("complainant"),
    doc: blob("doc", { mode: "buffer" }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("complaint_docs_seq_idx").on(t.seq),
    index("complaint_docs_site_idx").on(t.siteId),
    index("complaint_docs_target_site_idx").on(t.targetSiteId),
    index("complaint_docs_target_staff_idx").on(t.targetStaffId),
  ],
);

/**
 * District only: the staff of each enrolled street, as the street reported them
 * (`sync.pushDirectory`). A street owns its staff; the district keeps this copy to judge the
 * street's pushes (who did what) and to name people in its figures. No credentials: street
 * staff sign in at their street, never here. A row's site always lies under its street.
 */
export const districtStaff = sqliteTable(
  "district_staff",
  {
    userId: text("user_id").primaryKey(),
    streetId: text("street_id").notNull(),
    siteId: text("site_id").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    reportedAt: text("reported_at").notNull(),
  },
  (t) => [index("district_staff_street_idx").on(t.streetId)],
);

/**
 * District only: each station's last exchange with its street hub, as that street last
 * reported it (`sync.pushDirectory`): the district admin's data freshness one level down.
 * The street's own exchanges with the district are in `stations` (a street is enrolled there).
 */
export const reportedSync = sqliteTable(
  "reported_sync",
  {
    siteId: text("site_id").primaryKey(),
    streetId: text("street_id").notNull(),
    lastSeenAt: text("last_seen_at"),
    lastPushAt: text("last_push_at"),
    lastPullAt: text("last_pull_at"),
    /** When the street sent this report (the street's clock). */
    reportedAt: text("reported_at").notNull(),
  },
  (t) => [index("reported_sync_street_idx").on(t.streetId)],
);

/**
 * District only (SPEC.md "Bulk catch-up"): the cases a street sent whole in bulk frames. Each
 * is stored at once with the street's projection as a claim (so it is durable and counted),
 * and verified later like a push of its history; until then it is in no feed. A verified case's
 * changes are in the log and its blob is dropped; a refused one keeps it for people to see,
 * and its claimed projection is removed.
 */
export const bulkCases = sqliteTable(
  "bulk_cases",
  {
    caseId: text("case_id").notNull(),
    /** The sending street's site id (a case two streets share is kept once from each). */
    sender: text("sender").notNull(),
    /** The case's changes as sent (sync `packChanges`); null once verified. */
    changes: blob("changes", { mode: "buffer" }),
    changeCount: integer("change_count").notNull(),
    /** The street's projection was stored as a claim (false: it waits for another street's changes). */
    claimed: integer("claimed", { mode: "boolean" }).notNull(),
    state: text("state", { enum: ["waiting", "verified", "refused"] }).notNull(),
    /** A refusal's kind (SyncError), or null. */
    kind: text("kind"),
    /** Why it was refused or still waits, in Chinese. */
    reason: text("reason"),
    receivedAt: text("received_at").notNull(),
    /** When verification last looked at it; '' before the first look (sorts first). */
    checkedAt: text("checked_at").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.sender] }),
    index("bulk_cases_waiting_idx").on(t.checkedAt).where(sql`${t.state} = 'waiting'`),
    index("bulk_cases_sender_state_idx").on(t.sender, t.state),
  ],
);
