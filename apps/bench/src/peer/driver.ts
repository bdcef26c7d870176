/**
 * The bench's side of the peer: starts automerge-repo nodes (peer-node.ts) as processes,
 * seeds their nodefs storage with the same documents ours get, and drives sync in batches of
 * 1,000 documents with eviction, within a time bound.
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAutomergeUrl, stringifyAutomergeUrl } from "@automerge/automerge-repo";
import { sleep } from "../measure";
import { port, track } from "../procs";
import type { PeerCommand, PeerDoc, PeerReply } from "./protocol";

const nodeFile = fileURLToPath(new URL("./peer-node.ts", import.meta.url));

/** The automerge-repo document id of a case: 16 bytes of SHA-256 of its case id. */
export function docIdOf(caseId: string): string {
  const bytes = new Uint8Array(createHash("sha256").update(caseId).digest().subarray(0, 16));
  return parseAutomergeUrl(stringifyAutomergeUrl(bytes as never)).documentId;
}

/**
 * Writes a document into a nodefs storage directory the way NodeFSStorageAdapter lays it out
 * (`<dir>/<id[0:2]>/<id[2:]>/snapshot/<sha256>`). `bytes` is a saved document or a run of
 * changes: the repo loads every chunk with loadIncremental.
 */
export function seedPeerDoc(dir: string, docId: string, bytes: Uint8Array): void {
  const d = join(dir, docId.slice(0, 2), docId.slice(2), "snapshot");
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, createHash("sha256").update(bytes).digest("hex")), bytes);
}

export class PeerNode {
  private seq = 0;
  private readonly pending = new Map<number, (r: PeerReply) => void>();
  private out = "";

  private constructor(
    readonly role: "hub" | "station",
    readonly proc: ChildProcess,
    readonly port: number | null,
  ) {
    proc.on("message", (m: { seq: number; reply: PeerReply }) => {
      this.pending.get(m.seq)?.(m.reply);
      this.pending.delete(m.seq);
    });
    const keep = (d: Buffer) => {
      this.out = (this.out + d.toString()).slice(-10_000);
    };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    proc.on("exit", (code, signal) => {
      // The line that says what went wrong (the stack's first line), not the whole output.
      const why =
        this.out
          .split("\n")
          .find((l) => /^\w*Error\b|^\s*throw /.test(l) && !l.includes("throw ")) ??
        this.out.trim().split("\n").slice(-1)[0] ??
        "";
      for (const [, resolve] of this.pending)
        resolve({
          ok: false,
          error: `peer ${role} process exited (${signal ?? code}): ${why.trim()}`,
        });
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.proc.pid as number;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.out;
  }

  static async start(role: "hub" | "station", storageDir: string, hubUrl?: string) {
    const p = role === "hub" ? await port() : null;
    const proc = fork(nodeFile, [role, storageDir, role === "hub" ? String(p) : (hubUrl ?? "-")], {
      execArgv: ["--import", "tsx"],
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    track(proc);
    const node = new PeerNode(role, proc, p);
    const ready = await node.reply(0, 60_000);
    if (!ready.ok) throw new Error(`peer ${role} did not start: ${ready.error ?? node.out}`);
    return node;
  }

  private reply(seq: number, timeoutMs: number): Promise<PeerReply> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(seq);
        resolve({ ok: false, error: `no answer in ${timeoutMs} ms` });
      }, timeoutMs);
      this.pending.set(seq, (r) => {
        clearTimeout(t);
        resolve(r);
      });
    });
  }

  async send(cmd: PeerCommand, timeoutMs = 600_000): Promise<PeerReply> {
    const seq = ++this.seq;
    if (this.proc.exitCode !== null || this.proc.signalCode !== null)
      return { ok: false, error: `peer ${this.role} is not running: ${this.out}` };
    const answer = this.reply(seq, timeoutMs);
    this.proc.send({ seq, cmd });
    return answer;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once("exit", () => r()));
    this.proc.kill("SIGKILL");
    await Promise.race([exited, sleep(5000)]);
  }
}

export interface BatchRun {
  /** Documents that reached the expected heads (durably, on the receiving side). */
  done: number;
  total: number;
  /** Milliseconds until all were done; null when the bound ran out first. */
  ms: number | null;
  elapsedMs: number;
  /** Documents of batches that had their full time that never reached their heads. */
  lost: number;
  /** Documents of the last batch that the bound cut short. */
  cut: number;
  batches: number;
  error?: string;
}

/** The longest a batch of 1,000 may take before its missing documents are given up on. */
export const BATCH_WAIT_MS = 90_000;

/**
 * Runs `step` over `docs` in batches of `batchSize`, stopping at the time bound. `step`
 * returns how many of its batch reached their heads.
 */
export async function inBatches(
  docs: PeerDoc[],
  batchSize: number,
  boundMs: number,
  step: (batch: PeerDoc[], remainingMs: number) => Promise<{ reached: number; error?: string }>,
): Promise<BatchRun> {
  const t0 = performance.now();
  let done = 0;
  let lost = 0;
  let cut = 0;
  let batches = 0;
  for (let i = 0; i < docs.length; i += batchSize) {
    const remaining = boundMs - (performance.now() - t0);
    if (remaining <= 0) break;
    const batch = docs.slice(i, i + batchSize);
    // A batch gets at most BATCH_WAIT_MS: a document that never arrives (lost) must not
    // hold the rest back; it is counted as not received and the run goes on.
    const wait = Math.min(remaining, BATCH_WAIT_MS);
    const r = await step(batch, wait);
    batches += 1;
    done += r.reached;
    if (wait < BATCH_WAIT_MS || r.error) cut += batch.length - r.reached;
    else lost += batch.length - r.reached;
    if (r.error) {
      const elapsedMs = performance.now() - t0;
      return { done, total: docs.length, ms: null, elapsedMs, lost, cut, batches, error: r.error };
    }
  }
  const elapsedMs = performance.now() - t0;
  const finished = done === docs.length;
  return {
    done,
    total: docs.length,
    ms: finished ? elapsedMs : null,
    elapsedMs,
    lost,
    cut,
    batches,
  };
}
