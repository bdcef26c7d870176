import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Results } from "./results";

/** What every scenario gets: where to put its data, the hub template, where results go. */
export interface Ctx {
  root: string;
  hubTemplate: string;
  results: Results;
  /** Time bound for each peer run, seconds. */
  peerBoundS: number;
  peer: boolean;
  /** Lines for the markdown's findings section. */
  findings: string[];
  log: (msg: string) => void;
}

export function scenarioDir(ctx: Ctx, name: string): string {
  const d = join(ctx.root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

export const mb = (n: number) => Math.round(n * 10) / 10;
export const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
