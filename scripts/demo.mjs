// `npm run demo`: install, then show the domain rules at work on a sample case.
// (Replaced by the full hub + two stations demo as those land.)
import { pnpm } from "./pnpm.mjs";

if (pnpm(["install"]) !== 0) process.exit(1);
process.exit(pnpm(["--filter", "@bangban/domain", "demo"]));
