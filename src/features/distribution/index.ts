/**
 * Distribution: the whole dataset for reusers and portals. The dumps of each version (N-Triples
 * and N-Quads gzip, Turtle, JSON-LD, CSV tables with their CSVW metadata and README) at stable
 * URLs under /download/, listed with their size, count, SHA-256 and date on the /download page;
 * the DCAT-AP 3 catalogue at /catalog; the VoID description at /.well-known/void and in the
 * SPARQL service description, with the named graphs of the model. Everything is written once per
 * version of the data, in a worker thread, and served from disk with ranges and validators.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ReadyStatus } from '../../build/state.js';
import { datasetIri } from '../../build/materialise.js';
import { modelGraphs } from '../../build/build.js';
import { sendFile } from '../../http/file.js';
import { negotiateFormat, negotiateLanguage } from '../../http/negotiation.js';
import { sendNotFound } from '../../http/not-found.js';
import { sendPlainText, sendStillLoading } from '../../http/plain-text.js';
import { addVary, Representation, sendRepresentation } from '../../http/representation.js';
import { formatByExtension, FORMATS, type GraphFormat } from '../../rdf/formats.js';
import { iri, triple } from '../../rdf/build-terms.js';
import { allPrefixes, STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Quad } from '../../rdf/terms.js';
import { writeGraph } from '../../rdf/write.js';
import { setFooterLicence } from '../../web/layout.js';
import type { Feature, FeatureContext } from '../feature.js';
import { CATALOG_PREFIXES, catalogDescription } from './catalog.js';
import { fileKind } from './files.js';
import { downloadPage } from './download-page.js';
import { Dumps, type DumpsStatus } from './dumps.js';
import { voidDescription, type DistributionNames } from './void.js';

const { rdf, sd, dct } = STANDARD_PREFIXES;
const DOWNLOAD = '/download';
const CATALOG = '/catalog';
const VOID_PATH = '/.well-known/void';
/** Turtle first: what a browser (which accepts any type) gets from a document meant for programs. */
const DOCUMENT_FORMATS: readonly GraphFormat[] = [FORMATS.turtle, FORMATS.jsonld, FORMATS.ntriples, FORMATS.rdfxml];

