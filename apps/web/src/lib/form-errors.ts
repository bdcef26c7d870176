import type { FormInstance } from "antd";
import type { ApiError } from "../api/errors";
import {
  type FieldName,
  type PlaceOptions,
  placeServerError,
  samePath,
} from "../components/kit/server-error";
import type { Lang } from "../i18n/lang";

/**
 * Puts a server error beside the field it names, when that field is on the form. Returns
 * the error when it could not be placed (the caller shows it above the form).
 */
export function placeFieldError(
  form: FormInstance,
  e: unknown,
  lang: Lang,
  options: PlaceOptions = {},
): ApiError | null {
  const fields = form.getFieldsError().map((f) => f.name);
  const placed = placeServerError(e, lang, fields, options);
  if (placed.kind === "alert") return placed.error;
  showFieldError(form, placed.name, placed.message);
  return null;
}

/** Shows a message beside a field and brings it into view; false when the field is not on the form. */
export function showFieldError(form: FormInstance, name: FieldName, message: string): boolean {
  if (!form.getFieldsError().some((f) => samePath(f.name, name))) return false;
  form.setFields([{ name: [...name], errors: [message] }]);
  form.scrollToField([...name], { block: "center", focus: true });
  return true;
}
