/**
 * What a feature is to the service, in the manner of Trifid's plugins: a factory, given the
 * service's shared context, returns the feature's routes, its cards on the home page and its part
 * of the service description. The composition root (src/app/) only wires features together; a
 * feature imports the layers below it, never another feature nor the root.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from 'express';
import type { ReadyStatus, ServiceState } from '../build/state.js';
import type { ServiceConfig } from '../config.js';
import type { Observability } from '../http/observability.js';
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Quad } from '../rdf/terms.js';
import type { ValidationRules } from '../validation/gate.js';
import type { Catalogue } from '../web/i18n/catalogue.js';

/** A part of the service shown on the home page, in the reader's language. */
export interface HomeCard {
  readonly path: string;
  /** The parameter naming the interface language in the card's link, when it is not `lang`. */
  readonly languageParameter?: string;
  readonly text: (t: Catalogue) => { readonly title: string; readonly description: string };
}

/** A list of things to browse, linked from the home page. */
export interface BrowseLink {
  readonly path: string;
  readonly title: (t: Catalogue) => string;
}

/** The IRIs the service description speaks of: the SPARQL service and the dataset it serves. */
export interface DescribedNames {
  readonly service: string;
  /** The endpoint's default graph, described as a VoID dataset. */
  readonly dataset: string;
  /** The endpoint's sd:Dataset: its default graph and its named graphs. */
  readonly sparqlDataset: string;
}

/** A feature's statements about the service and its dataset, for the data being served. */
export type ServiceDescriptionPart = (names: DescribedNames, ready: ReadyStatus) => Quad[] | Promise<Quad[]>;

export interface Feature {
  readonly name: string;
  /** Answers the feature's hot paths on node:http's own objects, before any middleware; false for other requests. */
  readonly handle?: (req: IncomingMessage, res: ServerResponse) => boolean;
  readonly routes?: Router;
  readonly cards?: readonly HomeCard[];
  readonly browse?: readonly BrowseLink[];
  readonly serviceDescription?: ServiceDescriptionPart;
  close?(): Promise<void>;
}

/** What all the features contribute, read at request time (complete once every feature is made). */
export interface Contributions {
  cards(): readonly HomeCard[];
  browse(): readonly BrowseLink[];
  serviceDescription(names: DescribedNames, ready: ReadyStatus): Promise<Quad[]>;
}

export interface FeatureContext {
  readonly config: ServiceConfig;
  readonly state: ServiceState;
  readonly rules: ValidationRules;
  readonly queries: QueryCatalogue;
  /** This service's own origin on the loopback interface, for the parts that call the service itself. */
  readonly localOrigin: () => string;
  readonly contributions: Contributions;
  /** The service's log, metrics and readiness, and who a request's client is. */
  readonly observability: Observability;
}

export type FeatureFactory = (context: FeatureContext) => Feature | Promise<Feature>;
