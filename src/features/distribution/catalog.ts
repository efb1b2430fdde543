/**
 * The DCAT-AP 3 catalogue (/catalog) that open-data portals harvest: the catalogue, the dataset
 * (identifier, titles, description, publisher, contact point, themes, keywords, spatial and
 * temporal coverage computed from the data, dates), one distribution per dump (download URL,
 * format, media type, compression, byte size, SHA-256 checksum, licence) and the SPARQL endpoint
 * as a data service. Every referenced thing is typed and named, as the DCAT-AP shapes require.
 */
import { text, triple, typed } from '../../rdf/build-terms.js';
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Quad } from '../../rdf/terms.js';
import type { DumpFile, DumpManifest } from './dump.js';
import { FILE_KINDS } from './files.js';
import type { DistributionNames } from './void.js';

const { rdf, dct, dcat, foaf, skos, xsd } = STANDARD_PREFIXES;
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const SPDX = 'http://spdx.org/rdf/terms#';
const EU = 'http://publications.europa.eu/resource/authority/';
const GSP = 'http://www.opengis.net/ont/geosparql#';
const IANA = 'https://www.iana.org/assignments/media-types/';

/** Extra prefixes the catalogue's documents declare. */
export const CATALOG_PREFIXES = { vcard: VCARD, spdx: SPDX, gsp: GSP, filetype: `${EU}file-type/`, theme: `${EU}data-theme/` } as const;

/** EU data themes of the dataset, with their English labels. */
const THEMES: readonly (readonly [string, string])[] = [['SOCI', 'Population and society'], ['GOVE', 'Government and public sector'], ['REGI', 'Regions and cities']];

export interface CatalogContext {
  readonly names: DistributionNames;
  readonly licenceTitle: string;
  readonly manifest: DumpManifest;
}

