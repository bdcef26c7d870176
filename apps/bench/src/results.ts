import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** bench/results at the repository root (this file is apps/bench/src/results.ts). */
export const RESULTS_DIR = fileURLToPath(new URL("../../../bench/results/", import.meta.url));

/**
 * What the issue asks of a number. Every bound is on `ours`; `minRatio` is on `ratio`
 * (peer ÷ ours: how many times less time, bytes or memory ours needs than the peer).
 */
export interface Target {
  max?: number;
  min?: number;
  minRatio?: number;
}

/** The peer's side of a row when it did not finish within its bound. */
export interface Unfinished {
  boundSeconds: number;
  progress: string;
}

/** One measurement, as written to `bench/results/<bench>-<name>.json` (sync-…, scheduler-…). */
export interface Row {
  name: string;
  unit: string;
  ours: number | null;
  /** The peer (automerge-repo) on the same documents; null when not measured or unfinished. */
  peer: number | null;
  /** peer ÷ ours; with `peerUnfinished` a lower bound (the peer's bound ÷ ours). */
  ratio: number | null;
  target: Target | null;
  /** Every part of the target holds; null without a target or when it cannot be decided. */
  met: boolean | null;
  peerUnfinished?: Unfinished;
  /** Floors on the same documents: the Automerge engine's own sync loop, a plain libSQL insert. */
  floors?: { automergeSync?: number; libsqlInsert?: number };
  note: string;
  measuredAt: string;
}

export interface RowInput {
  name: string;
  unit: string;
  ours: number | null;
  peer?: number | null;
  peerUnfinished?: Unfinished;
  target?: Target | null;
  floors?: Row["floors"];
  note: string;
  /** Digits kept (1 by default). */
  digits?: number;
}

const r = (x: number | null | undefined, d: number) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;

export function targetText(t: Target | null, unit: string): string {
  if (!t) return "—";
  const parts: string[] = [];
  if (t.max !== undefined) parts.push(`≤ ${t.max} ${unit}`);
  if (t.min !== undefined) parts.push(`≥ ${t.min} ${unit}`);
  if (t.minRatio !== undefined) parts.push(`≥ ${t.minRatio}× better than the peer`);
  return parts.join(", ");
}

/** Which bench's files a `Results` writes: their prefix, and the markdown's title and intro. */
export interface ResultsKind {
  prefix: string;
  title: string;
  intro: string[];
}

export const SYNC_RESULTS: ResultsKind = {
  prefix: "sync",
  title: "Sync benchmark",
  intro: [
    "Written by `pnpm bench` in apps/bench (`src/sync-bench.ts`). One JSON file per row.",
    "`ours` is our hub and stations; `peer` is automerge-repo 2.5 (websocket + nodefs) on the",
    "same documents; `ratio` is peer ÷ ours (how many times less ours needs). Floors are the",
    "Automerge engine's own sync loop over the same documents and a plain libSQL insert of the",
    "same rows in one transaction, in the row's unit.",
  ],
};

export class Results {
  readonly rows: Row[] = [];

  constructor(readonly kind: ResultsKind = SYNC_RESULTS) {}

  add(i: RowInput): Row {
    const d = i.digits ?? 1;
    const ours = r(i.ours, d);
    const peer = i.peerUnfinished ? null : r(i.peer ?? null, d);
    let ratio: number | null = null;
    if (ours !== null && ours > 0) {
      if (peer !== null) ratio = r(peer / ours, 1);
      // Against an unfinished peer, a lower bound: meaningful only for a time in seconds.
      else if (i.peerUnfinished && i.unit === "s")
        ratio = r(i.peerUnfinished.boundSeconds / ours, 1);
    }
    const t = i.target ?? null;
    let met: boolean | null = null;
    if (t && ours !== null) {
      const checks: (boolean | null)[] = [];
      if (t.max !== undefined) checks.push(ours <= t.max);
      if (t.min !== undefined) checks.push(ours >= t.min);
      if (t.minRatio !== undefined) {
        // Against an unfinished peer the true ratio is above the lower bound: met if the
        // bound already clears the target, undecided otherwise.
        if (ratio === null) checks.push(null);
        else if (i.peerUnfinished) checks.push(ratio >= t.minRatio ? true : null);
        else checks.push(ratio >= t.minRatio);
      }
      met = checks.includes(false) ? false : checks.includes(null) ? null : true;
    }
    const row: Row = {
      name: `${this.kind.prefix}-${i.name}`,
      unit: i.unit,
      ours,
      peer,
      ratio,
      target: t,
      met,
      ...(i.peerUnfinished ? { peerUnfinished: i.peerUnfinished } : {}),
      ...(i.floors ? { floors: i.floors } : {}),
      note: i.note,
      measuredAt: new Date().toISOString(),
    };
    this.rows.push(row);
    const verdict = met === null ? "" : met ? "  ✓ met" : "  ✗ MISSED";
    const peerText = i.peerUnfinished
      ? `peer unfinished after ${i.peerUnfinished.boundSeconds} s (${i.peerUnfinished.progress})`
      : peer === null
        ? ""
        : `peer ${peer} ${i.unit}, ratio ${ratio}×`;
    console.log(`  ${row.name}: ours ${ours} ${i.unit}  ${peerText}${verdict}`);
    return row;
  }

