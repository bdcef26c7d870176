import { actors, JournalKit, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { edits } from "../case-doc";
import type { CaseRepo } from "../case-repo";
import { SyncService } from "../station/sync-service";
import { directTransport, makeHub, makeStation, type Station } from "../sync-kit";
import { actor, newCase } from "../test-kit";
import { jpeg } from "./blob-intake-suite";
import type { BlobChunk } from "./messages";

const act = actor("01KBLOB");

/** A case taken in at the station with one scan uploaded there (bytes in its vault, row unsent). */
async function caseWithScan(st: Station, k: number, size: number, mime = "image/jpeg") {
  const init = newCase(k, new JournalKit());
  await st.repo.create(init);
  const bytes = jpeg(size);
  const hash = st.blobs.upload(bytes);
  await st.repo.edit(init.caseId, (d) =>
    edits.addAttachment(d, { hash, materialCode: "PHOTO", name: "照片.jpg", mime, size }),
  );
  return { caseId: init.caseId, bytes, hash };
}

async function toPickupAt(repo: CaseRepo, caseId: string, site: string) {
  await act(repo, caseId, "set_pickup_site", { siteId: site }, actors.reviewer);
}

describe("blob sync in the station's loop (in memory, real hub handlers)", () => {
  it("a scan goes up after its case, is acknowledged once, and the pick-up station prefetches it", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const b = makeStation(hub, SITES.stationB);
    const c = await caseWithScan(a, 1, 250 * 1024);
    expect((await a.blobs.unsent(10, [])).map((x) => x.hash)).toEqual([c.hash]);
    await a.sync.syncOnce();
    expect(await hub.vault.has(c.hash)).toBe(true);
    expect(hub.blobRows.get(c.hash)).toEqual({
      caseId: c.caseId,
      mime: "image/jpeg",
      by: SITES.stationA,
    });
    expect(a.sync.status().blobs).toMatchObject({ pendingUp: 0, refused: [], missingDown: 0 });
    // The next round offers nothing: the blob is acknowledged.
    const sent: string[] = [];
    a.faults.beforeBlob = (kind) => sent.push(kind);
    await a.sync.syncOnce();
    expect(sent).toEqual([]);

    await toPickupAt(hub.repo, c.caseId, SITES.stationB);
    await b.sync.syncOnce();
    const atB = await b.blobs.vault.readRange(c.hash, 0, c.bytes.length);
    expect(Buffer.from(atB?.bytes ?? []).equals(Buffer.from(c.bytes))).toBe(true);
    expect(b.blobs.rows.get(c.hash)).toMatchObject({ synced: true });
    expect(b.sync.status().blobs).toMatchObject({ missingDown: 0, refused: [] });
  });

  it("a scan stored before its case names it is not offered until it is named, then goes up (an upload caught mid-way by a round)", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const init = newCase(7, new JournalKit());
    await a.repo.create(init);
    await a.sync.syncOnce();
    // The upload's first half: bytes and row stored; a round runs before the case names them.
    const bytes = jpeg(30 * 1024);
    const hash = a.blobs.upload(bytes);
    const offered: string[] = [];
    a.faults.beforeBlob = (kind) => offered.push(kind);
    await a.sync.syncOnce();
    expect(offered).toEqual([]);
    expect(a.sync.status().blobs).toMatchObject({ pendingUp: 0, refused: [] });
    // The second half: the case names the scan; the next round takes both up.
    await a.repo.edit(init.caseId, (d) =>
      edits.addAttachment(d, {
        hash,
        materialCode: "PHOTO",
        name: "照片.jpg",
        mime: "image/jpeg",
        size: bytes.length,
      }),
    );
    await a.sync.syncOnce();
    expect(await hub.vault.has(hash)).toBe(true);
    expect(a.sync.status().blobs).toMatchObject({ pendingUp: 0, refused: [] });
  });

  it("a scan named after the round pushed its case's changes waits for the next round instead of being set aside", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const init = newCase(8, new JournalKit());
    await a.repo.create(init);
    const bytes = jpeg(30 * 1024);
    const hash = a.blobs.upload(bytes);
    const direct = directTransport(hub, a.identity, a.faults);
    let nameDuringPull = true;
    // The case names the scan while the round is between its case push and its blob offer
    // (here: during the pull), so the hub does not hold the reference when the scan is offered.
    const transport: typeof direct = {
      ...direct,
      pull: async (req) => {
        if (nameDuringPull) {
          nameDuringPull = false;
          await a.repo.edit(init.caseId, (d) =>
            edits.addAttachment(d, {
              hash,
              materialCode: "PHOTO",
              name: "照片.jpg",
              mime: "image/jpeg",
              size: bytes.length,
            }),
          );
        }
        return direct.pull(req);
      },
    };
    const sync = new SyncService({
      repo: a.repo,
      store: a.store,
      actorId: a.actorId,
      blobs: a.blobs,
      transport,
    });
    await sync.syncOnce();
    expect(await hub.vault.has(hash)).toBe(false);
    expect(sync.status().blobs).toMatchObject({ pendingUp: 1, refused: [] });
    await sync.syncOnce();
    expect(await hub.vault.has(hash)).toBe(true);
    expect(sync.status().blobs).toMatchObject({ pendingUp: 0, refused: [] });
  });

  it("with prefetch off (a metered line) the pick-up station fetches nothing ahead and counts the scan missing", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const b = makeStation(hub, SITES.stationB);
    const c = await caseWithScan(a, 1, 40 * 1024);
    await a.sync.syncOnce();
    await toPickupAt(hub.repo, c.caseId, SITES.stationB);
    const metered = new SyncService({
      repo: b.repo,
      store: b.store,
      actorId: b.actorId,
      blobs: b.blobs,
      transport: directTransport(hub, b.identity, b.faults),
      blobLimit: { bytesUpPerRound: 32 * 1024 * 1024, blobsDownPerRound: 0 },
    });
    await metered.syncOnce();
    expect(await b.repo.get(c.caseId)).not.toBeNull();
    expect(await b.blobs.vault.has(c.hash)).toBe(false);
    expect(metered.status().blobs).toMatchObject({ missingDown: 1, refused: [] });
  });

  it("a scan taken while the hub lacked it is fetched once the hub has it; the status counts it missing meanwhile", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const b = makeStation(hub, SITES.stationB);
    const c = await caseWithScan(a, 2, 40 * 1024);
    // A's loop pushes cases but its blob calls fail for now (cut before the hub).
    a.faults.beforeBlob = () => {
      throw new Error("connection reset");
    };
    await expect(a.sync.syncOnce()).rejects.toThrow("connection reset");
    expect(await hub.vault.has(c.hash)).toBe(false);
    expect(a.sync.status().blobs.pendingUp).toBe(1);
    await toPickupAt(hub.repo, c.caseId, SITES.stationB);
    await b.sync.syncOnce();
    expect(b.sync.status().blobs.missingDown).toBe(1);
    expect(await b.blobs.vault.has(c.hash)).toBe(false);
    a.faults.beforeBlob = undefined;
    await a.sync.syncOnce();
    await b.sync.syncOnce();
    expect(await b.blobs.vault.has(c.hash)).toBe(true);
    expect(b.sync.status().blobs.missingDown).toBe(0);
  });

  it("a push cut mid-blob resumes from the hub's offset: no byte is sent twice beyond the lost chunk", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const c = await caseWithScan(a, 3, 2 * 1024 * 1024 + 5000);
    const chunks: BlobChunk[] = [];
    let cut = true;
    a.faults.afterBlob = (kind, chunk) => {
      if (kind !== "chunk" || !chunk) return;
      chunks.push(chunk);
      // The hub stored the second chunk, but its answer is lost.
      if (cut && chunks.length === 2) {
        cut = false;
        throw new Error("socket hang up");
      }
    };
    await expect(a.sync.syncOnce()).rejects.toThrow("socket hang up");
    expect(await hub.vault.partialSize(c.hash)).toBe(2 * 1024 * 1024);
    await a.sync.syncOnce();
    expect(await hub.vault.has(c.hash)).toBe(true);
    expect(chunks.map((x) => x.offset)).toEqual([0, 1024 * 1024, 2 * 1024 * 1024]);
    const sent = chunks.reduce((n, x) => n + x.bytes.length, 0);
    expect(sent).toBe(c.bytes.length);
    const whole = await hub.vault.readRange(c.hash, 0, c.bytes.length);
    expect(Buffer.from(whole?.bytes ?? []).equals(Buffer.from(c.bytes))).toBe(true);
  });

  it("a blob the hub refuses is set aside with its reason; the station's other blobs and cases go on", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    // The case says PNG, the bytes are a JPEG: the hub refuses it for good.
    const bad = await caseWithScan(a, 4, 30 * 1024, "image/png");
    const good = await caseWithScan(a, 5, 30 * 1024);
    await a.sync.syncOnce();
    expect(await hub.vault.has(good.hash)).toBe(true);
    expect(await hub.vault.has(bad.hash)).toBe(false);
    expect(await hub.vault.partialSize(bad.hash)).toBe(0);
    const s = a.sync.status();
    expect(s.state).toBe("idle");
    expect(s.blobs.refused).toEqual([
      expect.objectContaining({ hash: bad.hash, kind: "BLOB_REF_MISMATCH" }),
    ]);
    expect(s.blobs.refused[0]?.zh).not.toBe("");
    // Set aside: not offered again this run.
    const offered: string[] = [];
    a.faults.beforeBlob = (kind) => offered.push(kind);
    await a.sync.syncOnce();
    expect(offered).toEqual([]);
  });

  it("a hub without blob sync: the station skips blobs and keeps its rows; cases still sync", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const c = await caseWithScan(a, 6, 10 * 1024);
    const {
      offerBlobs: _o,
      pushBlob: _p,
      pullBlob: _l,
      ...older
    } = directTransport(hub, a.identity);
    const sync = new SyncService({
      repo: a.repo,
      store: a.store,
      actorId: a.actorId,
      blobs: a.blobs,
      transport: { ...older, offerBlobs: async () => null, pushBlob: async () => null },
    });
    await sync.syncOnce();
    expect(await hub.repo.has(c.caseId)).toBe(true);
    expect(sync.status().blobs).toMatchObject({ pendingUp: 1, hubLacksCall: true });
    expect(await hub.vault.has(c.hash)).toBe(false);
  });
});
