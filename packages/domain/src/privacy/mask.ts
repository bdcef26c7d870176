import { parsePhone, splitLandline } from "../validation/phone";

/**
 * De-identification for screens, paper and logs (DOMAIN.md §8, GB/T 35273-2020 §7.2).
 *
 * Common rule: input that does not have the expected shape is masked completely, with a
 * fixed-length placeholder, so that neither its characters nor its length leak. Empty input
 * (nothing to hide) gives an empty string. Masking never validates: a well-shaped number with a
 * wrong check digit is masked like a valid one.
 */

const STAR = "*";
const stars = (n: number): string => STAR.repeat(Math.max(0, n));

/** Whitespace removed, full-width digits/X made ASCII, lowercase x made X. */
function compact(input: string): string {
  return input
    .replace(/\s+/g, "")
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[x\uFF38\uFF58]/g, "X");
}

/** What {@link maskIdNumber} shows for anything that is not shaped like an 18-character ID. */
export const MASKED_ID_PLACEHOLDER = stars(18);

/**
 * `110105********1234`: first 6 (address code) and last 4 (sequence + check) kept, the 8 birth
 * date digits starred; always 18 characters. Not an 18-character ID shape (including 15-digit
 * legacy numbers) → {@link MASKED_ID_PLACEHOLDER}; empty → "".
 */
export function maskIdNumber(id: string): string {
  const s = compact(id);
  if (s === "") return "";
  if (!/^\d{17}[\dX]$/.test(s)) return MASKED_ID_PLACEHOLDER;
  return `${s.slice(0, 6)}${stars(8)}${s.slice(14)}`;
}

/**
 * Names, counted in characters (not UTF-16 units, so rare characters like 𠮷 count once):
 * 1 → `*`; 2 → `张*`; 3 or more → first and last kept, every middle character starred
 * (`张*明`, `欧**明`, `阿****曼`). Surrounding whitespace is dropped; empty → "".
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (first === undefined || last === undefined) return "";
  if (chars.length === 1) return STAR;
  if (chars.length === 2) return `${first}${STAR}`;
  return `${first}${stars(chars.length - 2)}${last}`;
}

/** What {@link maskPhone} shows for anything that is not a phone number. */
export const MASKED_PHONE_PLACEHOLDER = stars(11);

/**
 * Mobile → `138****5678` (first 3, last 4). Landline → the area code and the end of the local
 * number, so that at most 7 digits show, as for a mobile: 3-digit area codes keep the last 4
 * (`010-****5678`), 4-digit ones the last 3 (`0755-*****678`); an extension is starred whole.
 * Not a phone number → {@link MASKED_PHONE_PLACEHOLDER}; empty → "".
 */
export function maskPhone(phone: string): string {
  if (phone.trim() === "") return "";
  const parsed = parsePhone(phone);
  if (!parsed.ok) return MASKED_PHONE_PLACEHOLDER;
  const n = parsed.value.normalized;
  if (parsed.value.kind === "mobile") return `${n.slice(0, 3)}${stars(4)}${n.slice(7)}`;
  const parts = splitLandline(n);
  if (!parts) return MASKED_PHONE_PLACEHOLDER;
  const keep = 7 - parts.areaCode.length;
  const local = `${stars(parts.local.length - keep)}${parts.local.slice(-keep)}`;
  const ext = parts.extension === undefined ? "" : `-${stars(parts.extension.length)}`;
  return `${parts.areaCode}-${local}${ext}`;
}

/** What {@link maskBankCard} shows for anything that is not a card number. */
export const MASKED_BANK_CARD_PLACEHOLDER = "**** **** **** ****";

/**
 * Only the last 4 digits, always in the same 16-position layout so the card's length does not
 * show: `**** **** **** 1234`. Spaces and hyphens in the input are ignored. Anything that is not
 * 12–19 digits (the card-number lengths in use) → {@link MASKED_BANK_CARD_PLACEHOLDER} — the last
 * four of a short string would reveal too large a share of it. Empty → "".
 */
export function maskBankCard(card: string): string {
  const s = compact(card).replace(/-/g, "");
  if (s === "") return "";
  if (!/^\d{12,19}$/.test(s)) return MASKED_BANK_CARD_PLACEHOLDER;
  return `**** **** **** ${s.slice(-4)}`;
}

/** What {@link maskAddress} puts in place of the hidden part of an address. */
export const MASKED_ADDRESS_TAIL = "****";

/**
 * Region and street/community markers, as the end of the part of an address that may show.
 * `区` after `小` is a housing estate (小区), not a district, so it does not count.
 */
const REGION_MARKER =
  /(省|自治区|市|(?<!小)区|县|旗|盟|州|街道|镇|乡|苏木|社区|居委会|村委会|村|嘎查)/g;

/**
 * Keeps the address up to its street/community level and hides the rest behind
 * {@link MASKED_ADDRESS_TAIL}. Rule: look only at the text before the first digit (ASCII or
 * full-width); keep it up to the end of the last region marker found there (省/市/区/县/街道/
 * 镇/乡/社区/村/居委会/村委会 …); hide everything after. No marker → the whole address is
 * hidden. So `北京市朝阳区建外街道建国路88号院3号楼` → `北京市朝阳区建外街道****`: road names,
 * estates, buildings and house numbers never show. Nothing after the marker → unchanged.
 */
export function maskAddress(address: string): string {
  const s = address.trim();
  if (s === "") return "";
  const firstDigit = s.search(/[0-9\uFF10-\uFF19]/);
  const head = firstDigit === -1 ? s : s.slice(0, firstDigit);
  let keep = 0;
  for (const m of head.matchAll(REGION_MARKER)) keep = m.index + m[0].length;
  return keep === s.length ? s : `${s.slice(0, keep)}${MASKED_ADDRESS_TAIL}`;
}
