/**
 * Building blocks shared by the documents: heading, information table, people, signature lines
 * and the station's contact footer.
 */

import { safeId, safePhone } from "./format";
import { type HtmlValue, html, type SafeHtml, trusted } from "./layout";
import type { PrintCase, PrintSite } from "./types";

/** Document heading: title, optional copy label (申请人留存联 …), issuing station. */
export function heading(title: string, site: PrintSite, copyLabel?: string): SafeHtml {
  return html`<h1>${title}</h1>
${copyLabel ? html`<p class="copy-label">（${copyLabel}）</p>` : null}
<p class="issuer">出具单位：${site.name}</p>`;
}

/**
 * The 办件编号, printed large so staff and residents can quote it; nothing on a paper printed
 * from the intake form before the case exists (no number yet).
 */
export function caseNumberLine(c: PrintCase): SafeHtml | null {
  if (!c.caseNumber) return null;
  return html`<p class="case-number">办件编号：<strong>${c.caseNumber}</strong></p>`;
}

/** A two-column table of labelled values; rows whose value is null are left out. */
export function infoTable(rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== false);
  return html`<table class="info"><tbody>${shown.map(
    ([label, value]) => html`<tr><th>${label}</th><td>${value}</td></tr>`,
  )}</tbody></table>`;
}

/** A numbered table with a header row. */
export function listTable(
  headers: readonly string[],
  rows: readonly (readonly HtmlValue[])[],
): SafeHtml {
  return html`<table class="list"><thead><tr><th>序号</th>${headers.map(
    (h) => html`<th>${h}</th>`,
  )}</tr></thead><tbody>${rows.map(
    (cells, i) =>
      html`<tr><td class="num">${i + 1}</td>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody></table>`;
}

/** `事项名称（事项编码）`. */
export function itemLabel(c: PrintCase): SafeHtml {
  return html`${c.itemName}（事项编码：${c.itemCode}）`;
}

/** Applicant with masked ID and phone, and address when known. */
export function applicantLabel(c: PrintCase): SafeHtml {
  const a = c.applicant;
  return html`${a.name}　身份证号：${safeId(a.idMasked)}　联系电话：${safePhone(a.phoneMasked)}${
    a.address ? html`<br>住址：${a.address}` : null
  }`;
}

/** Agent with relation, masked ID and phone; null when there is no agent. */
export function agentLabel(c: PrintCase): SafeHtml | null {
  const g = c.agent;
  if (!g) return null;
  return html`${g.name}（与申请人关系：${g.relation}）　身份证号：${safeId(
    g.idMasked,
  )}　联系电话：${safePhone(g.phoneMasked)}`;
}

/** An underlined blank, pre-filled with `value` when given. */
export function blank(value?: string | null, short = false): SafeHtml {
  return html`<span class="${short ? "blank short" : "blank"}">${value ? value : html`&nbsp;`}</span>`;
}

/** One signature line: label, optional printed name, and a line to sign on. */
export interface SignatureSpec {
  label: string;
  printedName?: string;
}

/** Signature lines followed by a date line each. */
export function signatures(specs: readonly SignatureSpec[], date?: string): SafeHtml {
  return html`<div class="signatures">${specs.map(
    (s) =>
      html`<div class="signature">${s.label}：<span class="line">${
        s.printedName ?? ""
      }</span><br>日　　期：<span class="line">${date ?? html`&nbsp;　年　　月　　日`}</span></div>`,
  )}</div>`;
}

/** Station address and phone, the center it reports to, and the supervision phone. */
export function contactBlock(site: PrintSite): SafeHtml {
  return html`<div class="contact">
<p>办理地点：${site.name}（${site.address}）　联系电话：${site.phone}</p>
<p>所属中心：${site.centerName}　监督电话：${site.supervisionPhone}</p>
</div>`;
}

/** Who signs for the resident: the applicant, or the agent acting for them. */
export function residentSignatureLabel(c: PrintCase): string {
  return c.agent ? "申请人（代办人）签收" : "申请人签收";
}

/** A QR code with its caption and the URL printed beside it (for a phone that cannot scan). */
export async function qrBlock(url: string, caption: string): Promise<SafeHtml> {
  // qrcode's SVG is generated markup containing only the encoded modules, never the URL text.
  // Loaded on the first receipt with a QR code rather than at the server's start.
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(url, { type: "svg", margin: 0 });
  return html`<div class="qr">${trusted(svg)}<div><p>${caption}</p><p class="small">${url}</p></div></div>`;
}
