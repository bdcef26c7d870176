/** Where to go after signing in: only a path on this site, never another origin. */
export function safeReturnPath(from: string | null): string {
  if (!from?.startsWith("/") || from.startsWith("//") || from.startsWith("/login")) return "/";
  return from;
}
