/**
 * Harvesting: the two doors through which harvesters take the whole collection at low cost.
 *
 * - OAI-PMH 2.0 at /oai, for repositories of scholarly and documentary collections (Isidore,
 *   BASE, OpenAIRE, library catalogues): every sheet as a record, in Dublin Core or in RDF,
 *   by set and by date, through signed, stateless resumption tokens.
 * - Triple Pattern Fragments at /fragments, for linked-data clients (Comunica, the LDF
 *   clients) that query many sources at once: any triple pattern over the whole dataset, with
 *   its count, pages and the Hydra controls.
 *
 * Both read one index of the version's triples, prepared once per version from every triple of
 * the store (version-index.ts): a request never waits for a query to the store.
 */
import { integer, text, triple } from '../../rdf/build-terms.js';
import { publishedContext } from '../../rdf/jsonld.js';
import { allPrefixes, RDF_TYPE, STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { Feature, FeatureContext } from '../feature.js';
import { fragmentsNames, FRAGMENTS_PATH } from './fragments/fragment.js';
import { FragmentsDoor } from './fragments/fragments-door.js';
import { OaiDoor, OAI_PATH } from './oai/oai-door.js';
import { OaiProvider } from './oai/provider.js';
import { ResumptionTokens, tokenKey } from './oai/tokens.js';
import { VersionIndex } from './version-index.js';

const { rdfs, dct, hydra, void: VOID } = STANDARD_PREFIXES;

export function harvesting(context: FeatureContext): Feature {
  const { config, state } = context;
  const versions = new VersionIndex(state, context.queries, context.config.baseIRI);
  const oaiUrl = new URL(OAI_PATH.slice(1), config.baseIRI).href;
  const oai = new OaiDoor(versions, new OaiProvider({
    baseIRI: config.baseIRI,
    baseURL: oaiUrl,
    adminEmail: config.oaiAdminEmail,
    tokens: new ResumptionTokens(tokenKey(config.oaiTokenSecret, config.baseIRI)),
    deletions: () => {
      const publisher = state.publisher;
      if (!publisher) return { policy: 'no', deleted: [] };
      // The change log's entries are deletions as they are (thing, at): read only when a version's records are prepared, not at each Identify.
      return { policy: publisher.durable ? 'persistent' : 'transient', deleted: publisher.log.deleted() };
    },
  }));
  const fragments = new FragmentsDoor({
    versions,
    baseIRI: config.baseIRI,
    prefixes: allPrefixes(config.baseIRI),
    context: publishedContext(config.baseIRI),
    cacheBytes: config.descriptionCacheMb * 1024 * 1024,
  });
  const names = fragmentsNames(new URL(config.baseIRI).origin);

  return {
    name: 'harvesting',
    handle: (req, res) => fragments.handle(req, res) || oai.handle(req, res),
    cards: [
      { path: `${OAI_PATH}?verb=Identify`, text: (t) => t.harvesting.cards.oai },
      { path: FRAGMENTS_PATH, text: (t) => t.harvesting.cards.fragments },
    ],
    serviceDescription: ({ dataset }, ready) => [
      triple(dataset, `${rdfs}seeAlso`, oaiUrl),
      triple(oaiUrl, `${dct}conformsTo`, 'http://www.openarchives.org/OAI/2.0/'),
      triple(oaiUrl, `${dct}title`, text('Entrepôt OAI-PMH des fiches de CITEGO', 'fr')),
      triple(oaiUrl, `${dct}title`, text('OAI-PMH repository of CITEGO\'s sheets', 'en')),
      triple(dataset, `${rdfs}seeAlso`, names.dataset),
      triple(names.dataset, RDF_TYPE, `${VOID}Dataset`),
      triple(names.dataset, RDF_TYPE, `${hydra}Collection`),
      triple(names.dataset, `${VOID}triples`, integer(ready.triples)),
      triple(names.dataset, `${dct}conformsTo`, 'https://linkeddatafragments.org/specification/triple-pattern-fragments/'),
      triple(names.dataset, `${hydra}search`, { termType: 'BlankNode', value: 'fragments-search' }),
      triple({ termType: 'BlankNode', value: 'fragments-search' }, `${hydra}template`, text(names.template)),
    ],
    close: async () => versions.close(),
  };
}
