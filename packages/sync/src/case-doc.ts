import * as A from "@automerge/automerge";
import type { CaseEvent } from "@bangban/domain";
import { readChangeHeader } from "./change-header";

/**
 * One Automerge document per case: what the case *is* (identity, applicant, agent,
 * attachments, free-text remarks) and everything that *happened* (the journal).
 *
 * Scalars that are never edited character by character are ImmutableString — smaller and
 * faster than collaborative text. Each journal entry is one ImmutableString of JSON: an
 * event is immutable once recorded, so a whole event costs one list insert.
 */
export interface PersonFields {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

export interface AgentFields extends PersonFields {
  relation: string;
}

export interface AttachmentRef {
  hash: string;
  materialCode: string;
  name: string;
  mime: string;
  size: number;
  /** 1-based order of the page within its material (set by capture); display order `page ?? 0`. */
  page?: number;
}

type Imm = A.ImmutableString;
type ImmFields<T> = { [K in keyof T]: T[K] extends string ? Imm : T[K] };

export interface CaseDocShape {
  schema: number;
  caseId: Imm;
  caseNumber: Imm;
  createdAt: Imm;
  applicant: ImmFields<PersonFields>;
  agent: ImmFields<AgentFields> | null;
  attachments: Record<string, ImmFields<AttachmentRef>>;
  /** 备注: free text both sides may edit; concurrent edits merge character by character. */
  remarks: string;
  journal: Imm[];
}

export type CaseDoc = A.Doc<CaseDocShape>;

/** The plain, JSON-safe reading of a case document. */
export interface CaseRecord {
  caseId: string;
  caseNumber: string;
  createdAt: string;
  applicant: PersonFields;
  agent: AgentFields | null;
  attachments: AttachmentRef[];
  remarks: string;
  journal: CaseEvent[];
}

export interface NewCase {
  caseId: string;
  caseNumber: string;
  createdAt: string;
  applicant: PersonFields;
  agent: AgentFields | null;
  intake: CaseEvent;
}

const imm = (s: string) => new A.ImmutableString(s);
const str = (v: unknown) => String(v);

function immFields<T extends object>(o: T): ImmFields<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === "string" ? imm(v) : v;
  return out as ImmFields<T>;
}

function plainFields<T>(o: unknown): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    out[k] = v instanceof A.ImmutableString ? v.toString() : v;
  }
  return out as T;
}

/** Creates a case document; returns it with the one change that created it. */
export function createCaseDoc(
  init: NewCase,
  actorId: string,
): { doc: CaseDoc; change: Uint8Array } {
  const doc = A.change(A.init<CaseDocShape>({ actor: actorId }), { time: 0 }, (d) => {
    d.schema = 1;
    d.caseId = imm(init.caseId);
    d.caseNumber = imm(init.caseNumber);
    d.createdAt = imm(init.createdAt);
    d.applicant = immFields(init.applicant);
    d.agent = init.agent ? immFields(init.agent) : null;
    d.attachments = {};
    d.remarks = "";
    d.journal = [imm(JSON.stringify(init.intake))];
  });
  const change = A.getLastLocalChange(doc);
  if (!change) throw new Error("Automerge produced no change for a new case");
  return { doc, change };
}

/** Mutations a node may make to a case document (each inside one Automerge change). */
export const edits = {
  appendEvent(d: CaseDocShape, e: CaseEvent): void {
    d.journal.push(imm(JSON.stringify(e)));
  },
  setApplicant(d: CaseDocShape, fields: Partial<PersonFields>): void {
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === "string") d.applicant[k as keyof PersonFields] = imm(v);
    }
  },
  addAttachment(d: CaseDocShape, a: AttachmentRef): void {
    d.attachments[a.hash] = immFields(a);
  },
  setRemarks(d: CaseDocShape, text: string): void {
    A.updateText(d, ["remarks"], text);
  },
};

/**
 * Applies `mutate` as one change by this node. Returns the new document and the change's
 * bytes, or `change: null` when the mutation changed nothing.
 */
export function changeCaseDoc(
  doc: CaseDoc,
  mutate: (d: CaseDocShape) => void,
): { doc: CaseDoc; change: Uint8Array | null } {
  // time: 0 keeps changes byte-identical regardless of when they were made; the journal
  // events carry their own time, so Automerge's timestamp would only cost bytes.
  const next = A.change(doc, { time: 0 }, mutate);
  if (next === doc) return { doc, change: null };
  return { doc: next, change: A.getLastLocalChange(next) ?? null };
}

export function readCase(doc: CaseDoc): CaseRecord {
  return {
    caseId: str(doc.caseId),
    caseNumber: str(doc.caseNumber),
    createdAt: str(doc.createdAt),
    applicant: plainFields<PersonFields>(doc.applicant),
    agent: doc.agent ? plainFields<AgentFields>(doc.agent) : null,
    attachments: Object.values(doc.attachments ?? {}).map((a) => plainFields<AttachmentRef>(a)),
    remarks: doc.remarks ?? "",
    journal: readJournal(doc),
  };
}

export function readJournal(doc: CaseDoc): CaseEvent[] {
  return (doc.journal ?? []).map((j) => JSON.parse(j.toString()) as CaseEvent);
}

export interface ChangeMeta {
  hash: string;
  actor: string;
  bytes: Uint8Array;
}

/** Hash and actor of an encoded change, read from its header (throws ChangeFormatError). */
export function changeMeta(bytes: Uint8Array): ChangeMeta {
  const c = readChangeHeader(bytes);
  return { hash: c.hash, actor: c.actor, bytes };
}

/** Frees a document's wasm memory now (bulk work builds many; the collector may come late). */
export function freeCaseDoc(doc: CaseDoc): void {
  A.free(doc);
}
