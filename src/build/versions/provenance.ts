/**
 * The audit trail in PROV, in a named graph of its own (so that the published default graph, its
 * dumps and its counts stay the data alone): each version is a prov:Activity that ended at its
 * time, used the version before it, was carried out by a curator (for a write), and generated or
 * invalidated the things it changed. It is written from the change log, so a store built anew
 * for a reload holds the whole history too.
 */
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { ChangeEntry, VersionRecord } from './change-log.js';

const { prov, rdf, rdfs, xsd, foaf } = STANDARD_PREFIXES;

/** The IRIs of the audit trail, under the base IRI. */
export function provenanceNames(baseIRI: string) {
  return {
    graph: new URL('graph/provenance', baseIRI).href,
    version: (number: number) => new URL(`changes/versions/${number}`, baseIRI).href,
    curator: (name: string) => new URL(`curators/${encodeURIComponent(name)}`, baseIRI).href,
  };
}

function literal(value: string): string {
  return JSON.stringify(value);
}

/** The PROV statements of a version, as N-Triples. */
export function provenanceOf(version: VersionRecord, entries: readonly ChangeEntry[], baseIRI: string): string {
  const names = provenanceNames(baseIRI);
  const activity = `<${names.version(version.number)}>`;
  const lines = [
    `${activity} <${rdf}type> <${prov}Activity> .`,
    `${activity} <${prov}endedAtTime> ${literal(version.at.toISOString())}^^<${xsd}dateTime> .`,
    `${activity} <${rdfs}label> ${literal(version.source === 'files' ? `version ${version.number}: files read again` : `version ${version.number}: written by ${version.agent ?? 'a curator'}`)} .`,
  ];
  if (version.number > 1) lines.push(`${activity} <${prov}used> <${names.version(version.number - 1)}> .`);
  if (version.agent) {
    const agent = `<${names.curator(version.agent)}>`;
    lines.push(`${activity} <${prov}wasAssociatedWith> ${agent} .`, `${agent} <${rdf}type> <${prov}Agent> .`, `${agent} <${foaf}name> ${literal(version.agent)} .`);
  }
  for (const entry of entries) {
    if (entry.thing.startsWith('_:')) continue;
    lines.push(`${activity} <${prov}${entry.action === 'delete' ? 'invalidated' : 'generated'}> <${entry.thing}> .`);
  }
  return `${lines.join('\n')}\n`;
}
