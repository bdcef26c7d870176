/**
 * 委托书: the entrustment a station helper or relative needs before acting for a resident
 * (DOMAIN.md §1 帮办代办, §2 → SUBMITTED). Printed blank, or pre-filled from a case.
 */
import { safeId, safePhone } from "./format";
import { html, page, type SafeHtml } from "./layout";
import { blank, caseNumberLine, heading, signatures } from "./parts";
import type { PrintCase, PrintSite } from "./types";

/** Title of the entrustment. */
export const POWER_OF_ATTORNEY_TITLE = "委托书";

interface Party {
  name?: string;
  id?: string;
  phone?: string;
  extra?: string;
}

function partyBlock(role: string, p: Party, extraLabel: string): SafeHtml {
  return html`<p><strong>${role}</strong>：姓名 ${blank(p.name)}　身份证号 ${blank(
    p.id ? safeId(p.id) : null,
  )}</p>
<p class="indent">联系电话 ${blank(p.phone ? safePhone(p.phone) : null)}　${extraLabel} ${blank(p.extra)}</p>`;
}

function principal(c: PrintCase | null): Party {
  if (!c) return {};
  const a = c.applicant;
  return {
    name: a.name,
    id: a.idMasked,
    phone: a.phoneMasked,
    ...(a.address ? { extra: a.address } : {}),
  };
}

function attorney(c: PrintCase | null): Party {
  const g = c?.agent;
  if (!g) return {};
  return { name: g.name, id: g.idMasked, phone: g.phoneMasked, extra: g.relation };
}

const SCOPE = [
  "代为提交申请材料、填写并签署申请表",
  "代为接收一次性告知书、受理回执等文书",
  "代为补齐、补正申请材料",
  "代为领取办理结果",
];

function matter(c: PrintCase | null, site: PrintSite): SafeHtml {
  return html`<p class="indent">委托人因故不能亲自办理，现委托受托人代为向${site.name}（${site.centerName}）办理“${blank(
    c ? c.itemName : null,
  )}”事项${c ? html`（事项编码：${c.itemCode}）` : null}，委托权限如下（在□内打“√”）：</p>
${SCOPE.map((s) => html`<p class="indent">□ ${s}</p>`)}
<p class="indent">□ 其他：${blank()}</p>
<p class="indent">委托期限：自 ${blank(null, true)} 年 ${blank(null, true)} 月 ${blank(null, true)} 日起至本事项办结之日止。</p>
<p class="indent">受托人在上述权限内所办理的事项及签署的文书，委托人均予以承认，并承担相应的法律责任。受托人不得转委托。</p>`;
}

/**
 * Renders the 委托书. With a case, the parties and the item are pre-filled (masked IDs);
 * with `null`, every field is a blank to fill in by hand.
 */
export function renderPowerOfAttorney(c: PrintCase | null, site: PrintSite): string {
  const body = html`${heading(POWER_OF_ATTORNEY_TITLE, site)}
${c ? caseNumberLine(c) : null}
${partyBlock("委托人", principal(c), "住址")}
${partyBlock("受托人", attorney(c), "与委托人关系")}
${matter(c, site)}
<p class="small">附：委托人、受托人身份证件复印件各一份。本委托书上的证件号码已脱敏，以所附证件及现场核验为准。</p>
${signatures([{ label: "委托人签字（按指印）" }, { label: "受托人签字（按指印）" }])}`;
  return page(c ? `${POWER_OF_ATTORNEY_TITLE} ${c.caseNumber}` : POWER_OF_ATTORNEY_TITLE, body);
}