const date = (value: string) => typed(value, value.includes('T') ? `${xsd}dateTime` : /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${xsd}date` : /^\d{4}-\d{2}$/.test(value) ? `${xsd}gYearMonth` : `${xsd}gYear`);

function distribution(context: CatalogContext, file: DumpFile, index: number, node: string): Quad[] {
  const { names, manifest } = context;
  const kind = FILE_KINDS[file.file]!;
  const checksum = `${node}-checksum`;
  const mediaType = `${IANA}${kind.mediaType}`;
  const fileType = `${EU}file-type/${kind.fileType}`;
  const quads = [
    triple(node, `${rdf}type`, `${dcat}Distribution`),
    triple(node, `${dct}identifier`, text(`${index}`)),
    triple(node, `${dct}title`, text(kind.title, 'en')),
    triple(node, `${dcat}accessURL`, names.download('')),
    triple(node, `${dcat}downloadURL`, names.download(file.file)),
    triple(node, `${dcat}mediaType`, mediaType),
    triple(mediaType, `${rdf}type`, `${dct}MediaType`),
    triple(node, `${dct}format`, fileType),
    triple(fileType, `${rdf}type`, `${dct}MediaTypeOrExtent`),
    triple(node, `${dcat}byteSize`, typed(file.bytes, `${xsd}nonNegativeInteger`)),
    triple(node, `${dct}license`, names.licence),
    triple(node, `${dct}modified`, date(manifest.modified)),
    triple(node, `${SPDX}checksum`, checksum),
    triple(checksum, `${rdf}type`, `${SPDX}Checksum`),
    triple(checksum, `${SPDX}algorithm`, `${SPDX}checksumAlgorithm_sha256`),
    triple(`${SPDX}checksumAlgorithm_sha256`, `${rdf}type`, `${SPDX}ChecksumAlgorithm`),
    triple(checksum, `${SPDX}checksumValue`, typed(file.sha256, `${xsd}hexBinary`)),
  ];
  if (kind.gzip) {
    quads.push(triple(node, `${dcat}compressFormat`, `${IANA}application/gzip`), triple(`${IANA}application/gzip`, `${rdf}type`, `${dct}MediaType`));
  }
  return quads;
}

export function catalogDescription(context: CatalogContext): Quad[] {
  const { names, manifest } = context;
  const stats = manifest.statistics;
  const document = new URL('catalog', names.baseIRI).href;
  const catalog = `${document}#catalog`;
  const { dataset } = names;
  const publisher = `${document}#publisher`;
  const contact = `${document}#contact`;
  const service = names.sparql;
  const landing = names.download('');
  const quads: Quad[] = [
    triple(catalog, `${rdf}type`, `${dcat}Catalog`),
    triple(catalog, `${dct}title`, text('Catalogue des données ouvertes de CITEGO', 'fr')),
    triple(catalog, `${dct}title`, text('CITEGO open data catalogue', 'en')),
    triple(catalog, `${dct}description`, text('Les données du fonds documentaire et de l\'atlas relationnel de CITEGO (Cités, territoires, gouvernance), en téléchargement et par un point d\'accès SPARQL.', 'fr')),
    triple(catalog, `${dct}description`, text('The data of CITEGO\'s document collection and relational atlas (Cities, territories, governance), as downloads and through a SPARQL endpoint.', 'en')),
    triple(catalog, `${dct}publisher`, publisher),
    triple(catalog, `${foaf}homepage`, names.baseIRI),
    triple(names.baseIRI, `${rdf}type`, `${foaf}Document`),
    triple(catalog, `${dct}license`, names.licence),
    triple(catalog, `${dct}modified`, date(manifest.modified)),
    triple(catalog, `${dct}language`, `${EU}language/FRA`),
    triple(`${EU}language/FRA`, `${rdf}type`, `${dct}LinguisticSystem`),
    triple(catalog, `${dcat}dataset`, dataset),
    triple(catalog, `${dcat}service`, service),

    triple(publisher, `${rdf}type`, `${foaf}Agent`),
    triple(publisher, `${rdf}type`, `${foaf}Organization`),
    triple(publisher, `${foaf}name`, text('CITEGO')),
    triple(publisher, `${foaf}homepage`, 'https://www.citego.org/'),
    triple(contact, `${rdf}type`, `${VCARD}Organization`),
    triple(contact, `${rdf}type`, `${VCARD}Kind`),
    triple(contact, `${VCARD}fn`, text('CITEGO')),
    triple(contact, `${VCARD}hasURL`, 'https://www.citego.org/'),
    triple(names.licence, `${rdf}type`, `${dct}LicenseDocument`),
    triple(names.licence, `${dct}title`, text(context.licenceTitle)),

    triple(dataset, `${rdf}type`, `${dcat}Dataset`),
    triple(dataset, `${dct}identifier`, text(dataset)),
    triple(dataset, `${dct}title`, text('Fonds documentaire et atlas relationnel de CITEGO', 'fr')),
    triple(dataset, `${dct}title`, text('CITEGO document collection and relational atlas', 'en')),
    triple(dataset, `${dct}description`, text('Fiches d\'expérience, analyses, propositions et fiches de ressources sur la gouvernance territoriale, leurs auteurs, partenaires, lieux et dossiers, et l\'atlas relationnel (un thésaurus SKOS) qui les indexe.', 'fr')),
    triple(dataset, `${dct}description`, text('Experience records, analyses, proposals and resource sheets on territorial governance, their authors, partners, places and dossiers, and the relational atlas (a SKOS thesaurus) that indexes them.', 'en')),
    triple(dataset, `${dct}publisher`, publisher),
    triple(dataset, `${dcat}contactPoint`, contact),
    triple(dataset, `${dct}modified`, date(manifest.modified)),
    triple(dataset, `${dcat}landingPage`, landing),
    triple(landing, `${rdf}type`, `${foaf}Document`),
    triple(dataset, `${dct}language`, `${EU}language/FRA`),
    triple(dataset, `${dct}conformsTo`, new URL('ontology', names.baseIRI).href),
    triple(new URL('ontology', names.baseIRI).href, `${rdf}type`, `${dct}Standard`),
    triple(dataset, `${dct}accessRights`, `${EU}access-right/PUBLIC`),
    triple(`${EU}access-right/PUBLIC`, `${rdf}type`, `${dct}RightsStatement`),
  ];
  for (const [code, label] of THEMES) {
    const theme = `${EU}data-theme/${code}`;
    quads.push(triple(dataset, `${dcat}theme`, theme), triple(theme, `${rdf}type`, `${skos}Concept`), triple(theme, `${skos}prefLabel`, text(label, 'en')),
      triple(theme, `${skos}inScheme`, `${EU}data-theme`));
  }
  quads.push(triple(`${EU}data-theme`, `${rdf}type`, `${skos}ConceptScheme`), triple(`${EU}data-theme`, `${dct}title`, text('Data theme', 'en')));
  for (const concept of stats.topConcepts) {
    for (const [language, label] of Object.entries(concept.labels)) if (language) quads.push(triple(dataset, `${dcat}keyword`, text(label, language)));
  }
  if (stats.temporal) {
    const period = `${document}#period`;
    quads.push(triple(dataset, `${dct}temporal`, period), triple(period, `${rdf}type`, `${dct}PeriodOfTime`),
      triple(period, `${dcat}startDate`, date(stats.temporal.start)), triple(period, `${dcat}endDate`, date(stats.temporal.end)));
    quads.push(triple(dataset, `${dct}issued`, date(stats.temporal.start)));
  }
  if (stats.spatial) {
    const { west, south, east, north } = stats.spatial;
    const area = `${document}#coverage`;
    const wkt = `POLYGON((${west} ${south},${east} ${south},${east} ${north},${west} ${north},${west} ${south}))`;
    quads.push(triple(dataset, `${dct}spatial`, area), triple(area, `${rdf}type`, `${dct}Location`),
      triple(area, `${dcat}bbox`, typed(wkt, `${GSP}wktLiteral`)),
      triple(area, `${dcat}centroid`, typed(`POINT(${(west + east) / 2} ${(south + north) / 2})`, `${GSP}wktLiteral`)));
  }
  manifest.files.filter((f) => FILE_KINDS[f.file]).forEach((file, index) => {
    const node = `${document}#distribution-${file.file.replace(/[^A-Za-z0-9]+/g, '-')}`;
    quads.push(triple(dataset, `${dcat}distribution`, node), ...distribution(context, file, index + 1, node));
  });
  const endpoint = `${document}#distribution-sparql`;
  quads.push(
    triple(dataset, `${dcat}distribution`, endpoint),
    triple(endpoint, `${rdf}type`, `${dcat}Distribution`),
    triple(endpoint, `${dct}title`, text('SPARQL endpoint', 'en')),
    triple(endpoint, `${dcat}accessURL`, service),
    triple(endpoint, `${dcat}accessService`, service),
    triple(endpoint, `${dct}license`, names.licence),
    triple(service, `${rdf}type`, `${dcat}DataService`),
    triple(service, `${dct}title`, text('Point d\'accès SPARQL de CITEGO', 'fr')),
    triple(service, `${dct}title`, text('CITEGO SPARQL endpoint', 'en')),
    triple(service, `${dcat}endpointURL`, service),
    // The endpoint answers a bare GET with its SPARQL service description.
    triple(service, `${rdf}type`, `${STANDARD_PREFIXES.rdfs}Resource`),
    triple(service, `${dcat}endpointDescription`, service),
    triple(service, `${dcat}servesDataset`, dataset),
    triple(service, `${dct}conformsTo`, 'https://www.w3.org/TR/sparql11-protocol/'),
    triple('https://www.w3.org/TR/sparql11-protocol/', `${rdf}type`, `${dct}Standard`),
    triple(service, `${dct}license`, names.licence),
    triple(service, `${dct}publisher`, publisher),
  );
  return quads;
}
