// Enforces DESIGN.md's direction of imports: a package may import only the @bangban packages
// below it, and only ones it declares. Runs with lint in `npm test`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { workspacePackages } from "./test-summary.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** DESIGN.md, "Packages and the direction of imports". */
export const allowed = {
  "@bangban/domain": [],
  "@bangban/sync": ["@bangban/domain"],
  "@bangban/db": ["@bangban/sync", "@bangban/domain"],
  "@bangban/api": ["@bangban/db", "@bangban/sync", "@bangban/domain"],
  // Hono glue shared by the two servers (sessions, errors, attachments, the tRPC mount).
  "@bangban/http": ["@bangban/api", "@bangban/sync", "@bangban/db", "@bangban/domain"],
  "@bangban/station": [
    "@bangban/http",
    "@bangban/api",
    "@bangban/sync",
    "@bangban/db",
    "@bangban/domain",
  ],
  "@bangban/hub": [
    "@bangban/http",
    "@bangban/api",
    "@bangban/sync",
    "@bangban/db",
    "@bangban/domain",
  ],
  // The browser journey: starts real hubs and stations through @bangban/http's test helpers.
  "@bangban/e2e": [
    "@bangban/http",
    "@bangban/api",
    "@bangban/sync",
    "@bangban/db",
    "@bangban/domain",
  ],
  "@bangban/bench": [
    "@bangban/http",
    "@bangban/api",
    "@bangban/sync",
    "@bangban/db",
    "@bangban/domain",
  ],
  "@bangban/web": ["@bangban/api", "@bangban/domain", "@bangban/ui"],
  "@bangban/ui": ["@bangban/domain"],
};

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield p;
  }
}

const problems = [];
for (const { dir, pkg } of workspacePackages()) {
  const ok = allowed[pkg.name];
  if (!ok) {
    problems.push(`${pkg.name}: not in the design's package list (scripts/check-imports.mjs)`);
    continue;
  }
  const declared = new Set(
    Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) =>
      d.startsWith("@bangban/"),
    ),
  );
  for (const d of declared) {
    if (!ok.includes(d))
      problems.push(`${pkg.name} depends on ${d}: against the direction of imports`);
  }
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+["'](@bangban\/[a-z-]+)/g)) {
      const target = m[1];
      if (target === pkg.name) continue;
      if (!ok.includes(target))
        problems.push(`${relative(root, file)} imports ${target}: not allowed from ${pkg.name}`);
      else if (!declared.has(target))
        problems.push(
          `${relative(root, file)} imports ${target}, which ${pkg.name} does not declare`,
        );
    }
  }
}
for (const p of problems) console.error(`✗ ${p}`);
if (problems.length) process.exit(1);
console.log("imports follow DESIGN.md's direction");
