/**
 * 受理回执 (受理通知书): what the resident takes home when the station accepts, or only
 * receives, an application (DOMAIN.md §2, → ACCEPTED).
 */
import { cnDate, cnDateTime, formAndCopies, materialStateLabel, modeLabel } from "./format";
import { html, page, type SafeHtml } from "./layout";
import {
  agentLabel,
  applicantLabel,
  caseNumberLine,
  contactBlock,
  heading,
  infoTable,
  itemLabel,
  listTable,
  qrBlock,
  residentSignatureLabel,
  signatures,
} from "./parts";
import type { PrintCase, PrintSite } from "./types";

/** Printed next to a due date that lies beyond the published holiday calendar. */
export const CALENDAR_UNCERTAIN_NOTE = "（节假日安排未公布，日期待核）";

/** 受理回执 once accepted; 收件回执 while the station has only received the application. */
export function receiptTitle(c: PrintCase): string {
  return c.acceptedOn ? "受理回执" : "收件回执";
}

function timeLimit(c: PrintCase): string {
  const promised =
    c.promisedDays === 0 ? "即办件，当场办结" : `${c.promisedDays} 个工作日（自受理次日起计算）`;
  return c.legalDays === null ? promised : `${promised}；法定时限 ${c.legalDays} 个工作日`;
}

function dueDate(c: PrintCase): string {
  if (!c.acceptedOn) return "受理后按工作日计算";
  if (!c.dueOn) return "—";
  return `${cnDate(c.dueOn)}${c.calendarUncertain ? CALENDAR_UNCERTAIN_NOTE : ""}`;
}

function materialsTable(c: PrintCase): SafeHtml {
  // A conditional material that was not brought simply did not apply to this applicant.
  const rows = c.materials
    .filter((m) => !(m.requirement === "conditional" && m.state === "missing"))
    .map((m) => [m.name, formAndCopies(m.form, m.copies), materialStateLabel(m.state)]);
  if (rows.length === 0) return html`<p>（未登记申请材料）</p>`;
  return listTable(["材料名称", "形式及份数", "收取情况"], rows);
}

function deferredLine(c: PrintCase): SafeHtml | null {
  if (c.deferred.length === 0) return null;
  return html`<p class="emphasis">本件为容缺受理，尚有 ${c.deferred.length} 项材料待补齐，补齐材料、期限及逾期后果详见《容缺受理通知书》；材料补齐前不出具办理结果。</p>`;
}

function caseTable(c: PrintCase): SafeHtml {
  return infoTable([
    ["事项名称", itemLabel(c)],
    ["申 请 人", applicantLabel(c)],
    ["代 办 人", agentLabel(c)],
    ["办理方式", modeLabel(c.mode)],
    ["收件时间", cnDateTime(c.submittedAt)],
    ["受理日期", c.acceptedOn ? cnDate(c.acceptedOn) : "待受理"],
    ["承诺办结时限", timeLimit(c)],
    ["预计办结日期", dueDate(c)],
    ["受 理 人", c.receiverName],
  ]);
}

/** The rating QR's caption on the receipt: the case cannot be rated before 办结. */
const RATING_QR_CAPTION_AFTER = "办结后扫码评价（群众自评，一事一评）";

/**
 * Renders the 受理回执 as a complete printable page, with QR codes to the progress page and to
 * the resident's own rating page (扫码评价).
 */
export async function renderReceipt(c: PrintCase, site: PrintSite): Promise<string> {
  const title = receiptTitle(c);
  const body = html`${heading(title, site)}
${caseNumberLine(c)}
${caseTable(c)}
<p>已收取的申请材料：</p>
${materialsTable(c)}
${deferredLine(c)}
<p class="small">办理时限按工作日计算，不含法定节假日；办理过程中依法需要听证、检验、检测、鉴定、专家评审或公示的时间不计入时限。请妥善保管本回执，凭办件编号查询进度或领取结果。</p>
${await qrBlock(c.progressUrl, "扫码查询办理进度")}
${await qrBlock(c.ratingUrl, RATING_QR_CAPTION_AFTER)}
${signatures([{ label: "受理人", printedName: c.receiverName }, { label: residentSignatureLabel(c) }])}
${contactBlock(site)}`;
  return page(`${title} ${c.caseNumber}`, body);
}
