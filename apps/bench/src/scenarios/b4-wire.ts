/**
 * B4 wire cost: the bytes of one field edit (up: the push request; down: its
 * acknowledgement), beside the peer's for the same edit; and the catch-up of B1 against the
 * missing changes' own size (ours and the peer's, both counted on the TCP relay).
 */
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { decodeHeads } from "@automerge/automerge-repo";
import { recordEvent } from "@bangban/domain";
import { type CaseDoc, changeCaseDoc, edits, readCase } from "@bangban/sync";
import { type Ctx, kb, scenarioDir } from "../context";
import { dbPath, startHubFrom } from "../ours";
import { docIdOf, PeerNode, seedPeerDoc } from "../peer/driver";
import { Relay } from "../procs";
import { codesFor } from "../seed";
import { BenchTransport, changeEntry } from "../wire";
import { helperOf, type SeedCase } from "../workload";
import { catchUp } from "./b1-catch-up";

const SITE = "330106001001";

function docOf(c: SeedCase, actor: string): CaseDoc {
  const [d] = A.applyChanges(
    A.init<CaseDoc>({ actor }),
    c.changes.map((ch) => ch.bytes),
  );
  return d as CaseDoc;
}

export async function b4(ctx: Ctx, bulk: SeedCase[], actor: string): Promise<void> {
  const dir = scenarioDir(ctx, "b4");
  // A case with intake only, so the edit is the document's second change.
  const c = bulk.find((x) => x.changes.length === 1) as SeedCase;
  const hub = await startHubFrom(ctx.hubTemplate, join(dir, "hub"));
  let field: { up: number; down: number; change: number };
  let event: { up: number; down: number; change: number };
  try {
    const codes = await codesFor(dbPath.hub(hub.dir), [SITE]);
    const wire = new BenchTransport(hub.hub.url);
    await wire.enrol(codes.get(SITE) as string, [actor]);
    await wire.pushRaw(c.changes.map((ch) => changeEntry(c.caseId, ch.bytes)));
    let doc = docOf(c, actor);
    // One field edit: the applicant's phone (an ImmutableString scalar).
    const r1 = changeCaseDoc(doc, (d) => edits.setApplicant(d, { phone: "13958001234" }));
    doc = r1.doc;
    const ch1 = r1.change as Uint8Array;
    const before = { ...wire.count };
    await wire.pushRaw([changeEntry(c.caseId, ch1)]);
    field = {
      up: wire.count.up - before.up,
      down: wire.count.down - before.down,
      change: ch1.byteLength,
    };
    // One status change: 受理 (accept) appended to the journal.
    const journal = readCase(doc).journal;
    const e = recordEvent(
      journal,
      "accept",
      { deferred: [] },
      {
        id: "01KJZZZZZZZZZZZZZZZZZZZZZ1",
        at: new Date().toISOString(),
        actor: helperOf(SITE),
      },
    );
    const r2 = changeCaseDoc(doc, (d) => edits.appendEvent(d, e));
    const ch2 = r2.change as Uint8Array;
    const before2 = { ...wire.count };
    await wire.pushRaw([changeEntry(c.caseId, ch2)]);
    event = {
      up: wire.count.up - before2.up,
      down: wire.count.down - before2.down,
      change: ch2.byteLength,
    };
    A.free(r2.doc);
  } finally {
    await hub.stop();
  }

  // The peer: the same document synced, then the same field edit; bytes until the hub has it.
  let peer: { up: number; down: number; reached: boolean } | null = null;
  if (ctx.peer) {
    const stStore = join(dir, "peer-st");
    const id = docIdOf(c.caseId);
    seedPeerDoc(stStore, id, c.snapshot as Uint8Array);
    const ph = await PeerNode.start("hub", join(dir, "peer-hub"));
    const relay = await new Relay({ host: "127.0.0.1", port: ph.port as number }).start();
    const ps = await PeerNode.start("station", stStore);
    try {
      await ps.send({ op: "connect", url: relay.url.replace("http", "ws") });
      const exp = ph.send({ op: "expect", docs: [{ id, heads: c.heads }], timeoutMs: 30_000 });
      await ps.send({ op: "open", ids: [id] });
      await exp;
      await ps.send({ op: "confirm", docs: [{ id, heads: c.heads }], timeoutMs: 30_000 });
      relay.reset();
      const changed = await ps.send({ op: "change", id, phone: "13958001234" });
      // The peer's change has its own actor: wait for the heads the station reports.
      const r = await ph.send({
        op: "expect",
        docs: [{ id, heads: decodeHeads((changed.heads ?? []) as never) }],
        timeoutMs: 30_000,
      });
      // Let the last acknowledgements arrive (the relay counts both directions).
      await new Promise((res) => setTimeout(res, 500));
      peer = { up: relay.up, down: relay.down, reached: r.reached === 1 };
    } finally {
      await ps.stop();
      await ph.stop();
      await relay.close();
    }
  }

  const peerNote = peer
    ? `peer: the same edit on automerge-repo, synced doc open on both sides, bytes on the websocket (TCP) until the hub has the new heads + 0.5 s: ${peer.up} B up, ${peer.down} B down${peer.reached ? "" : " (the hub did NOT reach the heads)"}`
    : "peer not run";
  ctx.results.add({
    name: "B4-edit-up",
    unit: "B",
    ours: field.up,
    ...(peer ? { peer: peer.up } : {}),
    target: { max: 200 },
    digits: 0,
    note: `one field edit (applicant phone, an ImmutableString): push request body ${field.up} B for an Automerge change of ${field.change} B (a binary push frame); ${peerNote}`,
  });
  ctx.results.add({
    name: "B4-edit-ack",
    unit: "B",
    ours: field.down,
    ...(peer ? { peer: peer.down } : {}),
    target: { max: 100 },
    digits: 0,
    note: `the acknowledgement of that push (response body, tRPC JSON); ${peerNote}`,
  });
  ctx.results.add({
    name: "B4-status-change-up",
    unit: "B",
    ours: event.up,
    digits: 0,
    note: `one status change (受理: an accept event appended to the journal, status is derived from it): push request body ${event.up} B for a change of ${event.change} B; ack ${event.down} B`,
  });
  if (catchUp.ours) {
    const ratioOf = (w: { up: number; down: number }) => (w.up + w.down) / catchUp.missingBytes;
    ctx.results.add({
      name: "B4-catch-up",
      unit: "× missing",
      ours: ratioOf(catchUp.ours),
      ...(catchUp.peer ? { peer: ratioOf(catchUp.peer) } : {}),
      target: { max: 1.2 },
      digits: 2,
      note: `B1's reconnect: all bytes on the wire both ways (TCP, HTTP headers included) ÷ the ${catchUp.missingChanges} missing changes' own size (${kb(catchUp.missingBytes)} KB): ours ${kb(catchUp.ours.up)} KB up + ${kb(catchUp.ours.down)} KB down${catchUp.peer ? `; peer ${kb(catchUp.peer.up)} KB up + ${kb(catchUp.peer.down)} KB down` : ""}`,
    });
  }
}
