import type { Actor } from "@bangban/domain";
import { JournalKit } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chainRows } from "./audit/station-audit-suite";
import { jpeg, refusal, sha256 } from "./blob/blob-intake-suite";
import { decodeBulkFrame } from "./bulk/frame";
import { changeCaseDoc, createCaseDoc, edits, type NewCase } from "./case-doc";
import type { SyncErrorKind } from "./protocol/errors";
import { fromBase64 } from "./protocol/messages";
import { PROTOCOL_VERSION } from "./protocol/version";
import type { SyncTransport } from "./station/sync-service";
import { ELDERLY } from "./test-kit";

/** A hub reached through one transport, set up fresh for each test. */
export interface TransportHarness {
  /** A helper of each of two stations of the hub's street, as the hub's tables know them. */
  helpers: { a: Actor; b: Actor };
  /** Registers a station at the hub (its enrolment); resolves to its credential. */
  enrol(siteId: string, actorIds: string[]): Promise<string>;
  /** An administrator revokes the station's credential. */
  revoke(siteId: string): Promise<void>;
  /** The station's side of this transport, with a credential (or none). */
  transport(credential: string | null): SyncTransport;
  teardown(): Promise<void>;
}

const actorOf = (site: string, n: number) =>
  `${site.padEnd(16, "0")}${n.toString(16).padStart(16, "0")}`;

/** A case's first change: an intake by `helper` at their station, authored by `actor`. */
/** The first state of case `n` taken in by `helper` (a fixed applicant). */
function caseInit(helper: Actor, n: number): NewCase {
  const event = new JournalKit().intake(ELDERLY, helper);
  return {
    caseId: `01KWIRE${String(n).padStart(19, "0")}`,
    caseNumber: `${helper.siteId}-20261102-${String(n).padStart(4, "0")}`,
    createdAt: event.at,
    applicant: {
      name: "王秀英",
      idNumber: "11010519491231002X",
      phone: "13812345678",
      address: "宝石一弄 8 号",
    },
    agent: null,
    intake: event,
  };
}

function intake(helper: Actor, actor: string, n: number) {
  const init = caseInit(helper, n);
  return { caseId: init.caseId, bytes: createCaseDoc(init, actor).change };
}

/** A case as `intake` makes it, then a scan of it added: its two changes and the scan. */
function intakeWithScan(helper: Actor, actor: string, n: number, size: number) {
  const scan = jpeg(size);
  const hash = sha256(scan);
  const init = caseInit(helper, n);
  const made = createCaseDoc(init, actor);
  const code = ELDERLY.materials[0]?.code ?? "M1";
  const added = changeCaseDoc(made.doc, (d) =>
    edits.addAttachment(d, {
      hash,
      materialCode: code,
      name: "户口簿.jpg",
      mime: "image/jpeg",
      size,
    }),
  );
  if (!added.change) throw new Error("no change");
  return {
    caseId: init.caseId,
    changes: [
      { caseId: init.caseId, bytes: made.change },
      { caseId: init.caseId, bytes: added.change },
    ],
    scan,
    hash,
  };
}

/**
 * The acceptance suite every sync transport passes (as store-suite.ts is for stores): the
 * in-memory one the sync tests use and the HTTP adapter against the real hub app. It holds
 * both to the protocol as the station's sync loop relies on it: acknowledgements, scope,
 * typed refusals with the case they name, credentials, reference data and health.
 */
