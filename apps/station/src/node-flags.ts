/**
 * The node flags a station's bundle is built to run with (package.json "bangban.nodeFlags":
 * its memory settings). scripts/build-node.mjs writes them into the bundle's first line and
 * defines them here; run from source, there are none to check.
 */
declare const __BANGBAN_NODE_FLAGS__: readonly string[] | undefined;

export interface NodeFlagsReport {
  /** The flags the bundle was built with. */
  expected: string[];
  /** Those not on this process's command line (`node dist/cli.mjs` instead of the bundle). */
  missing: string[];
}

export function nodeFlagsReport(
  execArgv: readonly string[] = process.execArgv,
  expected: readonly string[] = typeof __BANGBAN_NODE_FLAGS__ === "undefined"
    ? []
    : __BANGBAN_NODE_FLAGS__,
): NodeFlagsReport {
  return { expected: [...expected], missing: expected.filter((f) => !execArgv.includes(f)) };
}

/** The line for the log when flags are missing; null when none are. */
export function nodeFlagsWarning(r: NodeFlagsReport): string | null {
  if (r.missing.length === 0) return null;
  return `warning: node runs without ${r.missing.join(" ")}, the station's memory settings: start it as ./dist/cli.mjs serve (or npm start), whose first line passes them; plain node skips them`;
}
