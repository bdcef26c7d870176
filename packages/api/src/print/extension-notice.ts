/**
 * 延期告知书 (DOMAIN.md §3.4): an extension needs the head's approval and its reason told to
 * the applicant — this paper tells it, with the due date before and after.
 */
import { PrintInputError } from "./errors";
import { cnDate } from "./format";
import { html, page } from "./layout";
import {
  agentLabel,
  applicantLabel,
  caseNumberLine,
  contactBlock,
  heading,
  infoTable,
  itemLabel,
  residentSignatureLabel,
  signatures,
} from "./parts";
import type { PrintCase, PrintExtension, PrintSite } from "./types";

/** Title of the document. */
export const EXTENSION_NOTICE_TITLE = "延期告知书";

function requireExtension(c: PrintCase): PrintExtension {
  if (c.extension) return c.extension;
  throw new PrintInputError(
    "case.extension",
    "延期告知书只能在办件经批准延期后打印（case.extension 为空）；请先由中心负责人批准延期。",
  );
}

const dateOrOpen = (d: string | null): string => (d ? cnDate(d) : "（特别程序期间，恢复后计算）");

/** Renders the 延期告知书 of an extended case. */
export function renderExtensionNotice(c: PrintCase, site: PrintSite): string {
  const x = requireExtension(c);
  const body = html`${heading(EXTENSION_NOTICE_TITLE, site)}
${caseNumberLine(c)}
${infoTable([
  ["事项名称", itemLabel(c)],
  ["申 请 人", applicantLabel(c)],
  ["代 办 人", agentLabel(c)],
  ["延期理由", x.reason],
  ["延长期限", `${x.workdays} 个工作日`],
  ["原办结期限", dateOrOpen(x.oldDueOn)],
  ["延期后办结期限", dateOrOpen(x.newDueOn)],
  ["批 准 人", x.approvedBy],
  ["批准日期", cnDate(x.approvedOn)],
  ["延期依据", x.basis],
])}
<p class="indent">${c.applicant.name}：您申请办理的“${c.itemName}”，因${x.reason}，不能在原定期限内办结。经本机关负责人批准，办理期限延长 ${x.workdays} 个工作日，办结期限由 ${dateOrOpen(x.oldDueOn)} 延至 ${dateOrOpen(x.newDueOn)}。特此告知。</p>
<p class="indent">如有疑问，请致电 ${site.phone} 咨询；对服务有意见或建议，请拨打监督电话 ${site.supervisionPhone}。</p>
${signatures([{ label: residentSignatureLabel(c) }])}
<p class="stamp">${site.name}（盖章）<br>${cnDate(x.approvedOn)}</p>
${contactBlock(site)}`;
  return page(`${EXTENSION_NOTICE_TITLE} ${c.caseNumber}`, body);
}
