// Bundles a node app (station or hub) into dist/cli.mjs with esbuild: our TypeScript
// packages compiled in, third-party code bundled too, except the parts that load native or
// wasm files at run time (libSQL, Automerge), which stay as the app's own dependencies.
// The drizzle migrations ship beside the bundle (dist/drizzle), where openDb() finds them.
// Why bundle: a station PC runs this for months; the bundle starts faster and uses ~55 MB
// less memory than compiling TypeScript at start (measured: 100 MB vs 157 MB idle RSS).
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const appDir = process.cwd();
const root = join(appDir, "..", "..");
const pkg = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8"));
const flags = pkg.bangban?.nodeFlags ?? [];
rmSync(join(appDir, "dist"), { recursive: true, force: true });
await build({
  entryPoints: [join(appDir, "src/cli.ts")],
  outfile: join(appDir, "dist/cli.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // ASCII only, without comments and layout, but with every name kept. V8 holds a script's
  // whole source for as long as it runs, and one character beyond Latin-1 (a Chinese comment,
  // a receipt's words in a template literal) makes all of it a two-byte string: 8.6 MB for
  // the station's 4.3 MB bundle. Template literals are written as plain strings, which esbuild
  // escapes; regular expressions our code writes with \u escapes. Stack traces read through
  // the map beside the bundle: `node --enable-source-maps dist/cli.mjs`.
  minifyWhitespace: true,
  minifySyntax: true,
  supported: { "template-literal": false },
  sourcemap: true,
  external: ["@libsql/*", "libsql", "@automerge/*"],
  // Some bundled CommonJS code calls require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __bangbanRequire } from 'node:module'; const require = __bangbanRequire(import.meta.url);",
  },
  // The flags of the first line, for the app to check that it was started by it.
  define: { __BANGBAN_NODE_FLAGS__: JSON.stringify(flags) },
  logLevel: "warning",
});
// The check that keeps it so: a bundle with a wide character fails the build.
const out = join(appDir, "dist/cli.mjs");
const bundle = readFileSync(out, "utf8");
const wide = /[\u0080-\uffff]/.exec(bundle);
if (wide) {
  throw new Error(
    `dist/cli.mjs is not ASCII at ${JSON.stringify(bundle.slice(wide.index - 60, wide.index + 20))}`,
  );
}
// The source's first line runs tsx; the bundle runs on plain node with the app's flags
// (package.json "bangban.nodeFlags"): the station a small young generation (measured: 142 MB
// instead of 177 MB after 10k cases, latency unchanged) and V8's memory-saving mode
// (--optimize-for-size: a heap that grows by less; 3,000-case quick bench, two runs each,
// RSS after the load 200-207 -> 150-152 MB, peak 209-211 -> 169-173 MB, at the cost of
// one intake alone 10.5-10.8 -> 22-26 ms and edits 159-170 -> 134-138 a second), with one
// thread for V8's background work (--v8-pool-size=1, where node starts four: same bench,
// two runs each, RSS after the load 144/147 -> 133/139 MB, peak 171/166 -> 152/152 MB,
// intakes and edits no slower); the hub node's defaults, because a 1 MB young generation
// made it spend a fifth of a bulk push collecting garbage.
const text = bundle.replace(/^#!.*\n/, "");
writeFileSync(out, `#!/usr/bin/env -S ${["node", ...flags].join(" ")}\n${text}`);
cpSync(join(root, "packages/db/drizzle"), join(appDir, "dist/drizzle"), { recursive: true });
// The case service's load workers (packages/sync LoadPool) run this file beside the bundle.
cpSync(join(root, "packages/sync/src/load-worker.mjs"), join(appDir, "dist/load-worker.mjs"));
// And the background WAL checkpointer (packages/db Checkpointer) this one.
cpSync(
  join(root, "packages/db/src/checkpoint-worker.mjs"),
  join(appDir, "dist/checkpoint-worker.mjs"),
);
// And a hub's write thread (packages/db WriteGroup) this one, bundled: it imports the audit
// chain's hash from @bangban/sync, which a server does not carry beside it.
await build({
  entryPoints: [join(root, "packages/db/src/write-worker.mjs")],
  outfile: join(appDir, "dist/write-worker.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["libsql"],
  logLevel: "warning",
});
console.log(`built ${join(appDir, "dist/cli.mjs")}`);
