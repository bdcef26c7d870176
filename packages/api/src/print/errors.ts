/**
 * Thrown when a document cannot be printed from the input given: says which input field is
 * missing or empty and, in Chinese, what to do about it.
 */
export class PrintInputError extends Error {
  /** Dotted path of the offending input, e.g. `input.notice` or `case.deferred`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "PrintInputError";
    this.field = field;
  }
}
