// The worker thread of Checkpointer (checkpointer.ts): copies the write-ahead log into the
// database file on its own connection, so the thread that commits does not pay for it.
// Plain JavaScript so that it runs as is from the source tree, under tests and from a
// server's bundle (scripts/build-node.mjs copies it beside dist/cli.mjs).
import { parentPort, workerData } from "node:worker_threads";
import { createClient } from "@libsql/client";

const { url, minMs, maxMs, encryptionKey } = workerData;
// An encrypted file opens only with its key, on this connection as on the pool's.
const client = createClient(encryptionKey ? { url, encryptionKey } : { url });
let wait = minMs;
let lastLog = -1;
let timer = null;
let closing = false;

async function tick() {
  timer = null;
  try {
    // PASSIVE: copies what no reader still needs, never waits for a reader or the writer.
    const { rows } = await client.execute("PRAGMA wal_checkpoint(PASSIVE)");
    const log = Number(rows[0]?.log ?? 0);
    const checkpointed = Number(rows[0]?.checkpointed ?? 0);
    // Frames arriving: check again soon; a quiet log: check less and less often.
    wait = log !== lastLog ? minMs : Math.min(maxMs, wait * 2);
    lastLog = log;
    parentPort?.postMessage({ log, checkpointed });
  } catch (e) {
    wait = maxMs;
    parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
  if (!closing) timer = setTimeout(tick, wait);
}

parentPort?.on("message", (m) => {
  if (m !== "close") return;
  closing = true;
  if (timer) clearTimeout(timer);
  client.close();
  parentPort?.close();
});

void tick();
