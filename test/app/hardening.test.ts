/**
 * What a browser is told on every HTML answer (a Content-Security-Policy that runs no inline
 * script, nosniff, frame-ancestors, Referrer-Policy), that no page holds an inline script to
 * break under that policy, and that no answer, however malformed its request, carries a stack
 * trace or an internal path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../service-harness.js';

let running: RunningService;

beforeAll(async () => {
  running = await startService();
});

afterAll(async () => {
  await running.close();
});

const HTML_ANSWERS = [
  '/?lang=en', '/doc/place/paris.html', '/doc/descriptor/sobriete.html?lang=es', '/browse/place', '/ontology', '/shapes', '/sparql',
  `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 3')}&format=html`, '/nowhere', '/doc/place/nowhere.html', '/browse/unicorns',
];

describe('security headers', () => {
  it.each(HTML_ANSWERS)('are on the HTML answer of %s', async (path) => {
    const response = await fetch(`${running.origin}${path}`, { headers: { Accept: 'text/html' } });
    expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? /default-src ([^;]*)/.exec(policy)?.[1];
    expect(scripts, path).toBe("'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    // No inline script the policy would block: scripts are files, or data blocks that run nothing.
    const html = await response.text();
    for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
      expect(/\bsrc="\/[^"]+"/.test(tag) || /type="application\/(ld\+)?json"/.test(tag), `${path}: ${tag}`).toBe(true);
    }
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('are on every other answer too (a redirect, data, an error)', async () => {
    for (const path of ['/id/place/paris', '/doc/place/paris.ttl', '/sparql?query=nonsense', '/health', '/metrics']) {
      const response = await fetch(`${running.origin}${path}`, { redirect: 'manual' });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe('errors', () => {
  const INTERNAL = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d|\.js:\d|Error:|RuntimeError|wasm/;

  it('never carry a stack trace or an internal path', async () => {
    const requests: [string, RequestInit][] = [
      ['/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: 'SELECT * WHERE { ?s ?p' }],
      ['/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query; charset=latin1' }, body: 'ASK {}' }],
      ['/sparql', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'query=%E0%A4%A' }],
      ['/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: Buffer.from([0xff, 0xfe, 0x00]) }],
      ['/sparql?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D&default-graph-uri=not%20an%20iri', {}],
      ['/sparql', { method: 'DELETE' }],
      ['/doc/place/paris.ttl', { method: 'POST' }],
      ['/browse/place?page=%ZZ', {}],
      ['/browse/%E0%A4%A', {}],
      ['/doc/%E0%A4%A.html', {}],
      ['/id/place/paris?lang=%00', {}],
      ['/sparql?query=SELECT%20(1%2F0%20AS%20%3Fx)%20%7B%7D', {}],
      [`/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, "(")) }')}`, {}],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${running.origin}${path}`, { redirect: 'manual', ...init });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBeLessThan(500);
      expect(text, path).not.toMatch(INTERNAL);
    }
  });
});
