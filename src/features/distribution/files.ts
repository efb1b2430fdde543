/**
 * What each published file is, for the catalogue, the VoID description, the download page and
 * the answers that send them: the dumps and tables by name, and the data files under sources/,
 * as they were read.
 */
import { formatOfFile, isRdfFile } from '../../rdf/formats.js';
import { SOURCES_DIR } from './dump.js';

export interface FileKind {
  readonly title: string;
  readonly mediaType: string;
  /** The EU file-type authority's code (dumps and tables). */
  readonly fileType?: string;
  readonly gzip?: boolean;
}

/** What each published file is, for the catalogue and the download page. */
export const FILE_KINDS: Readonly<Record<string, FileKind & { fileType: string }>> = {
  'citego.nt.gz': { title: 'N-Triples (gzip)', mediaType: 'application/n-triples', fileType: 'RDF_N_TRIPLES', gzip: true },
  'citego.nq.gz': { title: 'N-Quads (gzip), with the ontology and the shapes in named graphs', mediaType: 'application/n-quads', fileType: 'RDF_N_QUADS', gzip: true },
  'citego.ttl': { title: 'Turtle', mediaType: 'text/turtle', fileType: 'RDF_TURTLE' },
  'citego.jsonld': { title: 'JSON-LD', mediaType: 'application/ld+json', fileType: 'JSON_LD' },
  'csv/documents.csv': { title: 'CSV: documents', mediaType: 'text/csv', fileType: 'CSV' },
  'csv/actors.csv': { title: 'CSV: actors', mediaType: 'text/csv', fileType: 'CSV' },
  'csv/places.csv': { title: 'CSV: places', mediaType: 'text/csv', fileType: 'CSV' },
  'csv/descriptors.csv': { title: 'CSV: descriptors', mediaType: 'text/csv', fileType: 'CSV' },
  'csv/relations.csv': { title: 'CSV: relations', mediaType: 'text/csv', fileType: 'CSV' },
  'csv/csv-metadata.json': { title: 'CSVW metadata of the tables', mediaType: 'application/csvm+json', fileType: 'JSON' },
  'csv/README.md': { title: 'README of the tables', mediaType: 'text/markdown', fileType: 'TXT' },
};

/** What a published file is: a dump or a table (FILE_KINDS), or a data file under sources/, as it was read. */
export function fileKind(file: string): FileKind | undefined {
  if (FILE_KINDS[file]) return FILE_KINDS[file];
  const name = file.startsWith(`${SOURCES_DIR}/`) ? file.slice(SOURCES_DIR.length + 1) : '';
  return name && !name.includes('/') && isRdfFile(name) ? { title: formatOfFile(name).label, mediaType: formatOfFile(name).mediaType } : undefined;
}
