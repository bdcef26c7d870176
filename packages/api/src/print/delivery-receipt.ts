/**
 * 送达回证: the proof that the result reached the applicant (DOMAIN.md §1 帮办代办: 委托→受理→
 * 办理→送达→归档), signed by whoever collected it — the applicant or a 代领 collector — and
 * by the staff member who handed it over.
 */
import { PrintInputError } from "./errors";
import { cnDateTime, safeId } from "./format";
import { html, page } from "./layout";
import {
  applicantLabel,
  caseNumberLine,
  contactBlock,
  heading,
  infoTable,
  itemLabel,
  qrBlock,
  signatures,
} from "./parts";
import type { PrintCase, PrintHandover, PrintSite } from "./types";

/** Title of the document. */
export const DELIVERY_RECEIPT_TITLE = "送达回证";

function requireHandover(c: PrintCase): PrintHandover {
  if (c.handover) return c.handover;
  throw new PrintInputError(
    "case.handover",
    "送达回证需要办结时登记的领取信息（case.handover 为空）；请先在办结时登记本人领取或代领。",
  );
}

/** 本人领取, or 代领 with the collector's name and masked ID. */
function howLabel(h: PrintHandover): string {
  if (h.how === "self" || !h.collector) return "申请人本人领取";
  return `代领　领取人：${h.collector.name}　身份证号：${safeId(h.collector.idMasked)}`;
}

/**
 * Renders the 送达回证 of a completed case, with the QR code to the resident's own rating page
 * (扫码评价): the result is in hand, the matter can be rated.
 */
export async function renderDeliveryReceipt(c: PrintCase, site: PrintSite): Promise<string> {
  const h = requireHandover(c);
  const collector = h.how === "collector" && h.collector ? h.collector.name : c.applicant.name;
  const body = html`${heading(DELIVERY_RECEIPT_TITLE, site)}
${caseNumberLine(c)}
${infoTable([
  ["事项名称", itemLabel(c)],
  ["申 请 人", applicantLabel(c)],
  ["送达文书", "办理结果（证照、批复或告知文书）"],
  ["送达方式", howLabel(h)],
  ["送达时间", cnDateTime(h.at)],
  ["送达地点", h.siteName],
  ["经 办 人", h.byName],
])}
<p class="indent">上述办理结果已当面送达。领取人已核对结果内容无误，并出示身份证件原件${
    h.how === "collector" ? "及申请人的委托书" : ""
  }。本回证上的证件号码已脱敏，以现场核验的证件为准。</p>
${signatures([{ label: "领取人签字（按指印）", printedName: collector }, { label: "送达人签字" }])}
${await qrBlock(c.ratingUrl, "扫码评价本次办理（群众自评，一事一评）")}
${contactBlock(site)}`;
  return page(`${DELIVERY_RECEIPT_TITLE} ${c.caseNumber}`, body);
}
