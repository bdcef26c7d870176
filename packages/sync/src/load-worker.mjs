// A worker thread of LoadPool (load-pool.ts): loads case documents (what the node holds, then
// the arriving changes) and sends back their content before and after as plain data
// (ImmutableStrings as strings), and a full save when asked, freeing each document at once. Plain JavaScript so that it runs as is from the source tree, under tests and from
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

function loadOne({ caseId, base, bytes, save }) {
  let doc;
  let before = null;
  try {
    if (base) {
      doc = A.load(base);
      before = plain(doc);
      doc = A.loadIncremental(doc, bytes);
    } else {
      doc = A.load(bytes);
    }
  } catch {
    if (doc) A.free(doc);
    // Bytes that are not a document: the caller takes the exact path (and refuses them).
    return { caseId, content: null };
  }
  try {
    // A gap in the changes: loadIncremental keeps them pending; the caller reports it.
    if (A.getMissingDeps(doc, []).length > 0) return { caseId, content: null };
    const out = { caseId, before, content: plain(doc) };
    if (save) out.snapshot = A.save(doc);
    return out;
  } finally {
    A.free(doc);
  }
}

parentPort?.on("message", ({ id, items }) => {
  parentPort?.postMessage({ id, out: items.map(loadOne) });
});
