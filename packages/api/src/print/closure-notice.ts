/**
 * 退件通知书 and 终止办理告知书 (DOMAIN.md §4 "Overdue"): the written word to the applicant that a
 * 容缺 case was closed because a promised material never came — after the grace period
 * (退件, `suspend_then_return`), or at once (终止, the default policy).
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
import type { PrintCase, PrintClosure, PrintSite } from "./types";

/** Titles of the two papers, by how the case was closed. */
export const CLOSURE_NOTICE_TITLES = {
  returned: "退件通知书",
  terminated: "终止办理告知书",
} as const satisfies Record<PrintClosure["outcome"], string>;

function requireClosure(c: PrintCase, outcome: PrintClosure["outcome"]): PrintClosure {
  const title = CLOSURE_NOTICE_TITLES[outcome];
  if (!c.closure) {
    throw new PrintInputError(
      "case.closure",
      `${title}只能在办件因容缺材料逾期未补齐而${outcome === "returned" ? "退件" : "终止"}后打印（case.closure 为空）。`,
    );
  }
  if (c.closure.outcome !== outcome) {
    const other = CLOSURE_NOTICE_TITLES[c.closure.outcome];
    throw new PrintInputError(
      "case.closure",
      `本件已${c.closure.outcome === "returned" ? "退件" : "终止办理"}，请打印「${other}」，而非「${title}」。`,
    );
  }
  return c.closure;
}

/** The promises still outstanding when the case closed, with the dates they were due. */
function missedTable(c: PrintCase): SafeHtml {
  const missed = c.deferred.filter((d) => !d.suppliedOn);
  return listTable(
    ["未补齐材料名称", "材料形式", "承诺补齐期限"],
    missed.map((d) => [d.name, d.form ?? "—", cnDate(d.promisedBy)]),
  );
}

function closureText(c: PrintCase, site: PrintSite, k: PrintClosure): SafeHtml {
  const accepted = c.acceptedOn ? cnDate(c.acceptedOn) : "　　年　　月　　日";
  const opening = html`<p class="indent">${c.applicant.name}：您申请办理的“${c.itemName}”，本单位已于 ${accepted} 予以容缺受理。您在容缺受理承诺书中承诺补齐的下列材料，至承诺期限届满仍未补齐：</p>
${missedTable(c)}`;
  const decision =
    k.outcome === "returned"
      ? html`<p class="indent">按照容缺受理承诺，本件自补齐期限届满后中止办理，并给予 ${c.deferredPolicy.graceWorkdays} 个工作日的宽限期${
          k.graceUntil ? html`（至 ${cnDate(k.graceUntil)}）` : null
        }。宽限期内仍未补齐，本单位于 ${cnDate(k.on)} 决定<strong>予以退件</strong>。</p>
<p class="indent">您已提交的申请材料，请持本通知书到${site.name}领回。如需继续办理，请备齐全部材料后重新申请。</p>`
      : html`<p class="indent">按照容缺受理承诺，本单位于 ${cnDate(k.on)} 决定<strong>终止办理</strong>本件，由申请人承担相应责任。</p>
<p class="indent">如需继续办理，请备齐全部材料后重新申请。</p>`;
  return html`${opening}
${decision}
<p class="indent">记录的原因：${k.reason}</p>
<p class="indent">如对本决定有异议，请致电 ${site.phone} 咨询，或拨打监督电话 ${site.supervisionPhone}。</p>`;
}

/** Renders the 退件通知书 (`returned`) or the 终止办理告知书 (`terminated`) of a closed 容缺 case. */
export function renderClosureNotice(
  c: PrintCase,
  site: PrintSite,
  outcome: PrintClosure["outcome"],
): string {
  const k = requireClosure(c, outcome);
  const title = CLOSURE_NOTICE_TITLES[outcome];
  const body = html`${heading(title, site)}
${caseNumberLine(c)}
${infoTable([
  ["事项名称", itemLabel(c)],
  ["申 请 人", applicantLabel(c)],
  ["代 办 人", agentLabel(c)],
])}
${closureText(c, site, k)}
${signatures([{ label: residentSignatureLabel(c) }])}
<p class="stamp">${site.name}（盖章）<br>${cnDate(k.on)}</p>
${contactBlock(site)}`;
  return page(`${title} ${c.caseNumber}`, body);
}
