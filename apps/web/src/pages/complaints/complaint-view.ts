import { type ComplaintViewingNode, complainantShown } from "@bangban/domain";
import type { QueryOutput } from "../../api/keys";
import type { MessageKey } from "../../i18n/zh";

/** One row of 投诉台账 as `complaints.list` answers it. */
export type ComplaintRow = QueryOutput<"complaints.list">["rows"][number];
export type ComplaintDue = ComplaintRow["dues"][number];
export type ComplaintAction = ComplaintRow["actions"][number];

const STAGE: Record<ComplaintRow["stage"], { colour: string; label: MessageKey }> = {
  registered: { colour: "default", label: "complaints.stage.registered" },
  accepted: { colour: "processing", label: "complaints.stage.accepted" },
  handling: { colour: "processing", label: "complaints.stage.handling" },
  closed: { colour: "success", label: "complaints.stage.closed" },
  followed_up: { colour: "success", label: "complaints.stage.followed_up" },
  not_accepted: { colour: "default", label: "complaints.stage.not_accepted" },
};

/** The stage's tag (登记/受理/处理/办结/回访/不予受理). */
export function stageTag(stage: ComplaintRow["stage"]) {
  return STAGE[stage];
}

/** A 办不成事 record is open or 已办结; its outcome says how. */
export function fallbackStageTag(stage: ComplaintRow["stage"]): {
  colour: string;
  label: MessageKey;
} {
  return stage === "registered"
    ? { colour: "processing", label: "desk.stage.open" }
    : { colour: "success", label: "desk.stage.closed" };
}

const DUE: Record<ComplaintDue["what"], MessageKey> = {
  answer: "complaints.due.answer",
  file_result: "complaints.due.file_result",
  callback: "complaints.due.callback",
  fallback: "complaints.due.fallback",
};

/** A deadline's tag: red once passed (the ledger's 超期), orange otherwise. */
export function dueTag(d: ComplaintDue): {
  colour: "error" | "warning";
  label: MessageKey;
  date: string;
} {
  return { colour: d.overdue ? "error" : "warning", label: DUE[d.what], date: d.date };
}

/** Whether any open deadline of the row has passed (the row is marked red). */
export function isOverdue(row: Pick<ComplaintRow, "dues">): boolean {
  return row.dues.some((d) => d.overdue);
}

/** The node whose screen shows the complaint (`auth.me`'s node). */
export type ViewingNode = ComplaintViewingNode;

/**
 * The complainant as this node may show it (`complainantShown`, the rule the export uses too),
 * as a message: masked text, 已隐藏, 匿名, or 街道留存 with a hint saying where it is kept.
 */
export function complainantLabel(
  row: Pick<ComplaintRow, "complainant" | "complainantHidden" | "siteId" | "anonymous">,
  node?: ViewingNode,
): { text: string } | { key: MessageKey; hint?: MessageKey } {
  const shown = complainantShown(row, node);
  switch (shown.kind) {
    case "masked":
      return { text: shown.text };
    case "hidden":
      return { key: "complaints.complainant.hidden" };
    case "anonymous":
      return { key: "complaints.complainant.anonymous" };
    case "keptAtStreet":
      return {
        key: "complaints.complainant.keptAtStreet",
        hint:
          node?.siteKind === "district"
            ? "complaints.anon.keptHintDistrict"
            : "complaints.anon.keptHintStreet",
      };
  }
}

/** What the complaint is about, in one line: site, staff member and case, as given. */
export function targetText(
  target: ComplaintRow["target"],
  names: { site: (id: string) => string; staff: (id: string) => string },
): string {
  if (!target) return "";
  const parts = [
    target.siteId ? names.site(target.siteId) : null,
    target.staffId ? names.staff(target.staffId) : null,
    target.caseId ? `#${target.caseId}` : null,
  ];
  return parts.filter((p): p is string => !!p).join(" · ");
}

/** The register form's values as the form holds them (antd: blank fields are undefined). */
export interface RegisterValues {
  channel: string;
  targetSiteId?: string;
  targetStaffId?: string;
  targetCaseId?: string;
  content: string;
  written: boolean;
  complexity: "simple" | "complex";
  anonymous?: boolean;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** `complaints.register`'s input from the form: blank targets dropped, anonymous → no complainant. */
export function registerInputOf(v: RegisterValues) {
  return {
    channel: v.channel,
    target: {
      ...(blank(v.targetSiteId) ? { siteId: blank(v.targetSiteId) } : {}),
      ...(blank(v.targetStaffId) ? { staffId: blank(v.targetStaffId) } : {}),
      ...(blank(v.targetCaseId) ? { caseId: blank(v.targetCaseId) } : {}),
    },
    content: v.content,
    written: v.written,
    complexity: v.complexity,
    complainant: v.anonymous
      ? null
      : {
          name: v.name ?? "",
          phone: v.phone ?? "",
          ...(blank(v.idNumber) ? { idNumber: blank(v.idNumber) } : {}),
          ...(blank(v.address) ? { address: blank(v.address) } : {}),
        },
  };
}

/**
 * Where the server's field names land on the register form: `complainant.phone` → `phone`,
 * `target.staffId` → `targetStaffId`.
 */
export function registerFieldOf(field: string): string {
  const [head, tail] = field.split(".");
  if (head === "complainant" && tail) return tail;
  if (head === "target" && tail) return `target${tail[0]?.toUpperCase()}${tail.slice(1)}`;
  return field;
}

/** The buttons of the complaint page, in the loop's order, each with its label. */
export function actionButtons(
  actions: readonly ComplaintAction[],
): { type: ComplaintAction; label: MessageKey }[] {
  return actions.map((type) => ({ type, label: `complaints.action.${type}` as MessageKey }));
}

/** A step that needs a form (the others are one click with a confirmation). */
export function needsForm(type: ComplaintAction): boolean {
  return type !== "accept" && type !== "start_handling";
}
