import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/**
 * The content security policy of the web UI and the API. Vite's build loads its scripts and
 * styles as files from this origin, so scripts are 'self' only, never inline.
 * style-src keeps 'unsafe-inline': antd 6 styles components with CSS-in-JS, which injects
 * <style> elements at run time (with no nonce we could give it); blocking them leaves every
 * screen unstyled. Styles cannot run code, so this does not reopen script injection.
 * img-src: data: and blob: for antd's inline icons and the scans the viewer shows from object
 * URLs (it fetches each scan to tell one not synced yet from a failure).
 * worker-src 'self': pdf.js renders PDF scans in a worker loaded from this origin (a built
 * file, never a blob: URL); named here so that tightening script-src cannot stop it unseen.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The one inline handler of a printable page: its print button (packages/api print/layout). */
const PRINT_HANDLER = "window.print()";

/**
 * The CSP of a printable page: the app's, plus that one handler by hash ('unsafe-hashes'
 * allows exactly this text in an event attribute and nothing else) and its own <style>.
 */
export const PRINT_CSP = APP_CSP.replace(
  "script-src 'self'",
  `script-src 'self' 'unsafe-hashes' 'sha256-${createHash("sha256").update(PRINT_HANDLER).digest("base64")}'`,
);

export interface SecurityHeadersOptions {
  /** Content-Security-Policy for responses that set none themselves (default APP_CSP). */
  csp?: string;
}

/**
 * Browser hardening headers on every response, errors included: the CSP (a route that needs
 * another, like /print, sets its own first), no MIME sniffing, no framing (CSP
 * frame-ancestors, and X-Frame-Options for older browsers), and no Referer, which would
 * carry case ids and query strings to other sites.
 */
export function securityHeaders(opts: SecurityHeadersOptions = {}): MiddlewareHandler {
  const csp = opts.csp ?? APP_CSP;
  return async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    if (!h.has("content-security-policy")) h.set("content-security-policy", csp);
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "no-referrer");
  };
}
