/**
 * Where a thing's own triples are read and written (in the manner of the SPARQL 1.1 Graph Store
 * Protocol, one graph per thing): `/things/{kind}/{slug}` for the thing `{base}id/{kind}/{slug}`.
 * The curators' write path serves it and the change feed links to it, so both build it here.
 */
export const THINGS_PATH = '/things/';

/** Kinds and slugs are kept to the same safe alphabet as the things' IRIs. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

/** The thing a path names, under `/things/` (or `/id/`, `/doc/` with an optional extension), or undefined. */
export function thingOfPath(baseIRI: string, path: string, prefix: string = THINGS_PATH): string | undefined {
  if (!path.startsWith(prefix)) return undefined;
  const segments = path.slice(prefix.length).split('/');
  if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s))) return undefined;
  return `${baseIRI}id/${segments.join('/')}`;
}

/** The path of a thing's own triples, or undefined for an IRI that is not a thing of ours. */
export function thingGraphPath(baseIRI: string, thing: string): string | undefined {
  const prefix = `${baseIRI}id/`;
  return thing.startsWith(prefix) ? `${THINGS_PATH}${thing.slice(prefix.length)}` : undefined;
}
