import type {
  CaseEventType,
  CaseKind,
  ItemType,
  MaterialRequirement,
  MaterialState,
} from "@bangban/domain";
import type { MessageKey } from "../i18n/zh";

/** Words for the domain's enumerations that the domain labels in Chinese only. */
export const itemTypeKey: Record<ItemType, MessageKey> = {
  ADMIN_LICENSE: "itemType.ADMIN_LICENSE",
  ADMIN_BENEFIT: "itemType.ADMIN_BENEFIT",
  ADMIN_CONFIRMATION: "itemType.ADMIN_CONFIRMATION",
  ADMIN_RULING: "itemType.ADMIN_RULING",
  ADMIN_REWARD: "itemType.ADMIN_REWARD",
  ADMIN_FILING: "itemType.ADMIN_FILING",
  OTHER_POWER: "itemType.OTHER_POWER",
  PUBLIC_SERVICE: "itemType.PUBLIC_SERVICE",
};

export const caseKindKey: Record<CaseKind, MessageKey> = {
  IMMEDIATE: "caseKind.IMMEDIATE",
  PROMISED: "caseKind.PROMISED",
  JOINT: "caseKind.JOINT",
  ESCALATED: "caseKind.ESCALATED",
};

export const requirementKey: Record<MaterialRequirement, MessageKey> = {
  mandatory: "requirement.mandatory",
  deferrable: "requirement.deferrable",
  conditional: "requirement.conditional",
};

export const requirementColour: Record<MaterialRequirement, string> = {
  mandatory: "red",
  deferrable: "orange",
  conditional: "default",
};

export const materialStateKey: Record<MaterialState, MessageKey> = {
  provided: "materialState.provided",
  missing: "materialState.missing",
  deferred: "materialState.deferred",
  supplemented: "materialState.supplemented",
};

export const materialStateColour: Record<MaterialState, string> = {
  provided: "success",
  missing: "error",
  deferred: "warning",
  supplemented: "processing",
};

/** Timeline words: the domain's `actionLabel` English is a verb phrase for messages. */
export const eventKey: Record<CaseEventType, MessageKey> = {
  intake: "event.intake",
  update_materials: "event.update_materials",
  request_correction: "event.request_correction",
  check_material: "event.check_material",
  supplement: "event.supplement",
  reject_intake: "event.reject_intake",
  accept: "event.accept",
  start_review: "event.start_review",
  suspend: "event.suspend",
  resume: "event.resume",
  submit_for_approval: "event.submit_for_approval",
  approve: "event.approve",
  deny: "event.deny",
  issue: "event.issue",
  complete: "event.complete",
  withdraw: "event.withdraw",
  terminate: "event.terminate",
  extend: "event.extend",
  transfer: "event.transfer",
  forward: "event.forward",
  set_pickup_site: "event.set_pickup_site",
  reassign: "event.reassign",
  rate: "event.rate",
  complain: "event.complain",
  resolve_conflict: "event.resolve_conflict",
  note: "event.note",
  flag: "event.flag",
  rectify_classify: "event.rectify_classify",
  rectify_record: "event.rectify_record",
  rectify_callback: "event.rectify_callback",
  rectify_appeal: "event.rectify_appeal",
  rectify_appeal_decide: "event.rectify_appeal_decide",
};

export const handoffKey = {
  intake: "handoff.intake",
  forward: "handoff.forward",
  transfer: "handoff.transfer",
  pickup: "handoff.pickup",
  reassign: "handoff.reassign",
} as const satisfies Record<string, MessageKey>;

export const ratingKey: Record<1 | 2 | 3 | 4 | 5, MessageKey> = {
  5: "rating.5",
  4: "rating.4",
  3: "rating.3",
  2: "rating.2",
  1: "rating.1",
};
