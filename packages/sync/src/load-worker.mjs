// A worker thread of LoadPool (load-pool.ts): loads new case documents from their changes and
// sends back their content as plain data (ImmutableStrings as strings), freeing each document
// at once. Plain JavaScript so that it runs as is from the source tree, under tests and from
// a server's bundle (scripts/build-node.mjs copies it beside dist/cli.mjs).
import { parentPort } from "node:worker_threads";
import * as A from "@automerge/automerge";

function plain(v) {
  if (v instanceof A.ImmutableString) return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

parentPort?.on("message", ({ id, items }) => {
  const out = items.map(({ caseId, bytes }) => {
    let doc;
    try {
      doc = A.load(bytes);
    } catch {
      // A gap in the changes or bytes that are not a document: the caller takes the slow,
      // exact path for this case (and reports MISSING_DEPS or a malformed batch).
      return { caseId, content: null };
    }
    try {
      return { caseId, content: plain(doc) };
    } finally {
      A.free(doc);
    }
  });
  parentPort?.postMessage({ id, out });
});
