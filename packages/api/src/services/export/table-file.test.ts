import { DomainError } from "@bangban/domain";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  checkExportSize,
  csvBytes,
  type ExportTable,
  exportFile,
  guardFormula,
  MAX_EXPORT_ROWS,
  table,
} from "./table-file";

interface Row {
  site: string;
  note: string;
  count: number;
  rate: number | null;
}

const sheet = (rows: Row[], name = "站点"): ExportTable =>
  table<Row>({
    name,
    columns: [
      { header: "站点", value: (r) => r.site },
      { header: "备注", value: (r) => r.note },
      { header: "收件量", value: (r) => r.count, kind: "count" },
      { header: "按时办结率", value: (r) => r.rate, kind: "percent" },
    ],
    rows,
  });

const ROWS: Row[] = [
  { site: "东风社区便民服务站", note: '他说"好",然后\n走了', count: 12, rate: 0.9231 },
  { site: '=HYPERLINK("http://x")', note: "-2+3", count: 0, rate: null },
];

const text = (b: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as the old non-generic Buffer; the bytes are an ArrayBuffer view.
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
}

describe("xlsx export", () => {
  it("writes the headers and every cell, read back with exceljs", async () => {
    const f = await exportFile("xlsx", "看板", [sheet(ROWS), sheet(ROWS.slice(0, 1), "人员")]);
    expect(f.fileName).toBe("看板.xlsx");
    expect(f.rowCount).toBe(3);
    const wb = await readBack(f.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["站点", "人员"]);
    const ws = wb.getWorksheet("站点");
    if (!ws) throw new Error("no sheet 站点");
    expect(ws.getRow(1).values).toEqual([undefined, "站点", "备注", "收件量", "按时办结率"]);
    expect(ws.getCell("A2").value).toBe("东风社区便民服务站");
    expect(ws.getCell("B2").value).toBe('他说"好",然后\n走了');
    expect(ws.getCell("C2").value).toBe(12);
    expect(ws.getCell("D2").value).toBeCloseTo(0.9231);
    expect(ws.getCell("D2").numFmt).toBe("0.0%");
    expect(ws.getCell("D3").value).toBeNull();
    expect(ws.rowCount).toBe(3);
  });

  it("keeps a formula-looking string a plain string (a workbook never runs it)", async () => {
    const wb = await readBack((await exportFile("xlsx", "x", [sheet(ROWS)])).bytes);
    const cell = wb.worksheets[0]?.getCell("A3");
    if (!cell) throw new Error("no sheet");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x")');
    expect(cell.formula).toBeUndefined();
  });

  it("names sheets within Excel's rules: no []:*?/\\, at most 31 characters, unique", async () => {
    const long = "很长的站点名称".repeat(6);
    const f = await exportFile("xlsx", "x", [sheet([], "a/b:c"), sheet([], long), sheet([], long)]);
    const names = (await readBack(f.bytes)).worksheets.map((w) => w.name);
    expect(names[0]).toBe("a_b_c");
    expect(names[1]).toHaveLength(28);
    expect(names[2]).toBe(`${names[1]}(2)`);
  });
});

describe("csv export", () => {
  it("starts with a UTF-8 byte-order mark so Excel reads Chinese", () => {
    const b = csvBytes([sheet(ROWS)]);
    expect([...b.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(b).slice(1).startsWith("站点,备注,收件量,按时办结率\r\n")).toBe(true);
  });

  it("quotes by RFC 4180: commas, quotes and line breaks inside quotes, quotes doubled, CRLF", () => {
    const lines = text(csvBytes([sheet(ROWS)])).slice(1);
    expect(lines).toBe(
      "站点,备注,收件量,按时办结率\r\n" +
        '东风社区便民服务站,"他说""好"",然后\n走了",12,92.3%\r\n' +
        `"'=HYPERLINK(""http://x"")",'-2+3,0,\r\n`,
    );
  });

  it("guards against formula injection: = + - @ tab and CR get a leading '", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(guardFormula(s)).toBe(`'${s}`);
    }
    expect(guardFormula("张三")).toBe("张三");
    expect(guardFormula("1-2")).toBe("1-2");
    // A number is a number, not text: -3 stays -3.
    expect(text(csvBytes([sheet([{ site: "a", note: "", count: -3, rate: 0 }])]))).toContain(
      "a,,-3,0.0%",
    );
  });

  it("writes several tables one after another, each under its name", () => {
    const t = text(csvBytes([sheet([], "站点"), sheet([], "人员")])).slice(1);
    expect(t).toBe(
      "站点\r\n站点,备注,收件量,按时办结率\r\n\r\n人员\r\n站点,备注,收件量,按时办结率\r\n",
    );
  });
});

describe("export size", () => {
  it("refuses more than the bound, naming the field and the limit", () => {
    expect(() => checkExportSize(MAX_EXPORT_ROWS)).not.toThrow();
    const e = (() => {
      try {
        checkExportSize(MAX_EXPORT_ROWS + 1);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).field).toBe("rows");
    expect((e as DomainError).zh).toContain("10000");
  });
});
