/**
 * One automerge-repo node (the peer the sync bench compares against), in its own process:
 * `hub` listens with the websocket server adapter, `station` connects with the client
 * adapter; both store documents with the nodefs storage adapter. The bench drives it over
 * IPC, in batches, with eviction (`removeFromCache`) after each batch — all documents at
 * once does not finish past a few thousand.
 *
 *   node --import tsx peer-node.ts hub <storageDir> <port>
 *   node --import tsx peer-node.ts station <storageDir> <hubUrl>
 */
import {
  type DocHandle,
  type DocumentId,
  encodeHeads,
  ImmutableString,
  type PeerId,
  Repo,
} from "@automerge/automerge-repo";
import {
  WebSocketClientAdapter,
  WebSocketServerAdapter,
} from "@automerge/automerge-repo-network-websocket";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import { WebSocketServer } from "ws";
import type { PeerCommand, PeerDoc, PeerReply } from "./protocol";

const [role, storageDir, where] = process.argv.slice(2);
if ((role !== "hub" && role !== "station") || !storageDir || !where) {
  throw new Error("usage: peer-node.ts hub|station <storageDir> <port|hubUrl>");
}

const storage = new NodeFSStorageAdapter(storageDir);
let repo: Repo;
let wss: WebSocketServer | null = null;
if (role === "hub") {
  wss = new WebSocketServer({ host: "127.0.0.1", port: Number(where) });
  repo = new Repo({
    peerId: "hub" as PeerId,
    storage,
    // isomorphic-ws's types and ws's disagree on the constructor's shape; it is ws's server.
    network: [new WebSocketServerAdapter(wss as never)],
    sharePolicy: async () => true,
  });
} else {
  repo = new Repo({ peerId: `station-${process.pid}` as PeerId, storage, network: [] });
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Documents whose heads the hub (or a fetching station) waits to reach. */
const waiting = new Map<string, { heads: string[]; done: () => void; abandon: () => void }>();

function check(id: string): void {
  const w = waiting.get(id);
  if (!w) return;
  const h = repo.handles[id as DocumentId];
  if (!h?.isReady()) return;
  if (same(h.heads(), w.heads)) {
    waiting.delete(id);
    w.done();
  }
}

// Every sync message received may have moved a document: re-check the ones waited for, once
// the handle holds the new document (the event fires inside the handle's update).
repo.synchronizer.on("sync-state", ({ documentId }) => {
  if (waiting.has(documentId)) setImmediate(() => check(documentId));
});
setInterval(() => {
  for (const id of [...waiting.keys()]) check(id);
}, 100).unref();

function until<T>(p: Promise<T>, ms: number): Promise<T | "timeout"> {
  return Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);
}

/** Waits until each doc has the heads given (or the time runs out); the ids that did. */
async function reach(docs: PeerDoc[], timeoutMs: number): Promise<Set<string>> {
  const reached = new Set<string>();
  await until(
    Promise.all(
      docs.map(
        (d) =>
          new Promise<void>((resolve) => {
            waiting.set(d.id, {
              heads: encodeHeads(d.heads),
              done: () => {
                reached.add(d.id);
                resolve();
              },
              abandon: () => resolve(),
            });
            check(d.id);
          }),
      ),
    ),
    timeoutMs,
  );
  for (const d of docs) waiting.delete(d.id);
  return reached;
}

let hubPeer: PeerId | null = null;

async function connect(url: string): Promise<void> {
  const adapter = new WebSocketClientAdapter(url);
  repo.networkSubsystem.addNetworkAdapter(adapter);
  await new Promise<void>((resolve) => {
    const seen = () => {
      hubPeer = repo.peers[0] ?? null;
      if (hubPeer) resolve();
      else setTimeout(seen, 10);
    };
    seen();
  });
}

const mismatched: string[] = [];

async function confirm(docs: PeerDoc[], timeoutMs: number): Promise<Set<string>> {
  // The hub's storage id: its sync replies set the handle's remote heads under it.
  const hubStorage = hubPeer ? repo.getStorageIdOfPeer(hubPeer) : undefined;
  const ok = new Set<string>();
  await until(
    Promise.all(
      docs.map(async (d) => {
        const h: DocHandle<unknown> = await repo.find(d.id as DocumentId);
        const want = encodeHeads(d.heads);
        if (!same(h.heads(), want)) {
          mismatched.push(`${d.id}: ${h.heads().join(",")} ≠ ${want.join(",")}`);
          return;
        }
        await new Promise<void>((resolve) => {
          const test = () => {
            const info = hubStorage ? h.getSyncInfo(hubStorage) : undefined;
            if (info && same(info.lastHeads, want)) {
              h.off("remote-heads", test);
              ok.add(d.id);
              resolve();
            }
          };
          h.on("remote-heads", test);
          test();
        });
      }),
    ),
    timeoutMs,
  );
  return ok;
}

async function handle(cmd: PeerCommand): Promise<PeerReply> {
  switch (cmd.op) {
    case "connect":
      await connect(cmd.url);
      return { ok: true };
    case "open": {
      // Loading a document from storage registers it with the synchronizer, which offers it
      // to every connected peer (the share policy is the default: everything).
      const failed: string[] = [];
      await Promise.all(
        cmd.ids.map((id) => repo.find(id as DocumentId).catch(() => failed.push(id))),
      );
      return { ok: true, failed };
    }
    case "expect": {
      const reached = await reach(cmd.docs, cmd.timeoutMs);
      const ids = cmd.docs.map((d) => d.id as DocumentId).filter((id) => reached.has(id));
      await repo.flush(ids);
      return { ok: true, reached: reached.size };
    }
    case "fetch": {
      // A document the hub answers "unavailable" for is not waited on any further.
      const failed: string[] = [];
      const finds = cmd.docs.map((d) =>
        repo.find(d.id as DocumentId).catch(() => {
          failed.push(d.id);
          const w = waiting.get(d.id);
          waiting.delete(d.id);
          w?.abandon();
        }),
      );
      const reached = await reach(cmd.docs, cmd.timeoutMs);
      await until(Promise.all(finds), 1000);
      const ids = cmd.docs.map((d) => d.id as DocumentId).filter((id) => reached.has(id));
      await repo.flush(ids);
      return { ok: true, reached: reached.size, failed };
    }
    case "confirm": {
      mismatched.length = 0;
      const ok = await confirm(cmd.docs, cmd.timeoutMs);
      return { ok: true, reached: ok.size, failed: [...mismatched] };
    }
    case "change": {
      const h = await repo.find<Record<string, unknown>>(cmd.id as DocumentId);
      h.change((d) => {
        (d.applicant as Record<string, unknown>).phone = new ImmutableString(cmd.phone);
      });
      return { ok: true, heads: h.heads() };
    }
    case "evict": {
      await Promise.all(cmd.ids.map((id) => repo.removeFromCache(id as DocumentId)));
      return { ok: true, cached: Object.keys(repo.handles).length };
    }
    case "stop": {
      await repo.flush();
      wss?.close();
      setTimeout(() => process.exit(0), 50);
      return { ok: true };
    }
  }
}

process.on("message", (msg: { seq: number; cmd: PeerCommand }) => {
  handle(msg.cmd).then(
    (reply) => process.send?.({ seq: msg.seq, reply }),
    (e: unknown) =>
      process.send?.({
        seq: msg.seq,
        reply: { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) },
      }),
  );
});

if (wss) wss.on("listening", () => process.send?.({ seq: 0, reply: { ok: true } }));
else process.send?.({ seq: 0, reply: { ok: true } });
