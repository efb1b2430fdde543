/**
 * The example queries of sparql/examples/: each an annotated .rq file, its title and explanation
 * in French, English and Spanish in its first comment lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryForm, type QueryForm } from '../../queries/query-form.js';

export interface ExampleQuery {
  /** The file name without .rq, stable: it is used in links. */
  readonly id: string;
  readonly title: Readonly<Record<'fr' | 'en' | 'es', string>>;
  readonly description: Readonly<Record<'fr' | 'en' | 'es', string>>;
  /** The query as written, relative IRIs included, without its annotation lines. */
  readonly text: string;
  readonly form: QueryForm;
  /** Whether it joins remote endpoints with SERVICE. */
  readonly federated: boolean;
}

const ANNOTATION = /^#\s*(title|description)@(fr|en|es):\s*(.+)$/;

export function readExample(file: string): ExampleQuery {
  const source = readFileSync(file, 'utf8');
  const fields: Record<string, string> = {};
  const lines = source.split('\n');
  let first = 0;
  for (; first < lines.length; first++) {
    const match = ANNOTATION.exec(lines[first]!);
    if (!match) break;
    fields[`${match[1]}@${match[2]}`] = match[3]!.trim();
  }
  for (const field of ['title@fr', 'title@en', 'title@es', 'description@fr', 'description@en', 'description@es']) {
    if (!fields[field]) throw new Error(`${file}: the example has no "# ${field}:" line`);
  }
  const text = lines.slice(first).join('\n').trim();
  return {
    id: file.replace(/^.*\//, '').replace(/\.rq$/, ''),
    title: { fr: fields['title@fr']!, en: fields['title@en']!, es: fields['title@es']! },
    description: { fr: fields['description@fr']!, en: fields['description@en']!, es: fields['description@es']! },
    text,
    form: queryForm(text),
    federated: /\bSERVICE\b/i.test(text),
  };
}

export function readExamples(dir: string): ExampleQuery[] {
  return readdirSync(dir).filter((name) => name.endsWith('.rq')).sort().map((name) => readExample(join(dir, name)));
}

/** The query with a BASE declaration, so that its relative IRIs mean the same on any endpoint. */
export function withBase(example: ExampleQuery, baseIRI: string): string {
  return `BASE <${baseIRI}>\n${example.text}\n`;
}
