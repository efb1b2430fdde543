/**
 * The collection of the version being served, read once per version and shared by every part
 * that needs it (the search, the atlas, the lists): a version is identified by its store and its
 * dataVersion, so a new version is read anew and an older one is never served in its place.
 * While a version is read, `peek` says so, and callers answer "being prepared" rather than wait
 * with a reader's request held open.
 */
import type { QueryCatalogue } from '../queries/catalogue.js';
import type { Store } from '../store/store.js';
import { Collection } from './collection.js';
import { PropertyReader } from './read.js';

export interface PublishedVersion {
  readonly store: Store;
  readonly dataVersion: string;
}

interface Entry {
  readonly version: string;
  readonly collection: Promise<Collection>;
  settled?: Collection;
}

/** One per store: tests run several services in one process, each with its own store. */
const CURRENT = new WeakMap<Store, Entry>();

export class CollectionSource {
  private readonly reader: PropertyReader;

  constructor(queries: QueryCatalogue, private readonly baseIRI: string) {
    this.reader = new PropertyReader(queries, baseIRI);
  }

  /** The collection of a version, read on first demand. */
  of(version: PublishedVersion): Promise<Collection> {
    const entry = CURRENT.get(version.store);
    if (entry?.version === version.dataVersion) return entry.collection;
    const collection = Collection.read(version.store, this.reader, this.baseIRI);
    const fresh: Entry = { version: version.dataVersion, collection };
    CURRENT.set(version.store, fresh);
    collection.then((c) => { fresh.settled = c; }, () => {
      if (CURRENT.get(version.store) === fresh) CURRENT.delete(version.store);
    });
    return collection;
  }

  /** The collection of a version if it has been read, else undefined (and its reading started). */
  peek(version: PublishedVersion): Collection | undefined {
    void this.of(version).catch(() => {});
    const entry = CURRENT.get(version.store);
    return entry?.version === version.dataVersion ? entry.settled : undefined;
  }
}
