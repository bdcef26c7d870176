/** What the bench and a peer process (peer-node.ts) say to each other over IPC. */
export interface PeerDoc {
  /** automerge-repo document id. */
  id: string;
  /** The heads the document should reach (hex, as Automerge gives them). */
  heads: string[];
}

export type PeerCommand =
  | { op: "connect"; url: string }
  | { op: "open"; ids: string[] }
  | { op: "expect"; docs: PeerDoc[]; timeoutMs: number }
  | { op: "fetch"; docs: PeerDoc[]; timeoutMs: number }
  | { op: "confirm"; docs: PeerDoc[]; timeoutMs: number }
  | { op: "change"; id: string; phone: string }
  | { op: "evict"; ids: string[] }
  | { op: "stop" };

export interface PeerReply {
  ok: boolean;
  error?: string;
  reached?: number;
  failed?: string[];
  heads?: string[];
  cached?: number;
}
