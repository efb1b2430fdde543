/**
 * XML documents checked against XML schemas by xmllint (Debian's libxml2-utils), the validator
 * the OAI-PMH community uses: the responses are written to files and validated in one run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES } from '../helpers.js';

/** The OAI-PMH, oai_dc and rdf-container schemas: every response of the repository validates against it. */
export const OAI_SCHEMA = join(FIXTURES, 'oai-pmh-rdf', 'all-formats.xsd');

/** xmllint's complaints about the documents ('' when they all validate). */
export async function schemaErrors(documents: readonly string[], schema = OAI_SCHEMA): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'citego-xml-'));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `response-${String(i).padStart(4, '0')}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      await promisify(execFile)('xmllint', ['--noout', '--schema', schema, ...files], { maxBuffer: 64 * 1024 * 1024 });
      return '';
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string };
      if (failure.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils');
      return (failure.stderr ?? String(error)).split('\n').filter((line) => line && !line.endsWith(' validates')).join('\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
