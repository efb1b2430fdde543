/**
 * The change feed in ActivityStreams 2.0, in the manner of the IIIF Change Discovery API: an
 * OrderedCollection of Create, Update and Delete activities, one per thing and version, oldest
 * first, in pages of a fixed number of entries. The log only grows, so a page's address always
 * holds the same activities (only the last page fills up): a harvester keeps the address of the
 * page it stopped at, or asks `/changes?since=` for the page of a time.
 */
import type { ChangeEntry, ChangeLogReader } from '../../build/versions/change-log.js';
import { thingGraphPath } from '../../build/versions/thing-paths.js';

export const CHANGES_PATH = '/changes';
export const PAGE_SIZE = 1000;
const ACTIVITY_STREAMS = 'https://www.w3.org/ns/activitystreams';

const ACTIVITY_TYPE = { create: 'Create', update: 'Update', delete: 'Delete' } as const;

export class Feed {
  constructor(private readonly log: ChangeLogReader, private readonly baseIRI: string) {}

  get pages(): number {
    return Math.max(1, Math.ceil(this.log.length / PAGE_SIZE));
  }

  pageUrl(page: number): string {
    return new URL(`changes/page/${page}`, this.baseIRI).href;
  }

  /** The page holding an entry. */
  pageOf(position: number): number {
    return Math.min(this.pages, Math.floor(position / PAGE_SIZE) + 1);
  }

  collection(): Record<string, unknown> {
    const latest = this.log.latest;
    return {
      '@context': ACTIVITY_STREAMS,
      id: new URL('changes', this.baseIRI).href,
      type: 'OrderedCollection',
      summary: 'Creations, updates and deletions of the things CITEGO publishes, one activity per thing and version, oldest first.',
      totalItems: this.log.length,
      ...(latest ? { updated: latest.at.toISOString() } : {}),
      first: { id: this.pageUrl(1), type: 'OrderedCollectionPage' },
      last: { id: this.pageUrl(this.pages), type: 'OrderedCollectionPage' },
    };
  }

  /** A page (from 1), or undefined past the last. */
  page(page: number): Record<string, unknown> | undefined {
    if (!Number.isInteger(page) || page < 1 || page > this.pages) return undefined;
    const from = (page - 1) * PAGE_SIZE;
    const entries = this.log.entries(from, from + PAGE_SIZE);
    return {
      '@context': ACTIVITY_STREAMS,
      id: this.pageUrl(page),
      type: 'OrderedCollectionPage',
      partOf: new URL('changes', this.baseIRI).href,
      startIndex: from,
      ...(page > 1 ? { prev: { id: this.pageUrl(page - 1), type: 'OrderedCollectionPage' } } : {}),
      ...(page < this.pages ? { next: { id: this.pageUrl(page + 1), type: 'OrderedCollectionPage' } } : {}),
      orderedItems: entries.map((entry) => this.activity(entry, page)),
    };
  }

  /** Whether a page can change still: only the last one grows. */
  isComplete(page: number): boolean {
    return page < this.pages;
  }

  private activity(entry: ChangeEntry, page: number): Record<string, unknown> {
    const version = this.log.version(entry.version);
    const graphPath = thingGraphPath(this.baseIRI, entry.thing);
    const object: Record<string, unknown> = { id: entry.thing, type: 'Object' };
    if (graphPath && entry.action !== 'delete') {
      // The thing's own triples as published by this version: what a harvester keeps.
      object.url = { type: 'Link', href: new URL(graphPath.slice(1), this.baseIRI).href, mediaType: 'application/n-triples' };
    }
    return {
      id: `${this.pageUrl(page)}#${entry.position}`,
      type: ACTIVITY_TYPE[entry.action],
      object,
      endTime: entry.at.toISOString(),
      ...(version?.agent ? { actor: { type: 'Person', name: version.agent } } : {}),
      context: { type: 'Object', id: new URL(`changes/versions/${entry.version}`, this.baseIRI).href, name: `version ${entry.version}` },
    };
  }
}
