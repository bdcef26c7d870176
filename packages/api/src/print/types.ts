/**
 * Input contract of the printable documents. Plain data, already de-identified by the caller
 * (DOMAIN.md §8); the renderers mask again any ID or phone that arrives unmasked.
 */

/** The station that prints the document and the center it reports to. */
export interface PrintSite {
  id: string;
  /** 社区便民服务站 name, as printed in the header. */
  name: string;
  address: string;
  /** Station contact phone. */
  phone: string;
  /** 街道便民服务中心 that the station forwards cases to. */
  centerName: string;
  /** 监督电话 (四个公开). */
  supervisionPhone: string;
}

/** One material of the case, as checked at intake. */
export interface PrintMaterial {
  name: string;
  /** Mandatory, 容缺-able, or needed only in some situations. */
  requirement: "mandatory" | "deferrable" | "conditional";
  state: "provided" | "missing" | "deferred" | "supplemented";
  /** 原件 / 复印件 / 原件及复印件 … */
  form?: string;
  copies?: number;
}

/** The case as printed: masked applicant and agent, dates as strings. */
export interface PrintCase {
  /** Empty on a paper printed from the intake form before the case is taken in. */
  caseNumber: string;
  itemCode: string;
  itemName: string;
  /** 承诺时限, working days; 0 for 即办件. */
  promisedDays: number;
  /** 法定时限, working days; null when there is none. */
  legalDays: number | null;
  applicant: { name: string; idMasked: string; phoneMasked: string; address?: string };
  /** 代办人/受托人, when someone acts for the applicant. */
  agent: { name: string; idMasked: string; phoneMasked: string; relation: string } | null;
  /** 帮办 (applicant present, helped) or 代办 (acting on a 委托书). */
  mode: "assist" | "proxy";
  receiverName: string;
  /** ISO timestamp of 收件. */
  submittedAt: string;
  /** YYYY-MM-DD of 受理; null while only received. */
  acceptedOn: string | null;
  /** YYYY-MM-DD of 预计办结. */
  dueOn: string | null;
  /** The due date runs past the published holiday calendar. */
  calendarUncertain: boolean;
  materials: PrintMaterial[];
  /** 容缺 materials with the date (YYYY-MM-DD) the applicant promised them by. */
  deferred: PrintDeferred[];
  /** What a missed 容缺 promise leads to under this jurisdiction's rules (DOMAIN.md §4). */
  deferredPolicy: PrintDeferredPolicy;
  /** How the case was closed for a missed 容缺 promise; null unless it was (退件 / 终止). */
  closure: PrintClosure | null;
  /** The approved 延期, for the 延期告知书; null when the case was not extended. */
  extension: PrintExtension | null;
  /** Public progress page, encoded in the receipt's QR code. */
  progressUrl: string;
  /** The hub's public rating page (扫码评价), encoded on the receipt and the 送达回证. */
  ratingUrl: string;
  /** 送达, once the result was handed over; null before 办结 or on older cases. */
  handover: PrintHandover | null;
}

/** One 容缺 material and the promise made for it. */
export interface PrintDeferred {
  name: string;
  /** YYYY-MM-DD: the last day to hand it in. */
  promisedBy: string;
  form?: string;
  /** YYYY-MM-DD days the applicant is reminded (at acceptance, T-3, T-1, the due day). */
  reminders?: string[];
  /** YYYY-MM-DD it was received; null or absent while outstanding. */
  suppliedOn?: string | null;
}

/** The jurisdiction's rule for a missed 容缺 promise: 终止 at once, or 中止 then 退件. */
export interface PrintDeferredPolicy {
  policy: "terminate" | "suspend_then_return";
  /** Working days of grace before the 退件 under `suspend_then_return`. */
  graceWorkdays: number;
}

/** A 容缺 case closed for a missed promise: 退件 after the grace, or 终止 at once. */
export interface PrintClosure {
  outcome: "returned" | "terminated";
  /** YYYY-MM-DD of the 退件 / 终止. */
  on: string;
  /** The reason recorded on the terminate event. */
  reason: string;
  /** YYYY-MM-DD, last day of grace (退件 only); null for a 终止. */
  graceUntil: string | null;
}

/** An approved 延期 (DOMAIN.md §3.4): told to the applicant with its reason. */
export interface PrintExtension {
  workdays: number;
  reason: string;
  /** YYYY-MM-DD due dates before and after it; null when a pause keeps the date open. */
  oldDueOn: string | null;
  newDueOn: string | null;
  /** The head who approved it, as printed (name and post). */
  approvedBy: string;
  /** YYYY-MM-DD of the approval. */
  approvedOn: string;
  /** The rule it rests on, e.g. 行政许可事项，经本机关负责人批准可延长. */
  basis: string | null;
}

/** Who collected the result, how, when and where (the 送达回证). */
export interface PrintHandover {
  how: "self" | "collector";
  /** 代领: the collector, ID masked. */
  collector: { name: string; idMasked: string } | null;
  /** ISO timestamp of 办结. */
  at: string;
  /** Name of the site where the result was handed over. */
  siteName: string;
  /** Who handed it over (display name). */
  byName: string;
}

/** The content of one 一次性告知书: every missing or defective material at once. */
export interface PrintNotice {
  noticeId: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  missing: { name: string; reason: string; form?: string }[];
}

/** The documents a station prints. */
export type DocumentKind =
  | "receipt"
  | "one-time-notice"
  | "deferred-commitment"
  | "deferred-notice"
  | "power-of-attorney"
  | "delivery-receipt"
  | "return-notice"
  | "termination-notice"
  | "extension-notice";
