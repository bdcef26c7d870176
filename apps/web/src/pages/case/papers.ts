import { closingEventOf } from "@bangban/domain";
import type { MessageKey } from "../../i18n/zh";

/** What the 打印 menu needs to know of a case (a slice of the case detail). */
export interface PaperFacts {
  status: string;
  mode: "assist" | "proxy";
  deadline: { state: string };
  notices: readonly string[];
  materials: readonly { promise: unknown }[];
  handover: unknown;
  timeline: readonly { type: string; payload: unknown }[];
}

/** One entry of the menu: `notice:<id>` for a 一次性告知书, otherwise the print kind. */
export interface Paper {
  key: string;
  label: MessageKey;
  /** The notice's number, for 一次性告知书（第 n 次）. */
  n?: number;
}

/**
 * The papers a case can print now. A TERMINATED 容缺 case offers the 退件通知书 or the
 * 终止办理告知书 by its terminate event's `payload.outcome` (domain closingEventOf); an
 * extended case the 延期告知书.
 */
export function casePapers(c: PaperFacts): Paper[] {
  const deferred = c.materials.some((m) => m.promise);
  const closing = c.status === "TERMINATED" ? closingEventOf(c.timeline) : null;
  const all: (Paper & { show: boolean })[] = [
    { key: "receipt", label: "print.receipt", show: c.deadline.state !== "not_started" },
    ...c.notices.map((id, i) => ({
      key: `notice:${id}`,
      label: "print.oneTimeNoticeN" as const,
      n: i + 1,
      show: true,
    })),
    { key: "deferred-commitment", label: "print.deferredCommitment", show: deferred },
    { key: "deferred-notice", label: "print.deferredNotice", show: deferred },
    {
      key: "extension-notice",
      label: "print.extensionNotice",
      show: c.timeline.some((e) => e.type === "extend"),
    },
    { key: "return-notice", label: "print.returnNotice", show: closing?.outcome === "returned" },
    {
      key: "termination-notice",
      label: "print.terminationNotice",
      show: closing?.outcome === "terminated",
    },
    { key: "power-of-attorney", label: "print.poa", show: c.mode === "proxy" },
    { key: "delivery-receipt", label: "print.deliveryReceipt", show: c.handover !== null },
  ];
  return all.filter((p) => p.show).map(({ show: _, ...p }) => p);
}