  /**
   * Replaces this bench's earlier files; one JSON per row and `<prefix>.md`. With `scope`, only
   * the rows of the scenarios that ran are replaced: the others' files stay and their rows are
   * in the table again (each with its own `measuredAt`).
   */
  write(
    machine: Record<string, string>,
    findings: string[] = [],
    scope?: { scenarios: readonly string[]; ran: ReadonlySet<string> },
  ): void {
    const { prefix } = this.kind;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const earlier: Row[] = [];
    for (const f of readdirSync(RESULTS_DIR)) {
      if (!(f.startsWith(`${prefix}-`) && f.endsWith(".json"))) continue;
      const name = f.slice(0, -".json".length);
      const of = scope ? scenarioOf(name, prefix, scope.scenarios) : null;
      if (scope && of && !scope.ran.has(of)) {
        earlier.push(JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as Row);
      } else rmSync(join(RESULTS_DIR, f));
    }
    if (scope && earlier.length) {
      const merged = mergeRows(earlier, this.rows, prefix, scope.scenarios, scope.ran);
      this.rows.splice(0, this.rows.length, ...merged);
      const kept = [...new Set(earlier.map((r) => scenarioOf(r.name, prefix, scope.scenarios)))];
      machine = {
        ...machine,
        "rows kept from earlier runs": `${kept.join(", ")} (measured at ${[...new Set(earlier.map((r) => r.measuredAt.slice(0, 16)))].join(", ")})`,
      };
    }
    for (const row of this.rows) {
      writeFileSync(join(RESULTS_DIR, `${row.name}.json`), `${JSON.stringify(row, null, 2)}\n`);
    }
    writeFileSync(join(RESULTS_DIR, `${prefix}.md`), this.markdown(machine, findings));
  }

  markdown(machine: Record<string, string>, findings: string[] = []): string {
    // A table with nothing to compare against (no peer, no floors) leaves those columns out.
    const compared = this.rows.some((m) => m.peer !== null || m.peerUnfinished || m.floors);
    const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
    const num = (x: number | null) => (x === null ? "—" : x.toLocaleString("en-US"));
    const rows = this.rows.map((m) => {
      const met = m.met === null ? "—" : m.met ? "yes" : "**no**";
      const peer = m.peerUnfinished
        ? `unfinished after ${m.peerUnfinished.boundSeconds} s (${m.peerUnfinished.progress})`
        : num(m.peer);
      const ratio =
        m.ratio === null ? "—" : m.peerUnfinished ? `> ${num(m.ratio)}×` : `${num(m.ratio)}×`;
      const floors = m.floors
        ? [
            m.floors.automergeSync !== undefined
              ? `engine sync ${num(m.floors.automergeSync)}`
              : "",
            m.floors.libsqlInsert !== undefined
              ? `libSQL insert ${num(m.floors.libsqlInsert)}`
              : "",
          ]
            .filter(Boolean)
            .join("; ")
        : "";
      const target = cell(targetText(m.target, m.unit));
      return compared
        ? `| ${m.name} | ${num(m.ours)} | ${peer} | ${ratio} | ${m.unit} | ${target} | ${met} | ${floors || "—"} | ${cell(m.note)} |`
        : `| ${m.name} | ${num(m.ours)} | ${m.unit} | ${target} | ${met} | ${cell(m.note)} |`;
    });
    const info = Object.entries(machine).map(([k, v]) => `- ${k}: ${v}`);
    return [
      `# ${this.kind.title}`,
      "",
      ...this.kind.intro,
      "",
      ...info,
      "",
      ...(compared
        ? [
            "| name | ours | peer | ratio | unit | target | met | floors | note |",
            "| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- |",
          ]
        : [
            "| name | ours | unit | target | met | note |",
            "| --- | ---: | --- | --- | --- | --- |",
          ]),
      ...rows,
      "",
      ...(findings.length ? ["## Findings", "", ...findings, ""] : []),
    ].join("\n");
  }
}

export function machineInfo(extra: Record<string, string>): Record<string, string> {
  const cpu = cpus();
  return {
    "measured at": new Date().toISOString(),
    cores: `${cpu.length} × ${cpu[0]?.model ?? "unknown"}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    ...extra,
  };
}

/** The scenario a row belongs to: the longest of `scenarios` its name starts with (then "-"). */
export function scenarioOf(
  rowName: string,
  prefix: string,
  scenarios: readonly string[],
): string | null {
  const rest = rowName.slice(prefix.length + 1).toUpperCase();
  const hits = scenarios.filter((s) => rest.startsWith(`${s.toUpperCase()}-`));
  return hits.sort((a, b) => b.length - a.length)[0] ?? null;
}

/**
 * The rows of a run of some scenarios with the earlier rows of the others, in scenario order
 * (rows of one scenario in the order they were added).
 */
export function mergeRows(
  earlier: readonly Row[],
  fresh: readonly Row[],
  prefix: string,
  scenarios: readonly string[],
  ran: ReadonlySet<string>,
): Row[] {
  const of = (r: Row) => scenarioOf(r.name, prefix, scenarios);
  const kept = earlier.filter((r) => {
    const s = of(r);
    return s !== null && !ran.has(s);
  });
  const rank = (r: Row) => {
    const i = scenarios.indexOf(of(r) ?? "");
    return i < 0 ? scenarios.length : i;
  };
  return [...kept, ...fresh]
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}
