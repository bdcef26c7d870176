/** The environment variables that point a node at a libSQL server. */
export const DB_URL_VAR = "BANGBAN_DB";
export const DB_TOKEN_VAR = "BANGBAN_DB_AUTH_TOKEN";

/**
 * A libSQL server (BANGBAN_DB=http(s)://…, libsql://…, ws(s)://…) that cannot be reached or
 * refuses the node's token. Carries the variable to fix and a message in Chinese and English,
 * so a node refuses to start with a sentence an operator can act on instead of drizzle's
 * "Failed query: CREATE TABLE __drizzle_migrations". Never carries the token.
 */
export class DbServerError extends Error {
  readonly code = "DB_SERVER";
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${field}: ${en}\n${field}：${zh}`);
    this.name = "DbServerError";
  }
}

/** The server's address without its query, where a token may ride (`?authToken=`). */
export function serverAddress(url: string): string {
  return url.split("?")[0] ?? url;
}

/**
 * What the first statement sent to a server failed with, as a DbServerError when it is the
 * connection or the token; any other error (an SQL one) is returned as it came.
 */
export function serverFailure(url: string, e: unknown): unknown {
  const at = serverAddress(url);
  const text = `${(e as Error | null)?.message ?? ""} ${String((e as Error | null)?.cause ?? "")}`;
  if (/\b40[13]\b|unauthori[sz]ed|forbidden/i.test(text)) {
    return new DbServerError(
      DB_TOKEN_VAR,
      `libSQL 服务器 ${at} 拒绝了访问令牌，请检查 ${DB_TOKEN_VAR}。`,
      `the libSQL server at ${at} refused the token: check ${DB_TOKEN_VAR}.`,
    );
  }
  const code = (e as { code?: unknown } | null)?.code;
  // fetch's TypeError over HTTP; the client's own code when a WebSocket cannot connect.
  if (e instanceof TypeError || code === "HRANA_WEBSOCKET_ERROR" || code === "ECONNREFUSED") {
    return new DbServerError(
      DB_URL_VAR,
      `无法连接 libSQL 服务器 ${at}（${(e as Error).message}），请检查 ${DB_URL_VAR} 和服务器是否在运行。`,
      `cannot reach the libSQL server at ${at} (${(e as Error).message}): check ${DB_URL_VAR} and that the server runs.`,
    );
  }
  return e;
}
