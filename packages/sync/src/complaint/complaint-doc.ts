import * as A from "@automerge/automerge";
import { type ComplaintEvent, complaintEventSchema } from "@bangban/domain";

/**
 * One Automerge document per complaint (or 办不成事 record): its id and its append-only journal,
 * one ImmutableString of JSON per event (as a case's). Everything a complaint *is* lives in its
 * `register` event, so "fields fixed at registration" are the journal's first entry, which the
 * hub's append-only check keeps. The complainant is not in the document (see Complainant).
 */
export interface ComplaintDocShape {
  schema: number;
  id: A.ImmutableString;
  journal: A.ImmutableString[];
}
export type ComplaintDoc = A.Doc<ComplaintDocShape>;

const imm = (s: string) => new A.ImmutableString(s);

/** A new complaint document holding its registration. */
export function createComplaintDoc(id: string, register: ComplaintEvent, actorId: string) {
  return A.change(A.init<ComplaintDocShape>({ actor: actorId }), { time: 0 }, (d) => {
    d.schema = 1;
    d.id = imm(id);
    d.journal = [imm(JSON.stringify(register))];
  });
}

/** The document with one more event (one change by this node). */
export function appendComplaintEvent(doc: ComplaintDoc, e: ComplaintEvent): ComplaintDoc {
  return A.change(doc, { time: 0 }, (d) => {
    d.journal.push(imm(JSON.stringify(e)));
  });
}

/** The plain reading of a complaint document. */
export interface ComplaintRecord {
  id: string;
  journal: ComplaintEvent[];
}

/**
 * Reads a document as the domain knows it; throws on a shape it does not know (a field other
 * than schema, id and journal, or an event the schema refuses) — the hub refuses such a push.
 */
export function readComplaintDoc(doc: ComplaintDoc): ComplaintRecord {
  const extra = Object.keys(doc).filter((k) => !["schema", "id", "journal"].includes(k));
  if (extra.length) throw new Error(`unknown fields ${extra.join(", ")}`);
  if (!(doc.id instanceof A.ImmutableString)) throw new Error("id is not a string");
  const journal = (doc.journal ?? []).map((j) => complaintEventSchema.parse(JSON.parse(String(j))));
  return { id: doc.id.toString(), journal };
}

/** Loads saved bytes as this node's replica (its own actor for what it appends next). */
export function loadComplaintDoc(bytes: Uint8Array, actorId: string): ComplaintDoc {
  return A.load<ComplaintDocShape>(bytes, { actor: actorId });
}

/** `mine` with everything of `theirs` merged in; `mine` is left as it was. */
export function mergeComplaintDocs(mine: ComplaintDoc, theirs: ComplaintDoc): ComplaintDoc {
  return A.merge(A.clone(mine), theirs);
}

/** Whether two replicas hold the same history (a merge brought nothing new). */
export function sameHeads(a: ComplaintDoc, b: ComplaintDoc): boolean {
  const x = A.getHeads(a).sort();
  const y = A.getHeads(b).sort();
  return x.length === y.length && x.every((h, i) => h === y[i]);
}

export const saveComplaintDoc = (doc: ComplaintDoc): Uint8Array => A.save(doc);
