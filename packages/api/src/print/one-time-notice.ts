/**
 * 一次性告知书: one written notice listing everything that is missing or must be corrected
 * (DOMAIN.md §2, → NEEDS_CORRECTION), so the resident never has to come back twice.
 */
import { PrintInputError } from "./errors";
import { cnDate } from "./format";
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
  residentSignatureLabel,
  signatures,
} from "./parts";
import type { PrintCase, PrintNotice, PrintSite } from "./types";

/** Title of the notice. */
export const ONE_TIME_NOTICE_TITLE = "一次性告知书";

function missingTable(notice: PrintNotice): SafeHtml {
  return listTable(
    ["材料名称", "需补齐/补正的原因", "材料形式及要求"],
    notice.missing.map((m) => [m.name, m.reason, m.form ?? "—"]),
  );
}

function instructions(c: PrintCase, site: PrintSite, notice: PrintNotice): SafeHtml {
  return html`<p class="indent">${c.applicant.name}：您申请办理的“${c.itemName}”，经审查，申请材料不齐全或不符合法定形式。根据一次性告知制度，现将需要补齐、补正的<strong>全部</strong>材料一次性告知如下（共 ${notice.missing.length} 项）：</p>
${missingTable(notice)}
<p class="indent">除上述所列材料外，本事项不再要求您提供其他材料。请您备齐上述材料后，在工作时间内携带本告知书到${site.name}（${site.address}）提交，也可由代办人凭委托书代为提交。</p>
<p class="indent">办理时限自收到全部补正材料的次日起重新计算。如对本告知内容有疑问，请致电 ${site.phone} 咨询；对服务有意见或建议，请拨打监督电话 ${site.supervisionPhone}。</p>`;
}

/**
 * Renders the 一次性告知书. Throws when `notice.missing` is empty: a notice that lists nothing
 * cannot be handed out.
 */
export function renderOneTimeNotice(c: PrintCase, site: PrintSite, notice: PrintNotice): string {
  if (notice.missing.length === 0) {
    throw new PrintInputError(
      "notice.missing",
      "一次性告知书（notice.missing）至少要列出一项需补齐或补正的材料；请先登记缺少的材料。",
    );
  }
  const body = html`${heading(ONE_TIME_NOTICE_TITLE, site)}
${caseNumberLine(c)}
<div class="meta"><span>告知书编号：${notice.noticeId}</span><span>出具日期：${cnDate(notice.issuedOn)}</span></div>
${infoTable([
  ["事项名称", itemLabel(c)],
  ["申 请 人", applicantLabel(c)],
  ["代 办 人", agentLabel(c)],
])}
${instructions(c, site, notice)}
${signatures([
  { label: "经办人", printedName: c.receiverName },
  { label: residentSignatureLabel(c) },
])}
<p class="stamp">${site.name}（盖章）<br>${cnDate(notice.issuedOn)}</p>
${contactBlock(site)}`;
  return page(`${ONE_TIME_NOTICE_TITLE} ${c.caseNumber}`, body);
}