export function runTransportTests(name: string, setup: () => Promise<TransportHarness>): void {
  describe(`SyncTransport contract: ${name}`, () => {
    let h: TransportHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.teardown();
    });

    const station = async (helper: Actor) => {
      const actorId = actorOf(helper.siteId, 1);
      const credential = await h.enrol(helper.siteId, [actorId]);
      return { actorId, credential, t: h.transport(credential) };
    };

    it("acknowledges a push, stores a replay once, and serves the case in its station's scope only", async () => {
      const a = await station(h.helpers.a);
      const b = await station(h.helpers.b);
      const change = intake(h.helpers.a, a.actorId, 1);
      const batch = { protocol: PROTOCOL_VERSION, changes: [change] };
      expect(await a.t.push(batch)).toEqual({ stored: 1, appended: 1, cases: 1 });
      expect(await a.t.push(batch)).toEqual({ stored: 1, appended: 0, cases: 1 });

      // A replacement PC of station A (no actor of its own yet) gets its site's history.
      const page = await a.t.pull({ protocol: PROTOCOL_VERSION, after: 0 });
      expect(page.changes.map((c) => c.caseId)).toEqual([change.caseId]);
      expect(fromBase64(page.changes[0]?.bytes ?? "")).toEqual(change.bytes);
      expect(page.remaining).toEqual({ changes: 0, bytes: 0, cases: 0 });
      const again = await a.t.pull({ protocol: PROTOCOL_VERSION, after: page.next });
      expect(again.changes).toEqual([]);
      // The PC that made the change is not sent it back; station B never sees A's case.
      const own = await a.t.pull({ protocol: PROTOCOL_VERSION, after: 0, actorId: a.actorId });
      expect(own.changes).toEqual([]);
      const other = await b.t.pull({ protocol: PROTOCOL_VERSION, after: 0 });
      expect(other.changes).toEqual([]);
    });

    it("serves whole cases of the station's scope for a bulk pull, with the hub's projection, page by page", async () => {
      const a = await station(h.helpers.a);
      const b = await station(h.helpers.b);
      const changes = [1, 2, 3].map((n) => intake(h.helpers.a, a.actorId, 10 + n));
      await a.t.push({ protocol: PROTOCOL_VERSION, changes });
      const pullBulk = a.t.pullBulk?.bind(a.t);
      expect(pullBulk).toBeDefined();
      if (!pullBulk) return;
      const first = await pullBulk({
        protocol: PROTOCOL_VERSION,
        after: "",
        upTo: null,
        maxCases: 2,
      });
      expect(first?.upTo).toBeGreaterThan(0);
      const ids = changes.map((c) => c.caseId).sort();
      const cases = decodeBulkFrame(first?.frame ?? new Uint8Array()).cases;
      expect(cases.map((c) => c.caseId)).toEqual(ids.slice(0, 2));
      expect(cases[0]?.changes).toEqual([changes.find((c) => c.caseId === ids[0])?.bytes]);
      expect(cases[0]?.projection).toMatchObject({ caseId: ids[0], status: "SUBMITTED" });
      const rest = await pullBulk({
        protocol: PROTOCOL_VERSION,
        after: first?.last ?? "",
        upTo: first?.upTo ?? 0,
        maxCases: 2,
      });
      expect(decodeBulkFrame(rest?.frame ?? new Uint8Array()).cases.map((c) => c.caseId)).toEqual([
        ids[2],
      ]);
      expect(rest?.last).toBeNull();
      // Station B's scope holds none of them.
      const other = await b.t.pullBulk?.({ protocol: PROTOCOL_VERSION, after: "", upTo: null });
      expect(other?.frame).toBeNull();
    });

    it("takes a station's audit rows once, and brings a broken chain or another site's rows back typed", async () => {
      const a = await station(h.helpers.a);
      const push = a.t.pushAudit?.bind(a.t);
      if (!push) throw new Error("this transport does not carry sync.pushAudit");
      const rows = chainRows(h.helpers.a.siteId, 3);
      expect(await push({ protocol: PROTOCOL_VERSION, rows })).toEqual({ stored: 3, last: 3 });
      expect(await push({ protocol: PROTOCOL_VERSION, rows })).toEqual({ stored: 0, last: 3 });
      const next = chainRows(h.helpers.a.siteId, 5).slice(3);
      const edited = next.map((r) => (r.id === 4 ? { ...r, userId: "u-forged" } : r));
      const broken = await refusal(push({ protocol: PROTOCOL_VERSION, rows: edited }));
      expect(broken.data.kind).toBe("AUDIT_CHAIN_BROKEN");
      const foreign = await refusal(
        push({ protocol: PROTOCOL_VERSION, rows: chainRows(h.helpers.b.siteId, 1) }),
      );
      expect(foreign.data.kind).toBe("FORGED_ACTOR");
      expect(await push({ protocol: PROTOCOL_VERSION, rows: next })).toEqual({
        stored: 2,
        last: 5,
      });
    });

    it("brings a refusal back typed, naming the refused case, and stores nothing of the batch", async () => {
      const a = await station(h.helpers.a);
      const good = intake(h.helpers.a, a.actorId, 2);
      const forged = intake(h.helpers.a, actorOf(h.helpers.a.siteId, 9), 3);
      const e = await refusal(a.t.push({ protocol: PROTOCOL_VERSION, changes: [good, forged] }));
      expect(e.data).toMatchObject({ kind: "FORGED_ACTOR", caseId: forged.caseId });
      expect(e.data.zh).not.toBe("");
      const page = await a.t.pull({ protocol: PROTOCOL_VERSION, after: 0 });
      expect(page.changes).toEqual([]);
    });

    it("carries blobs: offer, chunks up with resume, ranges down in scope only, refusals typed", async () => {
      const a = await station(h.helpers.a);
      const b = await station(h.helpers.b);
      const { offerBlobs, pushBlob, pullBlob } = a.t;
      if (!offerBlobs || !pushBlob || !pullBlob)
        throw new Error("this transport does not carry blobs");
      const c = intakeWithScan(h.helpers.a, a.actorId, 11, 300 * 1024);
      await a.t.push({ protocol: PROTOCOL_VERSION, changes: c.changes });
      const offer = (hashes: string[]) =>
        offerBlobs.call(a.t, { protocol: PROTOCOL_VERSION, hashes });
      expect(await offer([c.hash])).toEqual({
        blobs: [{ hash: c.hash, state: "want", offset: 0 }],
      });
      const chunk = (offset: number, len: number) => ({
        protocol: PROTOCOL_VERSION,
        hash: c.hash,
        size: c.scan.length,
        offset,
        bytes: c.scan.subarray(offset, offset + len),
      });
      expect(await pushBlob.call(a.t, chunk(0, 100 * 1024))).toEqual({
        offset: 100 * 1024,
        complete: false,
      });
      // Resumed from the offset the hub holds; a stale chunk is not written twice.
      expect(await offer([c.hash])).toEqual({
        blobs: [{ hash: c.hash, state: "want", offset: 100 * 1024 }],
      });
      expect(await pushBlob.call(a.t, chunk(0, 100 * 1024))).toMatchObject({ offset: 100 * 1024 });
      expect(await pushBlob.call(a.t, chunk(100 * 1024, 200 * 1024))).toEqual({
        offset: c.scan.length,
        complete: true,
      });
      expect(await offer([c.hash])).toEqual({ blobs: [{ hash: c.hash, state: "have" }] });
      const down = await pullBlob.call(a.t, {
        protocol: PROTOCOL_VERSION,
        hash: c.hash,
        offset: 1000,
      });
      expect(down?.size).toBe(c.scan.length);
      expect(Buffer.from(down?.bytes ?? []).equals(Buffer.from(c.scan.subarray(1000)))).toBe(true);
      // Station B has no case referencing the scan: it may neither fetch nor push it.
      const outside = await refusal(
        (b.t.pullBlob as NonNullable<SyncTransport["pullBlob"]>).call(b.t, {
          protocol: PROTOCOL_VERSION,
          hash: c.hash,
          offset: 0,
        }),
      );
      expect(outside.data.kind).toBe("NOT_IN_SCOPE");
      const pushedByB = await refusal(
        (b.t.pushBlob as NonNullable<SyncTransport["pushBlob"]>).call(b.t, chunk(0, 10)),
      );
      expect(pushedByB.data.kind).toBe("NOT_IN_SCOPE");
      // Bytes of no case; bytes that are not their hash.
      const stray = "d".repeat(64);
      expect((await offer([stray]))?.blobs[0]).toMatchObject({
        state: "refused",
        refusal: { kind: "BLOB_NOT_REFERENCED" },
      });
      const d = intakeWithScan(h.helpers.a, a.actorId, 12, 2000);
      await a.t.push({ protocol: PROTOCOL_VERSION, changes: d.changes });
      const forged = d.scan.slice();
      forged[1500] = (forged[1500] ?? 0) ^ 1;
      const bad = await refusal(
        pushBlob.call(a.t, {
          protocol: PROTOCOL_VERSION,
          hash: d.hash,
          size: 2000,
          offset: 0,
          bytes: forged,
        }),
      );
      expect(bad.data.kind).toBe("BLOB_HASH_MISMATCH");
      expect(await offer([d.hash])).toEqual({
        blobs: [{ hash: d.hash, state: "want", offset: 0 }],
      });
      // Every blob call names the station by its credential, as every other call.
      const stranger = h.transport("not-a-credential");
      for (const call of [
        stranger.offerBlobs?.({ protocol: PROTOCOL_VERSION, hashes: [c.hash] }),
        stranger.pushBlob?.(chunk(0, 10)),
        stranger.pullBlob?.({ protocol: PROTOCOL_VERSION, hash: c.hash, offset: 0 }),
      ]) {
        expect((await refusal(call ?? Promise.resolve())).data.kind).toBe("UNKNOWN_STATION");
      }
    });

    it("refuses an unsupported protocol version as PROTOCOL_VERSION", async () => {
      const a = await station(h.helpers.a);
      const e = await refusal(a.t.pull({ protocol: 9999, after: 0 }));
      expect(e.data.kind).toBe("PROTOCOL_VERSION");
    });

    it("refuses a credential the hub never issued, or revoked, on every message", async () => {
      const a = await station(h.helpers.a);
      const kinds = async (t: SyncTransport): Promise<SyncErrorKind[]> =>
        Promise.all(
          [
            t.push({ protocol: PROTOCOL_VERSION, changes: [intake(h.helpers.a, a.actorId, 4)] }),
            t.pull({ protocol: PROTOCOL_VERSION, after: 0 }),
            t.reference({ protocol: PROTOCOL_VERSION, known: "" }),
            t.pullBulk?.({ protocol: PROTOCOL_VERSION, after: "", upTo: null }) ??
              Promise.reject(new Error("no pullBulk")),
          ].map(async (p) => (await refusal(p)).data.kind),
        );
      const four = (kind: SyncErrorKind) => [kind, kind, kind, kind];
      expect(await kinds(h.transport("not-a-credential"))).toEqual(four("UNKNOWN_STATION"));
      expect(await kinds(h.transport(null))).toEqual(four("UNKNOWN_STATION"));
      await h.revoke(h.helpers.a.siteId);
      expect(await kinds(a.t)).toEqual(four("REVOKED"));
    });

    it("sends reference data with its version, and nothing when the station holds that version", async () => {
      const a = await station(h.helpers.a);
      const first = await a.t.reference({ protocol: PROTOCOL_VERSION, known: "" });
      expect(first.version).not.toBe("");
      expect(first.data).not.toBeNull();
      const same = await a.t.reference({ protocol: PROTOCOL_VERSION, known: first.version });
      expect(same).toEqual({ version: first.version, data: null });
    });

    it("says whether the hub answers, without a credential", async () => {
      expect(await h.transport(null).health()).toBe(true);
    });
  });
}
