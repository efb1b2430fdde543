/**
 * The collection of the version being served, made once per version and shared by every part
 * that needs it (the search, the atlas, the lists): a version is identified by its store and its
 * dataVersion, so a new version is made anew and an older one is never served in its place.
 *
 * A version is prepared as it is built: the parts that follow the data tap the build (`prepare`),
 * the collection is gathered from the quads the gate reads and made as soon as the gate accepts
 * them, while the store is materialised, so that it is ready when the version is published. A
 * version the build did not prepare (a curator's write changes the store by an update) is read
 * from the store. While a version is made, `peek` says so, and callers answer "being prepared"
 * rather than hold a reader's request open.
 */
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { QuadBatch } from '../rdf/parse.js';
import type { Store } from '../store/store.js';
import { Collection } from './collection.js';
import { CollectionGatherer, type CollectionModel } from './prepared.js';
import { PropertyReader } from './read.js';

export interface PublishedVersion {
  readonly store: Store;
  readonly dataVersion: string;
  /** The dataVersion the store was built for: another one once a write has changed the store. */
  readonly sourcesVersion?: string;
}

/** What a build's tap receives: the quads the gate reads, then its acceptance of them. */
export interface CollectionTap {
  quads(batch: QuadBatch): void;
  accepted(): void;
}

interface Entry {
  readonly version: string;
  readonly collection: Promise<Collection>;
  settled?: Collection;
}

interface Preparation {
  gatherer?: CollectionGatherer;
  /** Made once the gate accepts the data; undefined when it could not be (the store is read then). */
  collection?: Promise<Collection | undefined>;
}

/** One per store: tests run several services in one process, each with its own store. */
const CURRENT = new WeakMap<Store, Entry>();
/** The collection prepared by the build of each store, as the store was built. */
const PREPARED = new WeakMap<Store, Preparation>();

export class CollectionSource {
  private readonly reader: PropertyReader;

  constructor(queries: QueryCatalogue, private readonly baseIRI: string, private readonly model: CollectionModel) {
    this.reader = new PropertyReader(queries, baseIRI);
  }

  /**
   * A tap on the build of a version into `store`, which prepares its collection. Every part that
   * taps the same build shares one preparation: the quads are gathered by the first tap only.
   */
  prepare(store: Store): CollectionTap {
    let preparation = PREPARED.get(store);
    const first = !preparation;
    if (!preparation) {
      preparation = { gatherer: new CollectionGatherer(this.baseIRI, this.model) };
      PREPARED.set(store, preparation);
    }
    const prepared = preparation;
    return {
      quads: first ? (batch) => prepared.gatherer?.quads(batch) : () => {},
      accepted: () => {
        const gatherer = prepared.gatherer;
        if (!gatherer) return;
        prepared.gatherer = undefined;
        // After the publisher has sent its next requests to the store (it materialises the version meanwhile).
        prepared.collection = new Promise((resolve) => setImmediate(resolve)).then(() => gatherer.collection()).catch((error: unknown) => {
          console.error('the collection could not be prepared from the build; it will be read from the store:', error);
          return undefined;
        });
      },
    };
  }

  /** The collection the build of `store` prepared, as the store was built; undefined if it prepared none. */
  prepared(store: Store): Promise<Collection | undefined> | undefined {
    return PREPARED.get(store)?.collection;
  }

  /** The collection of a version: the one its build prepared, else read from the store, on first demand. */
  of(version: PublishedVersion): Promise<Collection> {
    const entry = CURRENT.get(version.store);
    if (entry?.version === version.dataVersion) return entry.collection;
    const prepared = version.sourcesVersion === version.dataVersion ? this.prepared(version.store) : undefined;
    const read = () => Collection.read(version.store, this.reader, this.baseIRI);
    const collection = prepared ? prepared.then((made) => made ?? read()) : read();
    const fresh: Entry = { version: version.dataVersion, collection };
    CURRENT.set(version.store, fresh);
    collection.then((c) => { fresh.settled = c; }, () => {
      if (CURRENT.get(version.store) === fresh) CURRENT.delete(version.store);
    });
    return collection;
  }

  /** The collection of a version if it has been made, else undefined (and its making started). */
  peek(version: PublishedVersion): Collection | undefined {
    void this.of(version).catch(() => {});
    const entry = CURRENT.get(version.store);
    return entry?.version === version.dataVersion ? entry.settled : undefined;
  }
}
