import { createHash, randomBytes } from "node:crypto";
import { normaliseEnrolmentCode } from "../router/sync";

/** Letters and digits a person reads and types without confusion: no 0/O, 1/I/L. */
export const ENROLMENT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A new one-time enrolment code, e.g. `7KQ2-MXPA-93RT-HC4W`: 16 characters from a 31-letter
 * alphabet (about 79 bits), drawn from the system's cryptographic random source by
 * rejection sampling, so every letter is equally likely.
 */
export function newEnrolmentCode(): string {
  const chars: string[] = [];
  const limit = 256 - (256 % ENROLMENT_ALPHABET.length);
  while (chars.length < GROUPS * GROUP_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte >= limit || chars.length === GROUPS * GROUP_LENGTH) continue;
      chars.push(ENROLMENT_ALPHABET[byte % ENROLMENT_ALPHABET.length] as string);
    }
  }
  const groups = Array.from({ length: GROUPS }, (_, g) =>
    chars.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH).join(""),
  );
  return groups.join("-");
}

/**
 * What the hub stores for a code: the sha256 of the normalised code, lowercase hex — what
 * `sync.enrol` looks up when a station redeems it.
 */
export function hashEnrolmentCode(typed: string): string {
  return createHash("sha256").update(normaliseEnrolmentCode(typed)).digest("hex");
}
