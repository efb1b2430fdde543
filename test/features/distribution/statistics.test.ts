/**
 * The dataset's class and property partitions, counted while the dump is read: the counters are
 * found from the one counted before when they can be, and must give what counting every record
 * by its term gives, whatever order the groups list their properties and classes in.
 */
import { describe, expect, it } from 'vitest';
import { recordOf, type SubjectGroup } from '../../../src/features/distribution/canonical.js';
import { StatisticsCollector } from '../../../src/features/distribution/statistics.js';
import { seededRandom } from '../../helpers.js';

const BASE = 'http://example.test/';
const TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const PROPERTIES = ['<http://purl.org/dc/terms/title>', '<http://purl.org/dc/terms/creator>', '<http://purl.org/dc/terms/subject>', '<http://schema.org/name>', '<http://schema.org/about>'];
const CLASSES = ['<http://schema.org/CreativeWork>', '<http://schema.org/Place>', '<http://xmlns.com/foaf/0.1/Document>', `<${BASE}ontology#Sheet>`];

/** Groups of varied kinds: most list the same properties and classes, some skip or add one, in sorted order as the canonical form gives them. */
function groups(count: number): SubjectGroup[] {
  const random = seededRandom(11);
  const result: SubjectGroup[] = [];
  for (let i = 0; i < count; i++) {
    const subject = `<${BASE}id/document/d${String(i).padStart(6, '0')}>`;
    const statements: string[] = [];
    for (const cls of CLASSES) if (random() < 0.7) statements.push(`${subject} ${TYPE} ${cls}`);
    for (const property of PROPERTIES) {
      const values = random() < 0.2 ? 0 : 1 + Math.floor(random() * 3);
      for (let v = 0; v < values; v++) statements.push(`${subject} ${property} "${property.length} ${v} ${i}"`);
    }
    statements.sort();
    result.push({ graph: '', subject, records: statements.map((s) => recordOf(s)) });
  }
  return result;
}

describe('the statistics of a dump', () => {
  it('count each class\'s entities and each property\'s triples and subjects as a count by term does', () => {
    const all = groups(3000);
    const collector = new StatisticsCollector(`${BASE}id/scheme/atlas`, `${BASE}id/`);
    for (const group of all) collector.consume(group);
    const statistics = collector.result(0);

    const entities = new Map<string, number>();
    const triples = new Map<string, number>();
    const subjects = new Map<string, Set<string>>();
    for (const group of all) {
      for (const { predicate, object } of group.records) {
        if (predicate === TYPE) entities.set(object.slice(1, -1), (entities.get(object.slice(1, -1)) ?? 0) + 1);
        const property = predicate.slice(1, -1);
        triples.set(property, (triples.get(property) ?? 0) + 1);
        if (!subjects.has(property)) subjects.set(property, new Set());
        subjects.get(property)!.add(group.subject);
      }
    }
    expect(statistics.classPartition).toEqual([...entities].sort().map(([cls, n]) => ({ class: cls, entities: n })));
    expect(statistics.propertyPartition).toEqual([...triples].sort().map(([property, n]) => ({ property, triples: n, distinctSubjects: subjects.get(property)!.size })));
    expect(statistics.triples).toBe(all.reduce((sum, g) => sum + g.records.length, 0));
    expect(statistics.entities).toBe(all.filter((g) => g.records.some((r) => r.predicate === TYPE)).length);
  });
});
