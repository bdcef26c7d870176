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
