import {
  type CaseEventType,
  type Role,
  roleLabels,
  type SiteKind,
  type TimeRuleId,
  timeRuleLabels,
} from "@bangban/domain";
import type { QueryInput } from "../../api/keys";
import type { Translate } from "../../i18n/i18n-context";
import { type Lang, pick } from "../../i18n/lang";
import type { MessageKey } from "../../i18n/zh";
import { eventKey } from "../../lib/labels";

/** The viewer's filter as the form holds it (dates as YYYY-MM-DD, China time). */
export interface AuditFilter {
  site?: string | undefined;
  userId?: string | undefined;
  action?: string | undefined;
  caseNumber?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** 查阅记录: only full-ID searches, reveals and 带入. */
  access: boolean;
}

export const PAGE_SIZE = 50;

/** The `audit.list` input for a filter and page: blanks left out, text trimmed. */
export function auditListInput(f: AuditFilter, before?: number): QueryInput<"audit.list"> {
  const text = (v: string | undefined) => {
    const s = v?.trim();
    return s ? s : undefined;
  };
  const input: QueryInput<"audit.list"> = { limit: PAGE_SIZE, access: f.access };
  const site = text(f.site);
  const userId = text(f.userId);
  const action = f.access ? undefined : text(f.action);
  const caseNumber = text(f.caseNumber);
  if (site) input.site = site;
  if (userId) input.userId = userId;
  if (action) input.action = action;
  if (caseNumber) input.caseNumber = caseNumber;
  if (f.from) input.from = f.from;
  if (f.to) input.to = f.to;
  if (before !== undefined) input.before = before;
  return input;
}

/** A log the reader may open, as `audit.sites` lists it. */
export interface AuditSiteChoice {
  siteId: string;
  name: string;
  kind: SiteKind;
  own: boolean;
  /** At a district: the log's street, by name (a street's own log or its station's). */
  street?: string;
}

/** One entry of the log picker; `search` is what typing filters on. */
export interface AuditSiteOption {
  value: string;
  label: string;
  search: string;
}

/**
 * The log picker's entries. At a street hub: its own log, then its stations'. At a district,
 * where the streets send their own logs and relay their stations': its own, then one group per
 * street (the street's own log first), and typing a street's name or code keeps that street's
 * whole group. A site listed without a street (the site tree moved on) stays choosable, last.
 */
export function auditSiteOptions(
  sites: readonly AuditSiteChoice[],
  t: Translate,
): (AuditSiteOption | { label: string; options: AuditSiteOption[] })[] {
  const option = (s: AuditSiteChoice): AuditSiteOption => ({
    value: s.siteId,
    label: s.own
      ? `${s.name} ${t("audit.site.own")}`
      : s.kind === "center" && s.street
        ? `${s.name} ${t("audit.site.streetOwn")}`
        : s.name,
    search: [s.street, s.name, s.siteId].filter(Boolean).join(" "),
  });
  const groups = new Map<string, AuditSiteOption[]>();
  const loose: AuditSiteChoice[] = [];
  for (const s of sites) {
    if (s.own) continue;
    if (!s.street) loose.push(s);
    else groups.set(s.street, [...(groups.get(s.street) ?? []), option(s)]);
  }
  return [
    ...sites.filter((s) => s.own).map(option),
    ...[...groups].map(([label, options]) => ({ label, options })),
    ...loose.map(option),
  ];
}

/** Actions with a fixed name, in words. Families (`case.*`, `rule.*`, `print.*`) are composed. */
const ACTION_KEY: Record<string, MessageKey> = {
  "archive.lookup": "audit.action.archive.lookup",
  "person.reveal": "audit.action.person.reveal",
  "person.reveal_refused": "audit.action.person.reveal_refused",
  "person.prefill": "audit.action.person.prefill",
  "person.prefill_refused": "audit.action.person.prefill_refused",
  "auth.login.password": "audit.action.auth.login.password",
  "auth.login.pin": "audit.action.auth.login.pin",
  "auth.failed": "audit.action.auth.failed",
  "auth.logout": "audit.action.auth.logout",
  "auth.unlock": "audit.action.auth.unlock",
  "auth.password_changed": "audit.action.auth.password_changed",
  "audit.read": "audit.action.audit.read",
  "audit.verify": "audit.action.audit.verify",
  "absence.create": "audit.action.absence.create",
  "absence.cancel": "audit.action.absence.cancel",
  "calendar.update": "audit.action.calendar.update",
  "catalog.save": "audit.action.catalog.save",
  "site.create": "audit.action.site.create",
  "site.update": "audit.action.site.update",
  "site.localItems": "audit.action.site.localItems",
  "user.create": "audit.action.user.create",
  "user.update": "audit.action.user.update",
  "user.password_reset": "audit.action.user.password_reset",
  "user.pin_set": "audit.action.user.pin_set",
  "user.pin_cleared": "audit.action.user.pin_cleared",
  "station.enrol": "audit.action.station.enrol",
  "station.enrolled": "audit.action.station.enrolled",
  "station.enrolment_code": "audit.action.station.enrolment_code",
  "enrolment.code": "audit.action.station.enrolment_code",
  "station.revoke": "audit.action.station.revoke",
  "sync.push": "audit.action.sync.push",
  "sync.release": "audit.action.sync.release",
  "case.remarks": "audit.action.case.remarks",
};

