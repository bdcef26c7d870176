import { type ApiError, apiErrorOf, fieldPath } from "../../api/errors";
import type { Lang } from "../../i18n/lang";

/** A form field's name path, as antd's Form names it. */
export type FieldName = readonly (string | number)[];

/** Where a server refusal goes on a form: beside one field, or in the alert above the form. */
export type PlacedError =
  | { kind: "field"; name: FieldName; message: string; error: ApiError }
  | { kind: "alert"; error: ApiError };

export interface PlaceOptions {
  /** The server's dotted field path as the form's name path; null when not on this form. */
  rename?: (field: string) => FieldName | null;
  /** The message as shown beside the field (e.g. without the technical path it starts with). */
  fieldMessage?: (text: string) => string;
}

/** Same path, whatever the server wrote for an index ("0") and the form keeps (0). */
export function samePath(a: FieldName, b: FieldName): boolean {
  return a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
}

/**
 * Decides where whatever was thrown is shown: beside the field the server named when that
 * field is on the form (`fields`: the names the form holds now), otherwise as an alert.
 * Pure, so every form and dialog places errors by the same rule.
 */
export function placeServerError(
  e: unknown,
  lang: Lang,
  fields: readonly FieldName[],
  options: PlaceOptions = {},
): PlacedError {
  const error = apiErrorOf(e);
  const name = error.field ? (options.rename ?? fieldPath)(error.field) : null;
  if (!name || !fields.some((f) => samePath(f, name))) return { kind: "alert", error };
  const text = error[lang] || error.zh;
  return { kind: "field", name, message: options.fieldMessage?.(text) ?? text, error };
}
