/**
 * The VoID description of the dataset (/.well-known/void, and the service description): its
 * figures and partitions, as counted when the version's dumps were written, its endpoint, every
 * dump, its URI space, examples, vocabularies and its linksets to Wikidata and GeoNames.
 */
import { integer, iri, text, triple, typed } from '../../rdf/build-terms.js';
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Quad } from '../../rdf/terms.js';
import { FILE_KINDS } from './files.js';
import type { DumpManifest } from './dump.js';
import { LINK_TARGETS } from './statistics.js';

const { rdf, void: VOID, dct, foaf, xsd } = STANDARD_PREFIXES;

export interface DistributionNames {
  readonly baseIRI: string;
  /** The dataset's IRI (every thing's void:inDataset). */
  readonly dataset: string;
  readonly sparql: string;
  readonly download: (file: string) => string;
  readonly licence: string;
}

/** The namespace a term belongs to: everything up to its last '#' or '/'. */
function namespaceOf(term: string): string {
  return term.slice(0, Math.max(term.lastIndexOf('#'), term.lastIndexOf('/')) + 1);
}

export function voidDescription(names: DistributionNames, manifest: DumpManifest): Quad[] {
  const { dataset } = names;
  const stats = manifest.statistics;
  const document = dataset.split('#')[0]!;
  const quads: Quad[] = [
    triple(document, `${rdf}type`, `${VOID}DatasetDescription`),
    triple(document, `${foaf}primaryTopic`, dataset),
    triple(dataset, `${rdf}type`, `${VOID}Dataset`),
    triple(dataset, `${dct}title`, text('Données ouvertes liées de CITEGO : fonds documentaire et atlas relationnel', 'fr')),
    triple(dataset, `${dct}title`, text('CITEGO linked open data: document collection and relational atlas', 'en')),
    triple(dataset, `${dct}license`, names.licence),
    triple(dataset, `${dct}modified`, typed(manifest.modified, `${xsd}dateTime`)),
    triple(dataset, `${foaf}homepage`, names.baseIRI),
    triple(dataset, `${VOID}sparqlEndpoint`, names.sparql),
    triple(dataset, `${VOID}uriSpace`, text(new URL('id/', names.baseIRI).href)),
    triple(dataset, `${VOID}rootResource`, new URL('id/scheme/atlas', names.baseIRI).href),
    triple(dataset, `${VOID}feature`, 'http://www.w3.org/ns/formats/N-Triples'),
    triple(dataset, `${VOID}feature`, 'http://www.w3.org/ns/formats/Turtle'),
    triple(dataset, `${VOID}triples`, integer(stats.triples)),
    triple(dataset, `${VOID}entities`, integer(stats.entities)),
    triple(dataset, `${VOID}distinctSubjects`, integer(stats.distinctSubjects)),
    triple(dataset, `${VOID}distinctObjects`, integer(stats.distinctObjects)),
    triple(dataset, `${VOID}classes`, integer(stats.classPartition.length)),
    triple(dataset, `${VOID}properties`, integer(stats.propertyPartition.length)),
  ];
  for (const file of manifest.files) if (FILE_KINDS[file.file] && file.count !== undefined && !file.file.startsWith('csv/')) quads.push(triple(dataset, `${VOID}dataDump`, names.download(file.file)));
  for (const example of stats.exampleResources) quads.push(triple(dataset, `${VOID}exampleResource`, example));
  const vocabularies = new Set([...stats.classPartition.map((c) => namespaceOf(c.class)), ...stats.propertyPartition.map((p) => namespaceOf(p.property))]);
  for (const vocabulary of [...vocabularies].sort()) quads.push(triple(dataset, `${VOID}vocabulary`, iri(vocabulary)));

  stats.classPartition.forEach((partition, index) => {
    const node = `${document}#class-${index + 1}`;
    quads.push(triple(dataset, `${VOID}classPartition`, node), triple(node, `${VOID}class`, partition.class), triple(node, `${VOID}entities`, integer(partition.entities)));
  });
  stats.propertyPartition.forEach((partition, index) => {
    const node = `${document}#property-${index + 1}`;
    quads.push(triple(dataset, `${VOID}propertyPartition`, node), triple(node, `${VOID}property`, partition.property),
      triple(node, `${VOID}triples`, integer(partition.triples)), triple(node, `${VOID}distinctSubjects`, integer(partition.distinctSubjects)));
  });
  for (const target of LINK_TARGETS) {
    const targetNode = `${document}#${target.name}`;
    const linksets = stats.linksets.filter((l) => l.target === target.name);
    if (linksets.length === 0) continue;
    quads.push(triple(targetNode, `${rdf}type`, `${VOID}Dataset`), triple(targetNode, `${dct}title`, text(target.title)), triple(targetNode, `${foaf}homepage`, target.homepage));
    if (target.sparql) quads.push(triple(targetNode, `${VOID}sparqlEndpoint`, target.sparql));
    for (const linkset of linksets) {
      const node = `${document}#links-${target.name}-${linkset.predicate.slice(namespaceOf(linkset.predicate).length)}`;
      quads.push(
        triple(dataset, `${VOID}subset`, node),
        triple(node, `${rdf}type`, `${VOID}Linkset`),
        triple(node, `${VOID}subjectsTarget`, dataset),
        triple(node, `${VOID}objectsTarget`, targetNode),
        triple(node, `${VOID}linkPredicate`, linkset.predicate),
        triple(node, `${VOID}triples`, integer(linkset.triples)),
      );
    }
  }
  return quads;
}
