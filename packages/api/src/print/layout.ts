/**
 * The page frame shared by every printed document, and the escaping that keeps resident data
 * from ever being read as markup.
 */

/**
 * Markup that may be inserted as is: built by {@link html} (which escaped every value) or
 * explicitly marked {@link trusted}. Plain strings are never trusted.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a `${…}` inside {@link html} may hold; `null`, `undefined` and `false` print nothing. */
export type HtmlValue =
  | string
  | number
  | SafeHtml
  | readonly HtmlValue[]
  | null
  | undefined
  | false;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return esc(value as string | number);
}

/**
 * Tagged template: every interpolated value goes through {@link esc} unless it is already
 * {@link SafeHtml}, so forgetting to escape is not possible.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Marks markup produced by a trusted generator (the QR code SVG) as safe. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

const FONT = `"SimSun", "Songti SC", "Noto Serif CJK SC", serif`;

const CSS = `
@page { size: A4; margin: 18mm; }
* { box-sizing: border-box; }
html, body { background: #fff; color: #000; }
body { margin: 0; font-family: ${FONT}; font-size: 12pt; line-height: 1.7; }
main { max-width: 174mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 2mm; }
.copy-label { text-align: center; margin: 0 0 3mm; }
.issuer { text-align: center; font-size: 10.5pt; margin: 0 0 3mm; }
.case-number { text-align: center; font-size: 14pt; margin: 0 0 4mm; }
.case-number strong { font-size: 16pt; letter-spacing: 0.05em; }
.meta { display: flex; justify-content: space-between; font-size: 10.5pt; margin-bottom: 2mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { border: 1px solid #000; padding: 1.5mm 2.5mm; text-align: left; vertical-align: top; }
th { font-weight: bold; }
table.info th { width: 28mm; white-space: nowrap; }
table.list th { text-align: center; }
td.num { text-align: center; width: 12mm; }
p { margin: 2mm 0; }
.indent { text-indent: 2em; }
.emphasis { font-weight: bold; }
.small { font-size: 9pt; word-break: break-all; }
.blank { display: inline-block; min-width: 40mm; border-bottom: 1px solid #000; text-align: center; }
.blank.short { min-width: 20mm; }
.signatures { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 6mm 10mm; margin-top: 10mm; }
.signature { flex: 1 1 70mm; white-space: nowrap; }
.signature .line { display: inline-block; min-width: 42mm; border-bottom: 1px solid #000; }
.stamp { text-align: right; margin-top: 8mm; }
.qr { display: flex; align-items: center; gap: 5mm; margin-top: 5mm; }
.qr svg { width: 30mm; height: 30mm; flex: none; }
.contact { margin-top: 5mm; font-size: 10.5pt; border-top: 1px solid #000; padding-top: 2mm; }
.copy { break-after: page; page-break-after: always; }
.copy:last-child { break-after: auto; page-break-after: auto; }
.toolbar { position: sticky; top: 0; padding: 3mm; text-align: center; background: #f3f3f3; border-bottom: 1px solid #ccc; }
.toolbar button { font: inherit; padding: 1mm 8mm; cursor: pointer; }
@media print {
  .toolbar { display: none; }
  main { padding: 0; max-width: none; }
  tr, .signatures, .qr { break-inside: avoid; page-break-inside: avoid; }
}
`;

/**
 * A complete A4 page in Chinese: print CSS, and a screen-only toolbar with a 打印 button.
 * `title` is escaped; `body` is already safe.
 */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="window.print()">打印</button></div>
<main>
${body}
</main>
</body>
</html>
`.value;
}
