import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** bench/results at the repository root (this file is apps/station/bench/results.ts). */
export const RESULTS_DIR = fileURLToPath(new URL("../../../bench/results/", import.meta.url));

/** One measurement, as written to `bench/results/station-<name>.json`. */
export interface Measurement {
  name: string;
  unit: string;
  value: number;
  /** The target; null when there is none (the number is recorded for trend only). */
  target: number | null;
  /** value ≤ target (every target here is an upper bound); null when there is no target. */
  met: boolean | null;
  note?: string;
  measuredAt: string;
}

export class Results {
  readonly all: Measurement[] = [];

  add(name: string, unit: string, value: number, target: number | null, note?: string) {
    const m: Measurement = {
      name: `station-${name}`,
      unit,
      value: Math.round(value * 10) / 10,
      target,
      met: target === null ? null : value <= target,
      ...(note ? { note } : {}),
      measuredAt: new Date().toISOString(),
    };
    this.all.push(m);
    const verdict = m.met === null ? "" : m.met ? "  ✓ met" : "  ✗ MISSED";
    const t = target === null ? "" : ` (target ≤ ${target})`;
    console.log(`  ${m.name}: ${m.value} ${unit}${t}${verdict}`);
  }

  /** Replaces this bench's earlier files, writes one JSON per measurement and station.md. */
  write(machine: Record<string, string>): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    for (const f of readdirSync(RESULTS_DIR)) {
      if (f.startsWith("station-") && f.endsWith(".json")) rmSync(join(RESULTS_DIR, f));
    }
    for (const m of this.all) {
      writeFileSync(join(RESULTS_DIR, `${m.name}.json`), `${JSON.stringify(m, null, 2)}\n`);
    }
    writeFileSync(join(RESULTS_DIR, "station.md"), this.markdown(machine));
  }

  private markdown(machine: Record<string, string>): string {
    const rows = this.all.map((m) => [
      m.name,
      String(m.value),
      m.unit,
      m.target === null ? "—" : `≤ ${m.target}`,
      m.met === null ? "—" : m.met ? "yes" : "**no**",
    ]);
    const notes = this.all.filter((m) => m.note).map((m) => `- ${m.name}: ${m.note}`);
    return [
      "# Station benchmark",
      "",
      "Written by `pnpm bench` in apps/station (`bench/station-bench.ts`). One JSON file per row.",
      "",
      ...Object.entries(machine).map(([k, v]) => `- ${k}: ${v}`),
      "",
      ...table(["name", "value", "unit", "target", "met"], rows, [1]),
      "",
      "## Notes",
      "",
      ...notes,
      "",
    ].join("\n");
  }
}

/** A markdown table padded as the formatter (Biome) pads it; `right` are right-aligned columns. */
function table(head: string[], rows: string[][], right: number[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join(" | ")} |`;
  const rule = widths.map((w, i) => (right.includes(i) ? `${"-".repeat(w - 1)}:` : "-".repeat(w)));
  return [line(head), line(rule), ...rows.map(line)];
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
