/**
 * The one error type of the domain. Every rule that refuses something says which
 * field, a stable machine code, and a message a person can act on in Chinese and English.
 */
export type DomainErrorCode =
  | "INVALID_FORMAT"
  | "INVALID_CHECKSUM"
  | "INVALID_DATE"
  | "FUTURE_DATE"
  | "LEGACY_ID_NUMBER"
  | "REQUIRED"
  | "OUT_OF_RANGE"
  | "NOT_ALLOWED"
  | "INVALID_TRANSITION"
  | "MATERIALS_OUTSTANDING"
  | "NOT_ELIGIBLE"
  | "DUPLICATE"
  | "CONFIG";

export interface DomainErrorInit {
  code: DomainErrorCode;
  /** Dotted path of the offending input field, e.g. `applicant.idNumber`. */
  field: string;
  zh: string;
  en: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field: string;
  readonly zh: string;
  readonly en: string;

  constructor(init: DomainErrorInit) {
    super(`${init.field}: ${init.en}`);
    this.name = "DomainError";
    this.code = init.code;
    this.field = init.field;
    this.zh = init.zh;
    this.en = init.en;
  }

  toJSON(): DomainErrorInit {
    return { code: this.code, field: this.field, zh: this.zh, en: this.en };
  }
}

/** A result for checks that are expected to fail often (form input), without throwing. */
export type Check<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = <T = never>(init: DomainErrorInit): Check<T> => ({
  ok: false,
  error: new DomainError(init),
});

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