export function distribution(context: FeatureContext): Feature {
  const { config, state } = context;
  const baseIRI = config.baseIRI;
  const names: DistributionNames = {
    baseIRI,
    dataset: datasetIri(baseIRI),
    sparql: new URL('sparql', baseIRI).href,
    download: (file) => new URL(`download${file ? `/${file}` : ''}`, baseIRI).href,
    licence: config.dataLicence.iri,
  };
  setFooterLicence({ title: config.dataLicence.title, iri: config.dataLicence.iri, downloadPath: DOWNLOAD });
  const dumps = new Dumps({
    root: config.dumpDir, baseIRI, dataset: names.dataset, licence: config.dataLicence, queries: context.queries,
    publishedGraph: (version) => state.publisher?.publishedGraph(version),
  });
  const prefixes = { ...allPrefixes(baseIRI), ...CATALOG_PREFIXES };
  const documents = new Map<string, Promise<Representation>>();

  /** The dumps once the data is ready, starting them on a new version. */
  const dumpsOf = (): { ready: ReadyStatus; dumps: DumpsStatus } | undefined => {
    const status = state.status;
    return status.phase === 'ready' ? { ready: status, dumps: dumps.of(status) } : undefined;
  };
  // Each new version's dumps are written as soon as it is published, not on the first request.
  const watcher = setInterval(() => { dumpsOf(); }, 1000);
  watcher.unref();

  const sendGraphDocument = (req: IncomingMessage, res: ServerResponse, path: string, base: string, quadsOf: (s: Extract<DumpsStatus, { phase: 'ready' }>, ready: ReadyStatus) => Quad[]) => {
    let format: GraphFormat | undefined;
    if (path === base) {
      addVary(res, 'Accept');
      // A browser following a link from a page (text/html only) is shown the Turtle text.
      format = negotiateFormat(req.headers.accept, DOCUMENT_FORMATS)?.format ?? (/text\/html/.test(req.headers.accept ?? '') ? FORMATS.turtle : undefined);
      if (!format) {
        sendPlainText(res, 406, `${base} is available as ${DOCUMENT_FORMATS.map((f) => f.mediaType).join(', ')}.`);
        return;
      }
    } else {
      format = formatByExtension(path.slice(base.length + 1), DOCUMENT_FORMATS);
      if (!format) return void sendNotFoundHere(req, res);
    }
    const current = dumpsOf();
    if (!current) return void sendStillLoading(res);
    if (current.dumps.phase !== 'ready') return void sendStillLoading(res, 'The figures of this version of the data are being counted; try again in a few seconds.');
    const ready = current.dumps;
    const key = `${ready.version} ${base} ${format.name}`;
    let representation = documents.get(key);
    if (!representation) {
      for (const old of documents.keys()) if (!old.startsWith(`${ready.version} `)) documents.delete(old);
      const chosen = format;
      representation = writeGraph(quadsOf(ready, current.ready), chosen, { prefixes }).then((body) => new Representation(body, `${chosen.mediaType}; charset=utf-8`, {
        cacheControl: 'public, max-age=3600',
        lastModified: new Date(ready.manifest.modified),
        headers: { Link: DOCUMENT_FORMATS.filter((f) => f !== chosen).map((f) => `<${base}.${f.extensions[0]}>; rel="alternate"; type="${f.mediaType}"`).join(', ') },
      }));
      documents.set(key, representation);
    }
    if (path === base) res.setHeader('Content-Location', `${base}.${format.extensions[0]}`);
    representation.then((r) => sendRepresentation(req, res, r), (error: Error) => {
      console.error(`error writing ${path}:`, error);
      sendPlainText(res, 500, 'internal error');
    });
  };

  const sendNotFoundHere = (req: IncomingMessage, res: ServerResponse) => sendNotFound(req, res, {
    address: new URL((req.url ?? '/').slice(1), baseIRI).href,
    language: negotiateLanguage(req, new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('lang')),
  }).catch(() => res.destroy());

  const sendDump = (req: IncomingMessage, res: ServerResponse, file: string) => {
    const current = dumpsOf();
    if (!current) return void sendStillLoading(res);
    const entry = current.dumps.phase === 'ready' ? current.dumps.manifest.files.find((f) => f.file === file) : undefined;
    const kind = fileKind(file);
    if (!kind || (current.dumps.phase === 'ready' && !entry)) return void sendNotFoundHere(req, res);
    if (current.dumps.phase !== 'ready' || !entry) {
      return void sendStillLoading(res, current.dumps.phase === 'failed' ? 'The dumps of this version could not be written; the service logs say why.'
        : 'The dumps of this version of the data are being written; try again in a few seconds (progress at /download).');
    }
    void sendFile(req, res, {
      path: join(current.dumps.dir, file),
      size: entry.bytes,
      mediaType: kind.gzip ? 'application/gzip' : `${kind.mediaType}; charset=utf-8`,
      etag: `"sha256-${entry.sha256.slice(0, 32)}"`,
      lastModified: new Date(current.dumps.manifest.modified),
      cacheControl: 'public, max-age=3600',
      compressible: !kind.gzip,
      headers: {
        'Content-Disposition': `attachment; filename="${file.split('/').pop()}"`,
        Digest: `sha-256=${Buffer.from(entry.sha256, 'hex').toString('base64')}`,
        Link: `<${config.dataLicence.iri}>; rel="license"`,
      },
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const [path = '', search = ''] = (req.url ?? '').split('?');
    const ours = path === DOWNLOAD || path.startsWith(`${DOWNLOAD}/`) || path === CATALOG || path.startsWith(`${CATALOG}.`) || path === VOID_PATH;
    if (!ours) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendPlainText(res, 405, `${path} is read with GET or HEAD, not ${req.method}.`, { Allow: 'GET, HEAD, OPTIONS' });
      return true;
    }
    if (path === DOWNLOAD) {
      const language = negotiateLanguage(req, new URLSearchParams(search).get('lang'));
      addVary(res, 'Accept-Language');
      const current = dumpsOf();
      if (!current) sendStillLoading(res);
      else sendRepresentation(req, res, downloadPage({ dumps: current.dumps, language, licence: config.dataLicence, download: DOWNLOAD }));
    } else if (path.startsWith(`${DOWNLOAD}/`)) {
      sendDump(req, res, decodeURIComponent(path.slice(DOWNLOAD.length + 1)));
    } else if (path === VOID_PATH) {
      sendGraphDocument(req, res, path, VOID_PATH, (ready) => voidDescription(names, ready.manifest));
    } else {
      sendGraphDocument(req, res, path, CATALOG, (ready) => catalogDescription({ names, licenceTitle: config.dataLicence.title, manifest: ready.manifest }));
    }
    return true;
  };

  const graphs = modelGraphs(baseIRI);
  return {
    name: 'distribution',
    handle,
    cards: [
      { path: DOWNLOAD, text: (t) => t.distribution.card },
      { path: CATALOG, text: (t) => t.distribution.catalogCard },
      { path: VOID_PATH, text: (t) => t.distribution.voidCard },
    ],
    serviceDescription: (described, ready) => {
      const quads: Quad[] = [
        triple(described.dataset, `${dct}license`, config.dataLicence.iri),
        triple(described.dataset, `${STANDARD_PREFIXES.rdfs}seeAlso`, names.dataset),
      ];
      // The model beside the data: each in a named graph, as the endpoint serves them.
      for (const [name, graph] of Object.entries(graphs)) {
        const node = `${described.service}#${name}-graph`;
        quads.push(triple(described.sparqlDataset, `${sd}namedGraph`, node), triple(node, `${rdf}type`, `${sd}NamedGraph`),
          triple(node, `${sd}name`, iri(graph)));
      }
      const current = dumps.of(ready);
      if (current.phase === 'ready') quads.push(...voidDescription(names, current.manifest));
      return quads;
    },
    close: async () => {
      clearInterval(watcher);
      dumps.close();
    },
  };
}
