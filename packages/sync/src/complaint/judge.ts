import { isDeepStrictEqual } from "node:util";
import {
  anonymityRefusal,
  type Complainant,
  type ComplaintState,
  foldComplaint,
  isStationCode,
  parseComplainant,
} from "@bangban/domain";
import { type HubAuthority, impostor } from "../hub/authority";
import { complaintInScope, speaksFor } from "../hub/scope";
import { SyncError, type SyncErrorKind } from "../protocol/errors";
import type { ComplaintRecord } from "./complaint-doc";

/** A station's (or, at the district, a street's) push of one complaint, before storing anything. */
export interface ComplaintChange {
  /** The pushing station, or street at its district. */
  siteId: string;
  id: string;
  /** What the hub held, or null for a complaint new to it. */
  before: {
    record: ComplaintRecord;
    state: ComplaintState;
    complainant: Complainant | null;
  } | null;
  /** The hub's copy with the station's document merged in. */
  after: ComplaintRecord;
  /** The complainant the station sent (null: none, or it is not told). */
  complainant: Complainant | null;
}

const refusal = (kind: SyncErrorKind, id: string, zh: string, en: string) =>
  new SyncError({ kind, caseId: id, zh, en });

/**
 * The hub's judgement of one pushed complaint, like a case's (authority.ts): the journal is
 * only appended to; a complaint new to the hub was registered at the pushing station; an
 * existing one is in the station's scope; every new event is by a real active user of that
 * station with that role, and the complaint machine allows it in the state before it; the
 * complainant, fixed at registration, is valid and never replaced, and a station's new
 * complaint carries the anonymous flag that fits it (the flag itself, in the register event,
 * never changes: the append-only check). Returns the refusal or the folded state to store.
 */
export function judgeComplaint(
  c: ComplaintChange,
  a: HubAuthority,
): { refused: SyncError } | { state: ComplaintState } {
  const no = (kind: SyncErrorKind, zh: string, en: string) => ({
    refused: refusal(kind, c.id, `${zh}，已拒收`, en),
  });
  if (c.after.id !== c.id) return no("MALFORMED_BATCH", "投诉编号与文档不符", "id mismatch");
  const rewritten = appendOnly(c);
  if (rewritten) return no("HISTORY_REWRITTEN", "同步数据删除或改写了投诉的历史记录", rewritten);
  if (c.before && !complaintInScope(c.before.state, c.siteId)) {
    return no(
      "NOT_IN_SCOPE",
      "该投诉与本站点无关",
      `complaint ${c.id} is outside the station's scope`,
    );
  }
  const known = new Set(c.before?.record.journal.map((e) => e.id) ?? []);
  for (const e of c.after.journal) {
    if (known.has(e.id)) continue;
    const who = impostor(e, c.siteId, a);
    if (who) {
      return no(
        "FORGED_ACTOR",
        "同步数据中的操作人与街道中心登记的人员、岗位或站点不符",
        `Event ${e.id} ${who}`,
      );
    }
  }
  const { state, refused } = foldComplaint(c.id, c.after.journal);
  if (refused || !state) {
    const why = refused && !refused.error.ok ? refused.error.error : null;
    return no(
      "FORBIDDEN_EVENT",
      why ? `${why.zh}` : "投诉记录为空",
      `Event ${refused?.eventId ?? "-"}: ${why?.en ?? "empty journal"}`,
    );
  }
  if (!c.before && !speaksFor(c.siteId, state.siteId)) {
    return no("NOT_IN_SCOPE", "投诉须由登记它的站点上传", `registered at ${state.siteId}`);
  }
  return complainantRefusal(c, a) ?? anonymityMismatch(c, state) ?? { state };
}

/**
 * A station registers with its complainant beside the document, so its street can check the
 * flag against it; one level up the complainant stays at the street and the flag is its word.
 */
function anonymityMismatch(c: ComplaintChange, state: ComplaintState) {
  if (c.before || !isStationCode(c.siteId)) return null;
  const r = anonymityRefusal(state.register, c.complainant !== null);
  if (!r || r.ok) return null;
  return {
    refused: refusal("INVALID_CASE", c.id, `${r.error.zh}，已拒收`, r.error.en),
  };
}

/** Every entry the hub held stays, unchanged; an id never stands for two events. */
function appendOnly(c: ComplaintChange): string | null {
  const after = new Map<string, string>();
  for (const e of c.after.journal) {
    const key = JSON.stringify(e);
    const seen = after.get(e.id);
    if (seen !== undefined && seen !== key) return `event id ${e.id} recorded twice`;
    after.set(e.id, key);
  }
  for (const e of c.before?.record.journal ?? []) {
    if (after.get(e.id) !== JSON.stringify(e)) return `event ${e.id} was removed or altered`;
  }
  return null;
}

function complainantRefusal(c: ComplaintChange, a: HubAuthority): { refused: SyncError } | null {
  if (!c.complainant) return null;
  if (c.before) {
    if (isDeepStrictEqual(c.before.complainant, c.complainant)) return null;
    return {
      refused: refusal(
        "HISTORY_REWRITTEN",
        c.id,
        "同步数据改写了投诉人信息，已拒收",
        "the complainant is fixed at registration",
      ),
    };
  }
  const r = parseComplainant(c.complainant, a.today);
  if (r.ok) return null;
  return {
    refused: refusal("INVALID_CASE", c.id, `${r.error.zh}（${r.error.field}），已拒收`, r.error.en),
  };
}
