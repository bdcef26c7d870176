/**
 * 容缺受理 paperwork (DOMAIN.md §4): the applicant's signed 承诺书, and the 通知书 in two copies
 * (one kept by the applicant, one archived by the accepting office).
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
import type { PrintCase, PrintDeferred, PrintDeferredPolicy, PrintSite } from "./types";

/** The consequence of a missed 容缺 deadline under the default policy (终止), printed verbatim. */
export const DEFERRED_CONSEQUENCE = "逾期未补齐的，终止办理，由申请人承担相应责任";

/**
 * The consequence of a missed 容缺 deadline under the jurisdiction's policy (DOMAIN.md §4):
 * 终止 at once, or 中止 with a grace of N working days, then 退件 (the Taizhou variant).
 */
export function deferredConsequence(p: PrintDeferredPolicy): string {
  if (p.policy === "terminate") return DEFERRED_CONSEQUENCE;
  return `逾期未补齐的，中止办理；补齐期限届满后 ${p.graceWorkdays} 个工作日内仍未补齐的，予以退件，由申请人承担相应责任`;
}

/** Titles of the two 容缺 documents. */
export const DEFERRED_COMMITMENT_TITLE = "容缺受理承诺书";
export const DEFERRED_NOTICE_TITLE = "容缺受理通知书";

/** The two copies of the 容缺受理通知书, in print order. */
export const DEFERRED_NOTICE_COPIES = ["申请人留存联", "受理单位存档联"] as const;

function requireDeferred(c: PrintCase, title: string): void {
  if (c.deferred.length === 0) {
    throw new PrintInputError(
      "case.deferred",
      `${title}需要至少一项容缺材料（case.deferred 为空）；没有容缺材料的办件请打印受理回执。`,
    );
  }
}

/** `2026年5月8日、2026年5月19日…`, or — when none were worked out (a paper before acceptance). */
function reminderLine(d: PrintDeferred): string {
  return d.reminders?.length ? d.reminders.map(cnDate).join("、") : "—";
}

/** The 容缺 materials; the notice adds the days the applicant will be reminded. */
function deferredTable(c: PrintCase, withReminders = false): SafeHtml {
  const consequence = deferredConsequence(c.deferredPolicy);
  const headers = ["容缺材料名称", "材料形式", "补齐期限", "逾期后果"];
  return listTable(
    withReminders ? [...headers.slice(0, 3), "提醒日期", headers[3] as string] : headers,
    c.deferred.map((d) => {
      const row = [d.name, d.form ?? "—", `${cnDate(d.promisedBy)}前`];
      return withReminders ? [...row, reminderLine(d), consequence] : [...row, consequence];
    }),
  );
}

function partiesTable(c: PrintCase): SafeHtml {
  return infoTable([
    ["事项名称", itemLabel(c)],
    ["申 请 人", applicantLabel(c)],
    ["代 办 人", agentLabel(c)],
  ]);
}

function promises(c: PrintCase): SafeHtml {
  const who = c.agent ? `本人受申请人${c.applicant.name}委托，代为` : "本人";
  return html`<p class="indent">${who}申请办理“${c.itemName}”，因下列材料暂时无法提供，自愿申请容缺受理，并郑重承诺：</p>
${deferredTable(c)}
<p class="indent">一、已提交的申请材料真实、合法、有效，如有虚假，愿承担相应法律责任，并记入信用记录。</p>
<p class="indent">二、在上表所列期限内将容缺材料补齐送达受理单位，补齐时间以材料送达受理单位之日为准。</p>
<p class="indent">三、知悉在材料补齐前，受理单位可先行审查，但不出具办理结果。</p>
<p class="indent emphasis">四、${deferredConsequence(c.deferredPolicy)}。</p>
${c.agent ? html`<p class="indent">代办人已取得申请人的书面委托（委托书附后）。</p>` : null}`;
}

/** Renders the 容缺受理承诺书 for the applicant, or their authorised agent, to sign. */
export function renderDeferredCommitment(c: PrintCase, site: PrintSite): string {
  requireDeferred(c, DEFERRED_COMMITMENT_TITLE);
  const signers = c.agent
    ? [{ label: "承诺人（申请人）签字/按指印" }, { label: "代办人签字" }]
    : [{ label: "承诺人签字/按指印" }];
  const body = html`${heading(DEFERRED_COMMITMENT_TITLE, site)}
${caseNumberLine(c)}
${partiesTable(c)}
${promises(c)}
${signatures(signers)}
<p class="small">受理单位：${site.name}　受理人：${c.receiverName}</p>`;
  return page(`${DEFERRED_COMMITMENT_TITLE} ${c.caseNumber}`, body);
}

function noticeText(c: PrintCase, site: PrintSite): SafeHtml {
  const accepted = c.acceptedOn ? cnDate(c.acceptedOn) : "　　年　　月　　日";
  return html`<p class="indent">${c.applicant.name}：您申请办理的“${c.itemName}”，主要申请材料齐全，本单位已于 ${accepted} 予以容缺受理。请在下列期限内补齐以下材料：</p>
${deferredTable(c, true)}
<p class="indent">补齐时间以材料送达${site.name}之日为准。材料补齐前，本单位先行审查，但暂不出具办理结果。本单位将在上表所列提醒日期提醒您（及帮办人员）按期补齐。</p>
<p class="indent emphasis">${deferredConsequence(c.deferredPolicy)}。</p>`;
}

function noticeCopy(c: PrintCase, site: PrintSite, copy: string): SafeHtml {
  return html`<section class="copy">
${heading(DEFERRED_NOTICE_TITLE, site, copy)}
${caseNumberLine(c)}
${partiesTable(c)}
${noticeText(c, site)}
${signatures([{ label: "受理人", printedName: c.receiverName }, { label: residentSignatureLabel(c) }])}
<p class="stamp">${site.name}（盖章）</p>
${contactBlock(site)}
</section>`;
}

/** Renders the 容缺受理通知书 in two copies, each on its own page. */
export function renderDeferredNotice(c: PrintCase, site: PrintSite): string {
  requireDeferred(c, DEFERRED_NOTICE_TITLE);
  const copies = DEFERRED_NOTICE_COPIES.map((copy) => noticeCopy(c, site, copy));
  return page(`${DEFERRED_NOTICE_TITLE} ${c.caseNumber}`, html`${copies}`);
}
