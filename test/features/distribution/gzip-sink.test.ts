/**
 * A gzip dump of many blocks: each block is a gzip member compressed on a thread of its own, the
 * members written in order. The file must read whole, as one text, with Node's zlib and with the
 * system's gzip, and the same text must give the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FileSink } from '../../../src/features/distribution/rdf-writers.js';
import { seededRandom } from '../../helpers.js';

/** About 6 MB of lines (several blocks), written a line at a time, waiting when the sink says so. */
async function written(path: string): Promise<string> {
  const random = seededRandom(3);
  const sink = new FileSink(path, true);
  const lines: string[] = [];
  for (let i = 0; i < 60_000; i++) {
    const line = `<http://example.test/id/document/d${i}> <http://purl.org/dc/terms/title> "Titre ${Math.floor(random() * 1e9)} é ∑ 🌍 ${'x'.repeat(i % 40)}"@fr .\n`;
    lines.push(line);
    sink.write(line);
    if (i % 1000 === 0) await sink.drained();
  }
  await sink.close();
  return lines.join('');
}

describe('a gzip dump written in members', () => {
  it('reads whole with zlib and with gzip, and gives the same bytes for the same text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citego-gzip-'));
    const text = await written(join(dir, 'a.nt.gz'));
    expect(text.length).toBeGreaterThan(5_000_000);
    const bytes = readFileSync(join(dir, 'a.nt.gz'));
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    expect(execFileSync('gzip', ['-dc', join(dir, 'a.nt.gz')], { maxBuffer: 1 << 26 }).toString('utf8')).toBe(text);
    await written(join(dir, 'b.nt.gz'));
    expect(readFileSync(join(dir, 'b.nt.gz')).equals(bytes)).toBe(true);
  });
});
