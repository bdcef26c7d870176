import { type Check, fail, ok } from "../errors";
import { parseIdNumber } from "../validation/id-number";
import { parsePersonName } from "../validation/person";
import { parsePhone } from "../validation/phone";

/**
 * Who complained. Kept out of the complaint's journal and document (a separate record that
 * only the registering node and the hub hold): the staff complained about must never see it
 * (DOMAIN.md §6, §8), and a document's history cannot be redacted once it has travelled.
 */
export interface Complainant {
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
}

/** Checks a complainant's fields (named under `complainant.`), normalising phone and ID. */
export function parseComplainant(c: Complainant, today: string): Check<Complainant> {
  const name = parsePersonName(c.name, "complainant.name");
  if (!name.ok) return name;
  const phone = parsePhone(c.phone, "complainant.phone");
  if (!phone.ok) return phone;
  const out: Complainant = { name: name.value, phone: phone.value.normalized };
  if (c.idNumber?.trim()) {
    const id = parseIdNumber(c.idNumber, { today, field: "complainant.idNumber" });
    if (!id.ok) return id;
    out.idNumber = id.value.normalized;
  }
  const address = c.address?.trim();
  if (address) {
    if (address.length > 200) {
      return fail({
        code: "OUT_OF_RANGE",
        field: "complainant.address",
        zh: "住址不超过 200 字",
        en: "Address longer than 200 characters",
      });
    }
    out.address = address;
  }
  return ok(out);
}

/** How a complainant is shown on a ledger row, wherever it is shown (screen or export). */
export type ComplainantShown =
  | { kind: "masked"; text: string }
  | { kind: "hidden" }
  | { kind: "anonymous" }
  | { kind: "keptAtStreet" };

/** The node whose ledger shows the complaint. */
export interface ComplaintViewingNode {
  siteId: string;
  siteKind: string;
}

/**
 * 李*（139****5678）; 已隐藏 for the staff complained about; 匿名 when registered without one.
 * A node holds the complainants of what it (or, a street, its stations) registered; on any
 * other — the district, or a street shown another street's complaint about its site — a
 * complaint without one is 街道留存 (kept where it was registered) unless its flag, fixed at
 * registration, says it was anonymous. A document older than the flag (`anonymous: null`)
 * cannot tell, so it is 街道留存 there too. Without a node (not known yet): 匿名.
 */
export function complainantShown(
  row: {
    complainant: { nameMasked: string; phoneMasked: string } | null;
    complainantHidden: boolean;
    siteId: string;
    anonymous: boolean | null;
  },
  node?: ComplaintViewingNode,
): ComplainantShown {
  if (row.complainantHidden) return { kind: "hidden" };
  if (row.complainant) {
    return {
      kind: "masked",
      text: `${row.complainant.nameMasked}（${row.complainant.phoneMasked}）`,
    };
  }
  if (row.anonymous === true || !node || registeredAt(row.siteId, node))
    return { kind: "anonymous" };
  return { kind: "keptAtStreet" };
}

/** Registered at the node itself or (a street hub) at one of its stations. */
function registeredAt(siteId: string, node: ComplaintViewingNode): boolean {
  if (siteId === node.siteId) return true;
  return node.siteKind === "center" && siteId.startsWith(node.siteId);
}

/** The words an export prints for a complainant shown without a name. */
export const complainantShownZh = {
  hidden: "已隐藏",
  anonymous: "匿名",
  keptAtStreet: "街道留存",
} as const;
