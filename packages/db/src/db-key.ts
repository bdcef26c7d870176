import { readFileSync } from "node:fs";

/** The environment variables that carry the node's storage secret. */
export const DB_KEY_VAR = "BANGBAN_DB_KEY";
export const DB_KEY_FILE_VAR = "BANGBAN_DB_KEY_FILE";

/**
 * Fewer characters than this are refused: the key protects a database of residents' ID
 * numbers and incomes (PIPL Art. 51); `openssl rand -base64 32` gives 44.
 */
export const MIN_DB_KEY_CHARS = 32;

/** Printed by a serving node without a key: fine for development, never for residents' data. */
export const NO_DB_KEY_WARNING = [
  "",
  "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
  `!! WARNING: ${DB_KEY_VAR} / ${DB_KEY_FILE_VAR} not set: the database and the`,
  "!! attachments are stored UNENCRYPTED. Development only; never with real residents' data.",
  `!! 警告：未设置 ${DB_KEY_VAR}，数据库和附件以明文保存，仅限开发环境使用。`,
  "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
  "",
].join("\n");

/**
 * A storage key that is missing, malformed or does not open the database. Carries the
 * variable to fix and a message in Chinese and English, so a node refuses to start with a
 * sentence an operator can act on instead of SQLite's "file is not a database".
 */
export class DbKeyError extends Error {
  readonly code = "DB_KEY";
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${field}: ${en}\n${field}：${zh}`);
    this.name = "DbKeyError";
  }
}

/**
 * The storage secret from `BANGBAN_DB_KEY` or the file `BANGBAN_DB_KEY_FILE` names (one of
 * them; a trailing newline in the file is ignored), or null when neither is set.
 */
export function resolveDbKey(key: string | undefined, file: string | undefined): string | null {
  if (key !== undefined && file !== undefined) {
    throw new DbKeyError(
      DB_KEY_VAR,
      `请只设置 ${DB_KEY_VAR} 或 ${DB_KEY_FILE_VAR} 中的一个`,
      `Set ${DB_KEY_VAR} or ${DB_KEY_FILE_VAR}, not both`,
    );
  }
  if (file !== undefined) return checked(DB_KEY_FILE_VAR, readKeyFile(file));
  if (key !== undefined) return checked(DB_KEY_VAR, key);
  return null;
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/\r?\n$/, "");
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DbKeyError(
      DB_KEY_FILE_VAR,
      `无法读取密钥文件 ${file}：${why}`,
      `Cannot read the key file ${file}: ${why}`,
    );
  }
}

function checked(field: string, key: string): string {
  if (key.length < MIN_DB_KEY_CHARS) {
    throw new DbKeyError(
      field,
      `数据库密钥至少需要 ${MIN_DB_KEY_CHARS} 个字符（可用 openssl rand -base64 32 生成）`,
      `The database key needs at least ${MIN_DB_KEY_CHARS} characters (openssl rand -base64 32)`,
    );
  }
  return key;
}

/** The error a node gets when its key does not open its database file. */
export function wrongDbKey(path: string, keyed: boolean): DbKeyError {
  return keyed
    ? new DbKeyError(
        DB_KEY_VAR,
        `数据库密钥无法打开 ${path}：密钥错误，或该文件不是用此密钥加密的。请检查 ${DB_KEY_VAR} / ${DB_KEY_FILE_VAR}`,
        `The database key does not open ${path}: wrong key, or the file was not encrypted with it. Check ${DB_KEY_VAR} / ${DB_KEY_FILE_VAR}`,
      )
    : new DbKeyError(
        DB_KEY_VAR,
        `数据库文件 ${path} 已加密，请设置 ${DB_KEY_VAR} 或 ${DB_KEY_FILE_VAR}`,
        `The database file ${path} is encrypted: set ${DB_KEY_VAR} or ${DB_KEY_FILE_VAR}`,
      );
}
