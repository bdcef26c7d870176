import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What an upload is for, fixed when it is opened. */
export interface UploadTarget {
  caseId: string;
  materialCode: string;
  name: string;
  /** Declared size: the upload is complete at exactly this many bytes, and never takes more. */
  size: number;
  /** Chosen by the client; absent: after the material's pages when the upload completes. */
  page?: number;
}

/** The stored result of a completed upload, so a retried last chunk gets the same answer. */
export interface UploadDone {
  hash: string;
  size: number;
  mime: string;
  page: number;
}

export interface UploadSession extends UploadTarget {
  id: string;
  /** The user who opened it: only they may continue it. */
  userId: string;
  createdAt: string;
  /** Last chunk (or opening): an upload untouched for the grace period is swept. */
  touchedAt: string;
  /** Bytes received so far. */
  offset: number;
  done: UploadDone | null;
}

interface Stored extends Omit<UploadSession, "offset"> {
  /** CTR nonce (hex, 8 bytes): the temp file is encrypted at rest like the blobs. */
  nonce: string;
}

const ID = /^[0-9A-Za-z]{10,40}$/;
const UPLOAD_KEY_INFO = "bangban/uploads/aes-256-ctr/v1";

/**
 * Resumable uploads as files under `dir` (in the node's data dir, apart from the blobs):
 * `<id>.json` holds the session, `<id>.part` the bytes received so far, whose length is the
 * offset a client resumes from. With a secret the part file is AES-256-CTR encrypted under
 * a key derived from it (CTR so a chunk can be appended at any offset); the finished bytes go
 * to the blob store, which seals them. Calls on one upload run one at a time.
 */
export class FileUploadStore {
  private readonly key: Buffer | null;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dir: string,
    secret: string | null = null,
  ) {
    this.key = secret ? Buffer.from(hkdfSync("sha256", secret, "", UPLOAD_KEY_INFO, 32)) : null;
  }

  async open(id: string, userId: string, target: UploadTarget, now: Date): Promise<UploadSession> {
    if (!ID.test(id)) throw new Error("upload id: expected 10–40 letters or digits");
    await mkdir(this.dir, { recursive: true });
    const at = now.toISOString();
    const s: Stored = {
      ...target,
      id,
      userId,
      createdAt: at,
      touchedAt: at,
      done: null,
      nonce: randomBytes(8).toString("hex"),
    };
    await writeFile(this.part(id), new Uint8Array(0), { flag: "wx" });
    await this.save(s);
    return { ...s, offset: 0 };
  }

  /** The session, or null when unknown (never opened, completed long ago, or swept). */
  get(id: string): Promise<UploadSession | null> {
    return this.exclusive(id, async () => {
      const s = await this.load(id);
      return s ? { ...s, offset: await this.offsetOf(s) } : null;
    });
  }

  /**
   * Appends `chunk` at `offset` when that is where the upload stands and it stays within the
   * declared size; otherwise writes nothing. Returns the session as it stands afterwards, with
   * `complete` when the last byte arrived, and `bytes` (all of them, decrypted) then.
   */
  append(
    id: string,
    offset: number,
    chunk: Uint8Array,
    now: Date,
    finish: (s: UploadSession, bytes: Uint8Array) => Promise<UploadDone>,
  ): Promise<AppendResult> {
    return this.exclusive(id, async () => {
      const s = await this.load(id);
      if (!s) return { kind: "unknown" };
      const at = await this.offsetOf(s);
      const session = (o: number): UploadSession => ({ ...s, offset: o });
      if (s.done) return { kind: "done", session: session(s.size) };
      if (offset !== at) return { kind: "offset", session: session(at) };
      if (at + chunk.length > s.size) return { kind: "oversize", session: session(at) };
      const fh = await open(this.part(id), "r+");
      try {
        await fh.write(this.crypt(s.nonce, at, chunk), 0, chunk.length, at);
        await fh.sync();
      } finally {
        await fh.close();
      }
      s.touchedAt = now.toISOString();
      const end = at + chunk.length;
      if (end < s.size) {
        await this.save(s);
        return { kind: "stored", session: session(end) };
      }
      const bytes = this.crypt(s.nonce, 0, await readFile(this.part(id)));
      try {
        s.done = await finish(session(end), bytes);
      } catch (e) {
        // Bytes that cannot be stored (wrong type, a limit reached meanwhile) never will be.
        await this.remove(id);
        throw e;
      }
      await this.save(s);
      await rm(this.part(id), { force: true });
      return { kind: "done", session: session(end) };
    });
  }

  /** Removes uploads untouched since `before` (abandoned, or completed and answered). */
  async sweep(before: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const id = name.slice(0, -".json".length);
      const gone = await this.exclusive(id, async () => {
        const s = await this.load(id);
        if (s && Date.parse(s.touchedAt) >= before.getTime()) return false;
        await this.remove(id);
        return true;
      });
      if (gone) removed++;
    }
    return removed;
  }

  private async remove(id: string): Promise<void> {
    await rm(this.part(id), { force: true });
    await rm(this.meta(id), { force: true });
  }

  private meta(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private part(id: string): string {
    return join(this.dir, `${id}.part`);
  }

  private async load(id: string): Promise<Stored | null> {
    if (!ID.test(id)) return null;
    try {
      return JSON.parse(await readFile(this.meta(id), "utf8")) as Stored;
    } catch {
      return null;
    }
  }

  private async save(s: Stored): Promise<void> {
    const tmp = `${this.meta(s.id)}.tmp`;
    await writeFile(tmp, JSON.stringify(s));
    await rename(tmp, this.meta(s.id));
  }

  private async offsetOf(s: Stored): Promise<number> {
    if (s.done) return s.size;
    try {
      return (await stat(this.part(s.id))).size;
    } catch {
      return 0;
    }
  }

  /** AES-256-CTR from byte `offset` of the upload's keystream (its own inverse). */
  private crypt(nonce: string, offset: number, bytes: Uint8Array): Uint8Array {
    if (!this.key) return bytes;
    const iv = Buffer.alloc(16);
    Buffer.from(nonce, "hex").copy(iv, 0);
    iv.writeBigUInt64BE(BigInt(Math.floor(offset / 16)), 8);
    const cipher = createCipheriv("aes-256-ctr", this.key, iv);
    cipher.update(Buffer.alloc(offset % 16));
    return new Uint8Array(Buffer.concat([cipher.update(bytes), cipher.final()]));
  }

  private exclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return run;
  }
}

export type AppendResult =
  | { kind: "unknown" }
  | { kind: "offset" | "oversize" | "stored" | "done"; session: UploadSession };
