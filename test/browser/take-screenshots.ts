/**
 * The screenshots of docs/ shown in the README: the search, the atlas view, the matrix and the
 * network of actors, on the demo data, in Debian's chromium. Run with
 * `npx tsx test/browser/take-screenshots.ts` after a change to those pages.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../helpers.js';
import { startService } from '../service-harness.js';

const BASE = 'http://localhost:3000/';
const SHOTS: readonly (readonly [string, string])[] = [
  ['search.png', `/search?q=jardins&descriptor=${encodeURIComponent(`${BASE}id/descriptor/biens-communs`)}&descriptor=${encodeURIComponent(`${BASE}id/descriptor/agriculture-periurbaine`)}&op=or&ui=fr`],
  ['atlas-view.png', `/atlas/neighbourhood?descriptor=${encodeURIComponent(`${BASE}id/descriptor/biens-communs`)}&radius=2&lang=fr`],
  ['matrix.png', '/atlas?lang=fr'],
  ['actors.png', '/atlas/actors?lang=fr'],
];

const running = await startService();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [file, path] of SHOTS) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await page.goto(`${running.origin}${path}`);
      if (response?.status() !== 503) break;
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ROOT, 'docs', file), fullPage: false });
    console.log(`docs/${file}`);
  }
} finally {
  await browser.close();
  await running.close();
}
