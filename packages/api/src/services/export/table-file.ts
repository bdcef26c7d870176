import { DomainError } from "@bangban/domain";

/**
 * The generic exporter: columns with Chinese headers + rows → the bytes of an XLSX workbook or
 * a CSV file. Every export of the node goes through it (dashboard figures, case lists, and the
 * 差评 and complaint ledgers when they land): a new export is a column list, not a new writer.
 */

/** What a cell holds; null is an empty cell. */
export type ExportCell = string | number | null;

/**
 * One column: its header (Chinese: the sheet is read by the street's staff) and how a row fills
 * it. `percent` cells hold a fraction (0.923) shown as 92.3%; `count` cells whole numbers.
 */
export interface ExportColumn<R> {
  header: string;
  value: (row: R) => ExportCell;
  kind?: "text" | "count" | "percent";
  /** Column width in characters (XLSX only); a CJK character counts two. */
  width?: number;
}

/** One table: a sheet of the workbook, a section of the CSV file. */
export interface ExportSheet<R = never> {
  name: string;
  columns: readonly ExportColumn<R>[];
  rows: readonly R[];
}

export type ExportFormat = "xlsx" | "csv";

/** The file and what the browser needs to save it. */
export interface ExportFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  rowCount: number;
}

/**
 * The most rows one export writes. A list is read in one query and written in memory: bounded,
 * so one click cannot hold a node's whole history in memory. Narrow the filters beyond it.
 */
export const MAX_EXPORT_ROWS = 10_000;

/** Refuses an export over the bound, saying what to do; call with the total before reading rows. */
export function checkExportSize(total: number, max = MAX_EXPORT_ROWS): void {
  if (total <= max) return;
  throw new DomainError({
    code: "OUT_OF_RANGE",
    field: "rows",
    zh: `符合条件的记录有 ${total} 条，超过单次导出上限 ${max} 条，请缩小日期或筛选范围后分批导出`,
    en: `${total} rows match, over the export limit of ${max}; narrow the filters and export in parts`,
  });
}

/** A sheet filled in: what the writers read (sheets of different row types side by side). */
export interface ExportTable {
  name: string;
  columns: readonly Omit<ExportColumn<never>, "value">[];
  cells: readonly ExportCell[][];
}

/** Fills a sheet's cells from its rows. */
export function table<R>(sheet: ExportSheet<R>): ExportTable {
  return {
    name: sheet.name,
    columns: sheet.columns.map(({ value: _, ...c }) => c),
    cells: sheet.rows.map((r) => sheet.columns.map((c) => c.value(r))),
  };
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** Writes the sheets in the format asked for. */
export async function exportFile(
  format: ExportFormat,
  baseName: string,
  sheets: readonly ExportTable[],
): Promise<ExportFile> {
  const bytes = format === "xlsx" ? await xlsxBytes(sheets) : csvBytes(sheets);
  return {
    bytes,
    contentType: CONTENT_TYPES[format],
    fileName: `${baseName}.${format}`,
    rowCount: sheets.reduce((n, s) => n + s.cells.length, 0),
  };
}

// Excel refuses these in sheet names and allows at most 31 characters.
const SHEET_NAME_BAD = /[[\]:*?/\\]/g;

function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(SHEET_NAME_BAD, "_").slice(0, 28) || "Sheet";
  let out = base;
  for (let i = 2; taken.has(out); i++) out = `${base}(${i})`;
  taken.add(out);
  return out;
}

const XLSX_FORMATS = { percent: "0.0%", count: "0", text: "@" } as const;

/**
 * An XLSX workbook, one worksheet per sheet, the header row bold and frozen. Strings are written
 * as strings: a cell reading "=SUM(…)" stays text in a workbook, so nothing needs escaping here.
 */
export async function xlsxBytes(sheets: readonly ExportTable[]): Promise<Uint8Array> {
  // Loaded on the first export, not at start: ExcelJS and what it pulls in (JSZip, Bluebird,
  // streams) are most of a server's third-party code, and a station may never export.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "bangban";
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name, taken), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    ws.columns = s.columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width ?? Math.max(10, displayWidth(c.header) + 2),
      style: c.kind && c.kind !== "text" ? { numFmt: XLSX_FORMATS[c.kind] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.cells) ws.addRow(row);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Characters a spreadsheet may read as the start of a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula gets a leading ' and shows as text. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(v: ExportCell, kind: ExportColumn<unknown>["kind"]): string {
  if (v === null) return "";
  if (typeof v === "number") {
    return kind === "percent" ? `${(v * 100).toFixed(1)}%` : String(v);
  }
  const text = guardFormula(v);
  // RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const BOM = "\uFEFF";

/**
 * A CSV file (RFC 4180: CRLF line ends, quoted fields), UTF-8 with a byte-order mark so Excel
 * opens Chinese text right. More than one sheet: each table under a line naming it, with an
 * empty line between them.
 */
export function csvBytes(sheets: readonly ExportTable[]): Uint8Array {
  const lines: string[] = [];
  const titled = sheets.length > 1;
  sheets.forEach((s, i) => {
    if (i > 0) lines.push("");
    if (titled) lines.push(csvField(s.name, "text"));
    lines.push(s.columns.map((c) => csvField(c.header, "text")).join(","));
    for (const row of s.cells) {
      lines.push(row.map((v, j) => csvField(v, s.columns[j]?.kind)).join(","));
    }
  });
  return new TextEncoder().encode(`${BOM}${lines.join("\r\n")}\r\n`);
}

/** Width in Excel's character units: a CJK character takes two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}
