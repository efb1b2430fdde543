/**
 * Headers that tell browsers what the service's answers may do, set on every answer before any
 * route sees the request (as CORS is): a page may run scripts only from the service's own files
 * (no inline script, no eval), load nothing from elsewhere but images and links, and be framed
 * by no one; no answer is sniffed into another type; a link followed elsewhere carries the origin
 * only. Data blocks (`<script type="application/ld+json">`, the workbench's JSON settings) are
 * not scripts: the policy does not need to allow them.
 *
 * Styles may be inline: the atlas's colours are written on the elements they colour (a style
 * attribute runs nothing).
 */
import type { ServerResponse } from 'node:http';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
}
