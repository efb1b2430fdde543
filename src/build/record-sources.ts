/**
 * Which data file each record was read from: a record (a thing under /id/ that is the subject of
 * triples) comes from every file that states something about it. The build watches the quads as
 * the validation gate reads them, so the files are not parsed a second time; it keeps only the
 * records' IRIs, a few per thousand triples. Records that name their original page (dct:source)
 * are noted apart: their provenance is that page.
 */
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { QuadSource } from '../validation/compiled-validator.js';

const SOURCE = `${STANDARD_PREFIXES.dct}source`;

export class RecordSources {
  private readonly recordsByFile = new Map<string, Set<string>>();
  private readonly withOriginalPage = new Set<string>();

  constructor(private readonly thingSpace: string) {}

  /** The same source, whose quads are watched as they are read. */
  observe(file: string, source: QuadSource): QuadSource {
    const records = this.recordsByFile.get(file) ?? new Set<string>();
    this.recordsByFile.set(file, records);
    return {
      name: source.name,
      read: (onBatch) => source.read((batch) => {
        let previous = '';
        for (const { subject, predicate } of batch.quads) {
          if (subject.termType !== 'NamedNode' || !subject.value.startsWith(this.thingSpace)) continue;
          if (subject.value !== previous) records.add(subject.value);
          previous = subject.value;
          if (predicate.value === SOURCE) this.withOriginalPage.add(subject.value);
        }
        onBatch(batch);
      }),
    };
  }

  /** The records without an original page, sorted, by the file (its name) they were read from. */
  withoutOriginalPage(): ReadonlyMap<string, readonly string[]> {
    const result = new Map<string, string[]>();
    for (const [file, records] of this.recordsByFile) {
      result.set(file, [...records].filter((record) => !this.withOriginalPage.has(record)).sort());
    }
    return result;
  }
}
