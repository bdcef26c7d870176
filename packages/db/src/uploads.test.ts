import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileUploadStore, type UploadDone } from "./uploads";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(secret: string | null = "secret-of-the-node") {
  const dir = mkdtempSync(join(tmpdir(), "bangban-uploads-"));
  dirs.push(dir);
  return { dir, uploads: new FileUploadStore(dir, secret) };
}

const T0 = new Date("2026-11-02T02:00:00.000Z");
const target = { caseId: "c1", materialCode: "ID_CARD", name: "身份证.jpg", size: 37, page: 1 };
const bytes = new Uint8Array(37).map((_, i) => 0x41 + (i % 26));
const keep = async (_s: unknown, b: Uint8Array): Promise<UploadDone> => ({
  hash: Buffer.from(b).toString("latin1"),
  size: b.length,
  mime: "text/plain",
  page: 1,
});

describe("FileUploadStore", () => {
  it("chunks at odd offsets come back whole, while the part file on disk holds no plaintext", async () => {
    const { dir, uploads } = store();
    await uploads.open("U0000000001", "u1", target, T0);
    expect((await uploads.append("U0000000001", 0, bytes.subarray(0, 7), T0, keep)).kind).toBe(
      "stored",
    );
    const part = readFileSync(join(dir, "U0000000001.part"));
    expect(part.length).toBe(7);
    expect(part.toString("latin1")).not.toContain("ABCDEFG");
    await uploads.append("U0000000001", 7, bytes.subarray(7, 20), T0, keep);
    expect((await uploads.get("U0000000001"))?.offset).toBe(20);
    const last = await uploads.append("U0000000001", 20, bytes.subarray(20), T0, keep);
    expect(last.kind).toBe("done");
    expect(last.kind === "done" && last.session.done?.hash).toBe(
      Buffer.from(bytes).toString("latin1"),
    );
    // The bytes are gone from the upload dir; the answer stays for a retried last chunk.
    expect(readdirSync(dir)).toEqual(["U0000000001.json"]);
    const again = await uploads.append("U0000000001", 20, bytes.subarray(20), T0, keep);
    expect(again.kind).toBe("done");
  });

  it("a wrong offset or a chunk past the declared size writes nothing and tells where it stands", async () => {
    const { uploads } = store();
    await uploads.open("U0000000002", "u1", target, T0);
    await uploads.append("U0000000002", 0, bytes.subarray(0, 10), T0, keep);
    const wrong = await uploads.append("U0000000002", 4, bytes.subarray(4, 12), T0, keep);
    expect(wrong).toMatchObject({ kind: "offset", session: { offset: 10 } });
    const over = await uploads.append("U0000000002", 10, new Uint8Array(28), T0, keep);
    expect(over).toMatchObject({ kind: "oversize", session: { offset: 10 } });
    expect((await uploads.get("U0000000002"))?.offset).toBe(10);
  });

  it("concurrent chunks for the same offset: one is stored, the other told the new offset", async () => {
    const { uploads } = store(null);
    await uploads.open("U0000000003", "u1", target, T0);
    const rs = await Promise.all([
      uploads.append("U0000000003", 0, bytes.subarray(0, 5), T0, keep),
      uploads.append("U0000000003", 0, bytes.subarray(0, 5), T0, keep),
    ]);
    expect(rs.map((r) => r.kind).sort()).toEqual(["offset", "stored"]);
    expect((await uploads.get("U0000000003"))?.offset).toBe(5);
  });

  it("bytes that cannot be stored end the upload; abandoned uploads are swept after the grace period", async () => {
    const { dir, uploads } = store();
    await uploads.open("U0000000004", "u1", target, T0);
    const refuse = () => Promise.reject(new Error("not an image"));
    await expect(uploads.append("U0000000004", 0, bytes, T0, refuse)).rejects.toThrow(
      "not an image",
    );
    expect(await uploads.get("U0000000004")).toBeNull();
    await uploads.open("U0000000005", "u1", target, T0);
    const later = new Date(T0.getTime() + 3600_000);
    await uploads.open("U0000000006", "u1", target, later);
    expect(await uploads.sweep(new Date(T0.getTime() + 1))).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["U0000000006.json", "U0000000006.part"]);
  });
});
