import { type Check, fail, ok } from "../errors";

/** GB/T 22239-2019 level 2 asks for a complexity check; this is ours, stated once. */
export const PASSWORD_RULE = {
  minLength: 8,
  maxLength: 200,
  /** Of lower case, upper case, digits and symbols, at least this many kinds. */
  minClasses: 3,
} as const;

const CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/];

/**
 * Checks a new password: at least 8 characters, at least 3 of lower case, upper case, digit
 * and symbol, and not the user name (in any case, nor reversed). `field` names the form
 * field in the error, so the admin screen and the user's own screen each point at theirs.
 */
export function checkPassword(
  password: string,
  username: string,
  field = "password",
): Check<string> {
  const refuse = (zh: string, en: string) =>
    fail<string>({ code: "INVALID_FORMAT", field, zh, en });
  if (password.length < PASSWORD_RULE.minLength)
    return refuse("密码至少 8 位", `Password needs at least ${PASSWORD_RULE.minLength} characters`);
  if (password.length > PASSWORD_RULE.maxLength)
    return refuse(
      "密码不超过 200 位",
      `Password has at most ${PASSWORD_RULE.maxLength} characters`,
    );
  const kinds = CLASSES.filter((re) => re.test(password)).length;
  if (kinds < PASSWORD_RULE.minClasses)
    return refuse(
      "密码须包含小写字母、大写字母、数字、符号中的至少三种",
      "Password needs at least 3 of: lower case, upper case, digit, symbol",
    );
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && (lower === name || lower === [...name].reverse().join("")))
    return refuse("密码不能与用户名相同", "Password must not be the user name");
  return ok(password);
}
