import { type Db, logSms, type SmsTemplate } from "@bangban/db";
import { maskPhone } from "@bangban/domain";

/** One text message to a resident, as a time rule produced it (the shared contract of #14). */
export interface SmsNotice {
  /** Deterministic like a reminder's (`${rule}.${caseId}.${firesOn}`): sent twice, logged once. */
  id: string;
  rule: string;
  caseId: string;
  caseNumber: string;
  template: SmsTemplate;
  /** The full number, only for the adapter; never stored in clear. */
  phone: string;
  /** In Chinese: what the resident would receive. */
  text: string;
  /** `YYYY-MM-DD`: the day the notice became due. */
  firesOn: string;
}

/** Sends SMS notices to residents. The scheduler calls it; adapters decide what "send" is. */
export interface Notifier {
  send(n: SmsNotice): Promise<void>;
}

/**
 * No SMS provider is wired: the interface and this log are the product. Each notice is
 * recorded in `sms_log` (短信通知记录) with the phone masked, once per notice id, so a lead
 * can see what residents would have been told and a provider adapter can be added later.
 */
export class LogNotifier implements Notifier {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  async send(n: SmsNotice): Promise<void> {
    await logSms(this.db, {
      id: n.id,
      rule: n.rule,
      caseId: n.caseId,
      caseNumber: n.caseNumber,
      template: n.template,
      phoneMasked: maskPhone(n.phone),
      text: n.text,
      firesOn: n.firesOn,
      sentAt: this.clock().toISOString(),
    });
  }
}

/** For tests: keeps every notice it was given, in order, phone and all. */
export class MemoryNotifier implements Notifier {
  readonly sent: SmsNotice[] = [];

  async send(n: SmsNotice): Promise<void> {
    this.sent.push(n);
  }
}
