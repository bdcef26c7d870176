import { readdirSync } from "node:fs";
import { join } from "node:path";
import { listAudit } from "@bangban/db";
import { MAX_CASE_ATTACHMENTS } from "@bangban/domain";
import { edits } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, type StationHarness, stationHarness, type TrpcClient } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

const MiB = 1024 * 1024;
type Material = { code: string; attachments: { hash: string; page?: number; name: string }[] };

/** A JPEG-looking file (its magic number, then varied bytes) of `size` bytes. */
function jpeg(size: number, seed = 1): Uint8Array {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed * 7) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
}

async function newCase(helper: TrpcClient): Promise<string> {
  const r = await helper.mutate<{ caseId: string }>("cases.intake", elderlyIntake());
  return (r.data as { caseId: string }).caseId;
}

function api(helper: TrpcClient) {
  const headers = { cookie: helper.cookie };
  return {
    open: (caseId: string, body: Record<string, unknown>) =>
      h.app.request(`/api/cases/${caseId}/uploads`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    put: (id: string, offset: number, chunk: Uint8Array) =>
      h.app.request(`/api/uploads/${id}?offset=${offset}`, {
        method: "PUT",
        headers: { ...headers, "content-type": "application/octet-stream" },
        body: chunk,
      }),
    status: (id: string) => h.app.request(`/api/uploads/${id}`, { headers }),
    oneShot: (caseId: string, query: string, bytes: Uint8Array) =>
      h.app.request(`/api/cases/${caseId}/attachments?${query}`, {
        method: "POST",
        headers,
        body: bytes,
      }),
  };
}

const uploadsDir = () => join(h.env.dataDir, "uploads");
const tempFiles = () => {
  try {
    return readdirSync(uploadsDir()).filter((f) => f.endsWith(".part"));
  } catch {
    return [];
  }
};

async function materials(helper: TrpcClient, caseId: string): Promise<Material[]> {
  const r = await helper.query<{ materials: Material[] }>("cases.get", { caseId });
  return r.data?.materials ?? [];
}

describe("chunked, resumable upload (issue #17)", () => {
  it("a cut mid-upload resumes from the server's offset; the last chunk stores it as the one-shot route does", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    const http = api(helper);
    const file = jpeg(2 * MiB + 500);
    const opened = await http.open(caseId, {
      material: "HOUSEHOLD_REGISTER",
      name: "户口簿.jpg",
      size: file.length,
    });
    expect(opened.status).toBe(201);
    const { uploadId, offset } = (await opened.json()) as { uploadId: string; offset: number };
    expect(offset).toBe(0);
    const first = await http.put(uploadId, 0, file.subarray(0, MiB));
    expect(await first.json()).toMatchObject({ offset: MiB, done: null });
    // The second chunk arrives but its answer is lost: the client asks where the server stands.
    await http.put(uploadId, MiB, file.subarray(MiB, 2 * MiB));
    const where = (await (await http.status(uploadId)).json()) as { offset: number };
    expect(where.offset).toBe(2 * MiB);
    const last = await http.put(uploadId, where.offset, file.subarray(where.offset));
    expect(last.status).toBe(200);
    const done = (await last.json()) as { offset: number; done: { hash: string; page: number } };
    expect(done).toMatchObject({ offset: file.length, done: { mime: "image/jpeg", page: 1 } });
    const back = await h.app.request(`/api/attachments/${done.done.hash}`, {
      headers: { cookie: helper.cookie },
    });
    expect(Buffer.from(await back.arrayBuffer()).equals(file)).toBe(true);
    const m = (await materials(helper, caseId)).find((x) => x.code === "HOUSEHOLD_REGISTER");
    expect(m?.attachments).toMatchObject([{ hash: done.done.hash, page: 1, name: "户口簿.jpg" }]);
    const audit = await listAudit(h.services.db, { action: "attachment.upload", limit: 5 });
    expect(audit[0]).toMatchObject({ caseId, detail: { hash: done.done.hash, page: 1 } });
    // Stored in the blob store by its hash; nothing left in the upload dir but the answer.
    expect(await h.services.blobs.has(done.done.hash)).toBe(true);
    expect(tempFiles()).toEqual([]);
    // The last chunk again (its answer lost too): the same answer, nothing stored twice.
    const again = await http.put(uploadId, 2 * MiB, file.subarray(2 * MiB));
    expect(((await again.json()) as typeof done).done.hash).toBe(done.done.hash);
    expect((await materials(helper, caseId)).flatMap((x) => x.attachments)).toHaveLength(1);
  });

  it("a chunk at the wrong offset gets the server's offset back and writes nothing", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    const http = api(helper);
    const file = jpeg(3000);
    const { uploadId } = (await (
      await http.open(caseId, { material: "ID_CARD", name: "a.jpg", size: file.length })
    ).json()) as { uploadId: string };
    await http.put(uploadId, 0, file.subarray(0, 1000));
    for (const wrong of [0, 500, 2000]) {
      const r = await http.put(uploadId, wrong, file.subarray(wrong, wrong + 1000));
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({
        error: { code: "OFFSET_MISMATCH", field: "offset" },
        offset: 1000,
      });
    }
    const past = await http.put(uploadId, 1000, new Uint8Array(2001));
    expect(past.status).toBe(413);
    expect(await past.json()).toMatchObject({ error: { field: "chunk" }, offset: 1000 });
    const big = await http.put(uploadId, 1000, new Uint8Array(MiB + 1));
    expect(big.status).toBe(413);
    expect(((await (await http.status(uploadId)).json()) as { offset: number }).offset).toBe(1000);
  });

  it("another user can neither see nor continue someone's upload", async () => {
    const helper = await h.client().login("zhangli");
    const other = await h.client().login("wangqiang");
    const caseId = await newCase(helper);
    const file = jpeg(2000);
    const { uploadId } = (await (
      await api(helper).open(caseId, { material: "ID_CARD", name: "a.jpg", size: file.length })
    ).json()) as { uploadId: string };
    await api(helper).put(uploadId, 0, file.subarray(0, 1000));
    const put = await api(other).put(uploadId, 1000, file.subarray(1000));
    expect(put.status).toBe(404);
    expect(await put.json()).toMatchObject({ error: { code: "NOT_FOUND", field: "uploadId" } });
    expect((await api(other).status(uploadId)).status).toBe(404);
    const anon = await h.app.request(`/api/uploads/${uploadId}?offset=1000`, {
      method: "PUT",
      body: file.subarray(1000),
    });
    expect(anon.status).toBe(401);
    const mine = (await (await api(helper).status(uploadId)).json()) as { offset: number };
    expect(mine.offset).toBe(1000);
    expect((await materials(helper, caseId)).flatMap((x) => x.attachments)).toEqual([]);
  });

  it("over-limit sizes are refused when the upload is opened, before any byte is stored", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    const http = api(helper);
    const tooBig = await http.open(caseId, {
      material: "ID_CARD",
      name: "a.pdf",
      size: 10 * MiB + 1,
    });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: { code: "PAYLOAD_TOO_LARGE", field: "file", zh: expect.stringContaining("10 MB") },
    });
    // The case already holds 95 MB in 10 files: 6 MB more is over its 100 MB.
    await fillCase(caseId, 10, 9.5 * MiB);
    const overCase = await http.open(caseId, { material: "ID_CARD", name: "b.jpg", size: 6 * MiB });
    expect(overCase.status).toBe(413);
    expect(await overCase.json()).toMatchObject({
      error: { field: "attachments", zh: expect.stringContaining("100 MB") },
    });
    for (const bad of [
      { size: 0 },
      { size: "12" },
      { size: 10, page: 0 },
      { size: 10, material: "NOPE" },
    ]) {
      const r = await http.open(caseId, { material: "ID_CARD", name: "c.jpg", ...bad });
      expect(r.status).toBe(400);
    }
    expect(tempFiles()).toEqual([]);
  });

  it("the per-case count: the 61st file is refused by both upload routes, naming the limit", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    await fillCase(caseId, MAX_CASE_ATTACHMENTS, 1000);
    const http = api(helper);
    const one = await http.oneShot(caseId, "material=ID_CARD&name=x.jpg", jpeg(500));
    expect(one.status).toBe(413);
    expect(await one.json()).toMatchObject({
      error: { field: "attachments", zh: expect.stringContaining("60") },
    });
    const opened = await http.open(caseId, { material: "ID_CARD", name: "x.jpg", size: 500 });
    expect(opened.status).toBe(413);
    expect((await materials(helper, caseId)).flatMap((x) => x.attachments)).toHaveLength(60);
  });

  it("bytes of another type end the upload at its last chunk: refused, nothing stored, the temp file gone", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    const http = api(helper);
    const exe = new Uint8Array(1500).fill(7);
    exe.set([0x4d, 0x5a]);
    const { uploadId } = (await (
      await http.open(caseId, { material: "ID_CARD", name: "a.jpg", size: exe.length })
    ).json()) as { uploadId: string };
    const r = await http.put(uploadId, 0, exe);
    expect(r.status).toBe(415);
    expect(await r.json()).toMatchObject({ error: { field: "file" } });
    expect((await http.status(uploadId)).status).toBe(404);
    expect(tempFiles()).toEqual([]);
    expect(readdirSync(h.env.dataDir)).not.toContain("blobs");
  });

  it("pages: each file goes after its material's pages unless the client says where; the same file twice is one page, on another material refused", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    const http = api(helper);
    expect(
      (await http.oneShot(caseId, "material=HOUSEHOLD_REGISTER&name=p1.jpg", jpeg(100, 1))).status,
    ).toBe(201);
    const p3 = await http.oneShot(
      caseId,
      "material=HOUSEHOLD_REGISTER&name=p3.jpg&page=3",
      jpeg(100, 3),
    );
    expect(await p3.json()).toMatchObject({ page: 3 });
    const next = await http.oneShot(
      caseId,
      "material=HOUSEHOLD_REGISTER&name=p4.jpg",
      jpeg(100, 4),
    );
    expect(await next.json()).toMatchObject({ page: 4 });
    const again = await http.oneShot(
      caseId,
      "material=HOUSEHOLD_REGISTER&name=dup.jpg",
      jpeg(100, 4),
    );
    expect(await again.json()).toMatchObject({ page: 4 });
    const moved = await http.oneShot(caseId, "material=ID_CARD&name=dup.jpg", jpeg(100, 4));
    expect(moved.status).toBe(409);
    expect(await moved.json()).toMatchObject({ error: { code: "DUPLICATE", field: "file" } });
    const bad = await http.oneShot(caseId, "material=ID_CARD&name=x.jpg&page=abc", jpeg(100, 5));
    expect(bad.status).toBe(400);
    const pages = (await materials(helper, caseId))
      .flatMap((m) => m.attachments.map((a) => [m.code, a.name, a.page]))
      .sort();
    expect(pages).toEqual([
      ["HOUSEHOLD_REGISTER", "p1.jpg", 1],
      ["HOUSEHOLD_REGISTER", "p3.jpg", 3],
      ["HOUSEHOLD_REGISTER", "p4.jpg", 4],
    ]);
  });

  it("an abandoned upload's temp file is removed after the grace period", async () => {
    const helper = await h.client().login("zhangli");
    const caseId = await newCase(helper);
    const open = async (at: string) => {
      h.setNow(at);
      const http = api(await h.client().login("zhangli"));
      const r = await http.open(caseId, { material: "ID_CARD", name: "a.jpg", size: 5000 });
      return { http, uploadId: ((await r.json()) as { uploadId: string }).uploadId };
    };
    const left = await open("2026-11-02T02:00:00.000Z");
    await left.http.put(left.uploadId, 0, jpeg(1000));
    await open("2026-11-02T20:00:00.000Z");
    expect(tempFiles()).toHaveLength(2);
    // 24 hours after its last chunk, the next opening sweeps it.
    const later = await open("2026-11-03T02:00:01.000Z");
    expect(tempFiles()).toHaveLength(2);
    expect((await later.http.status(left.uploadId)).status).toBe(404);
  });
});

/** Gives the case `n` attachment refs of `size` bytes each, as earlier uploads would have. */
async function fillCase(caseId: string, n: number, size: number) {
  await h.services.repo.edit(caseId, (d) => {
    for (let i = 0; i < n; i++) {
      const hash = (i.toString(16).padStart(4, "0") + "a".repeat(60)).slice(0, 64);
      edits.addAttachment(d, {
        hash,
        materialCode: "HOUSEHOLD_REGISTER",
        name: `p${i}.jpg`,
        mime: "image/jpeg",
        size,
        page: i + 1,
      });
    }
  });
}
