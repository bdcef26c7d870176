import type { SmsNotice } from "@bangban/api";
import type { MessageKey } from "../../i18n/zh";

export type SmsTemplate = SmsNotice["template"];

const TEMPLATE: Record<SmsTemplate, { colour: string; label: MessageKey }> = {
  deferred_due: { colour: "warning", label: "smsLog.template.deferred_due" },
  deferred_overdue: { colour: "error", label: "smsLog.template.deferred_overdue" },
  result_ready: { colour: "success", label: "smsLog.template.result_ready" },
  rating_invite: { colour: "processing", label: "smsLog.template.rating_invite" },
};

/** The template's tag; a template this screen does not know yet shows as itself. */
export function templateTag(template: string): { colour: string; label: MessageKey | null } {
  return TEMPLATE[template as SmsTemplate] ?? { colour: "default", label: null };
}