/**
 * An audit action in words: a fixed one from the table, a case event (`case.accept`) by the
 * timeline's word, a time rule (`rule.deadline.red`) by the domain's label, a print by its
 * document. An action this screen does not know yet shows as itself.
 */
export function actionLabel(action: string, t: Translate, lang: Lang): string {
  const fixed = ACTION_KEY[action];
  if (fixed) return t(fixed);
  const [family, ...rest] = action.split(".");
  const tail = rest.join(".");
  if (family === "case" && tail in eventKey) {
    return t("audit.action.case", { what: t(eventKey[tail as CaseEventType]) });
  }
  if (family === "rule" && tail in timeRuleLabels) {
    return t("audit.action.rule", { what: pick(timeRuleLabels[tail as TimeRuleId], lang) });
  }
  if (family === "print") return t("audit.action.print", { what: tail });
  return action;
}

/** The action filter's choices: the families first, then the single actions people look for. */
export const ACTION_FILTERS: readonly { value: string; label: MessageKey }[] = [
  { value: "case.*", label: "audit.filter.family.case" },
  { value: "auth.*", label: "audit.filter.family.auth" },
  { value: "person.*", label: "audit.filter.family.person" },
  { value: "rule.*", label: "audit.filter.family.rule" },
  { value: "print.*", label: "audit.filter.family.print" },
  { value: "user.*", label: "audit.filter.family.user" },
  { value: "audit.*", label: "audit.filter.family.audit" },
  { value: "archive.lookup", label: "audit.action.archive.lookup" },
  { value: "person.reveal", label: "audit.action.person.reveal" },
  { value: "auth.failed", label: "audit.action.auth.failed" },
  { value: "sync.release", label: "audit.action.sync.release" },
];

/** The person column: the name and post this node knows, or the raw id (system, a station). */
export function personText(
  row: { userId: string; userName: string | null; userRole: string | null },
  t: Translate,
  lang: Lang,
): string {
  if (row.userId === "system") return t("audit.person.system");
  if (row.userId.startsWith("station:")) {
    return t("audit.person.station", { site: row.userId.slice("station:".length) });
  }
  if (!row.userName) return row.userId;
  const role = row.userRole && row.userRole in roleLabels ? roleLabels[row.userRole as Role] : null;
  return role ? `${row.userName}（${pick(role, lang)}）` : row.userName;
}

/** Shown first, in words (`purposeKind` is the same purpose as a code). */
const SHOWN_FIRST = ["purpose", "purposeKind", "note", "idMasked", "reason"] as const;

/**
 * The purpose/detail column: for a person access its purpose, note and masked ID number
 * first (DOMAIN.md §8: who, when, masked ID, purpose, case); then the rest of the detail as
 * `key: value`, so nothing recorded is hidden.
 */
export function detailText(detail: Record<string, unknown>, t: Translate): string {
  const parts: string[] = [];
  const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  if (detail.purpose !== undefined) {
    const note = detail.note ? `（${str(detail.note)}）` : "";
    parts.push(`${t("audit.detail.purpose")}：${str(detail.purpose)}${note}`);
  }
  if (detail.idMasked !== undefined) parts.push(`${t("audit.detail.id")}：${str(detail.idMasked)}`);
  if (detail.reason !== undefined) parts.push(`${t("audit.detail.reason")}：${str(detail.reason)}`);
  for (const [k, v] of Object.entries(detail)) {
    if ((SHOWN_FIRST as readonly string[]).includes(k)) continue;
    parts.push(`${k}: ${str(v)}`);
  }
  return parts.join(" · ");
}

/** A row's chain check as a tag. */
export function chainTag(chain: string): { colour: string; label: MessageKey } {
  switch (chain) {
    case "ok":
      return { colour: "success", label: "audit.chain.ok" };
    case "unchained":
      return { colour: "default", label: "audit.chain.unchained" };
    case "hash":
      return { colour: "error", label: "audit.chain.hash" };
    default:
      return { colour: "error", label: "audit.chain.link" };
  }
}

/** 校验链's verdict in a sentence. */
export function verifyText(
  result:
    | { ok: true; rows: number }
    | { ok: false; brokenId: number; checked: number; reason: string },
  t: Translate,
): string {
  if (result.ok) return t("audit.verify.ok", { rows: result.rows });
  const why = chainTag(result.reason).label;
  return t("audit.verify.broken", { id: result.brokenId, checked: result.checked, why: t(why) });
}

/**
 * The site column: the site's name where the node knows it (every log it lists names its
 * site), the code otherwise; a district's log lists a dozen sites and codes alone read as noise.
 */
export function siteText(siteId: string, sites: readonly AuditSiteChoice[]): string {
  return sites.find((s) => s.siteId === siteId)?.name ?? siteId;
}
