import { type Check, fail, ok } from "../errors";
import { parseIdNumber } from "./id-number";
import { parsePhone } from "./phone";

/** A person as a case records them: applicant or agent. */
export interface PersonInput {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

/**
 * Letters of any script, combining marks, digits (a typo, not a threat), spaces and the
 * separators real names use (the middle dot of minority and foreign names, hyphen,
 * apostrophe, period). Anything else — markup, control characters — is not a name and must
 * not reach a printed notice. The two middle dots are escaped (· U+00B7, ・ U+30FB) so that
 * the servers' bundles stay ASCII (scripts/build-node.mjs says why).
 */
const NAME = /^[\p{L}\p{M}\p{N}\u00B7\u30FB.\-' ]+$/u;
const NAME_MAX = 50;

export function parsePersonName(input: string, field = "name"): Check<string> {
  const name = input.trim().replace(/\s+/g, " ");
  if (!name) return fail({ code: "REQUIRED", field, zh: "请填写姓名", en: "Name is required" });
  if (name.length > NAME_MAX) {
    return fail({
      code: "OUT_OF_RANGE",
      field,
      zh: `姓名不超过 ${NAME_MAX} 字`,
      en: `Name longer than ${NAME_MAX} characters`,
    });
  }
  if (!NAME.test(name)) {
    return fail({
      code: "INVALID_FORMAT",
      field,
      zh: "姓名只能包含文字、空格和间隔号（·），不能含 < > 等符号",
      en: "A name holds letters, spaces and name separators only",
    });
  }
  return ok(name);
}

/**
 * The one check of a person's fields, used where a case is taken in (the station's intake)
 * and where a case arrives from elsewhere (the hub's trust check): name, ID number (GB
 * 11643, normalised), phone (normalised) and an address of bounded length. Fields are named
 * under `prefix` (`applicant.idNumber`).
 */
export function parsePerson<T extends PersonInput>(p: T, prefix: string, today: string): Check<T> {
  const name = parsePersonName(p.name, `${prefix}.name`);
  if (!name.ok) return name;
  const id = parseIdNumber(p.idNumber, { today, field: `${prefix}.idNumber` });
  if (!id.ok) return id;
  const phone = parsePhone(p.phone, `${prefix}.phone`);
  if (!phone.ok) return phone;
  const address = p.address.trim();
  if (address.length > 200) {
    return fail({
      code: "OUT_OF_RANGE",
      field: `${prefix}.address`,
      zh: "地址不超过 200 字",
      en: "Address longer than 200 characters",
    });
  }
  return ok({
    ...p,
    name: name.value,
    idNumber: id.value.normalized,
    phone: phone.value.normalized,
    address,
  });
}
