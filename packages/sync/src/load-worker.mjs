// A worker thread of LoadPool (load-pool.ts): loads case documents (what the node holds, then
// the arriving changes) and sends back their content before and after as plain data
// (ImmutableStrings as strings), and a full save when asked, freeing each document at once. Plain JavaScript so that it runs as is from the source tree, under tests and from
// a server's bundle (scripts/build-node.mjs copies it beside dist/cli.mjs).
import { parentPort, workerData } from "node:worker_threads";
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

/**
 * Runs the paths loadOne takes (load of a saved document and of bare changes, incremental
 * load, materializing, save) on a small document, `rounds` times. A fresh worker's wasm and
 * JavaScript run several times slower than once warm (measured: 3–5 ms a case cold against
 * ~1 ms warm); a hub's pool warms up when it starts instead of on its first catch-up.
 * 200 rounds take about 1.5 s of one core; B1 (a week's catch-up, 300 cases) went from
 * ~1.0 s to ~0.6 s.
 */
function warmUp(rounds) {
  const s = (v) => new A.ImmutableString(v);
  let doc = A.change(A.init(), (d) => {
    d.caseId = s("01WARMUP0000000000000000000");
    d.applicant = { name: s("热身"), phone: s("13800000000") };
    d.journal = [s(JSON.stringify({ id: "e0", type: "intake" }))];
    d.attachments = {};
  });
  const base = A.save(doc);
  for (let i = 0; i < rounds; i++) {
    const heads = A.getHeads(doc);
    const next = A.change(A.clone(doc), (d) => {
      d.journal.push(s(JSON.stringify({ id: `e${i + 1}`, type: "supplement" })));
      d.applicant.phone = s(String(13800000000 + i));
    });
    const inc = A.saveSince(next, heads);
    A.free(doc);
    doc = next;
    loadOne({ caseId: "warm", base, bytes: inc, save: i % 8 === 0 });
    loadOne({ caseId: "warm", bytes: Buffer.concat(A.getAllChanges(doc)) });
    if (i % 16 === 15) {
      // Keep the warm-up document small, like a case.
      A.free(doc);
      doc = A.load(base);
    }
  }
  A.free(doc);
}

if (workerData?.warmUp) {
  warmUp(workerData.warmUp);
  parentPort?.postMessage({ warm: true });
}

parentPort?.on("message", ({ id, items }) => {
  parentPort?.postMessage({ id, out: items.map(loadOne) });
});
