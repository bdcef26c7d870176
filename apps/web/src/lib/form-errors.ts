import type { FormInstance } from "antd";
import { type ApiError, apiErrorOf, fieldPath } from "../api/errors";
import type { Lang } from "../i18n/lang";

type Name = (string | number)[];

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
}

/**
 * Puts a server error beside the field it names, when that field is on the form. Returns
 * the error when it could not be placed (the caller shows it above the form).
 * `rename` maps the server's field path to the form's name path (null: not on this form).
 */
export function placeFieldError(
  form: FormInstance,
  e: unknown,
  lang: Lang,
  rename: (field: string) => Name | null = fieldPath,
): ApiError | null {
  const err = apiErrorOf(e);
  const name = err.field ? rename(err.field) : null;
  if (!name) return err;
  return showFieldError(form, name, err[lang] || err.zh) ? null : err;
}

/** Shows a message beside a field and brings it into view; false when the field is not on the form. */
export function showFieldError(form: FormInstance, name: Name, message: string): boolean {
  if (!form.getFieldsError().some((f) => samePath(f.name, name))) return false;
  form.setFields([{ name, errors: [message] }]);
  form.scrollToField(name, { block: "center", focus: true });
  return true;
}
