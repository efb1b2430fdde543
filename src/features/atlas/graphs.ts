/**
 * What the atlas view, the matrix and the network of actors show, computed from the collection
 * of the version served: pure functions, the same for the pages and for the widgets' JSON.
 *
 * A descriptor of a large atlas has hundreds of neighbours: a view keeps the most used ones
 * (by the number of sheets they index), says how many it leaves out, and the list beside the
 * graph pages through all of them. The network of actors keeps the actors with the most sheets
 * in its scope the same way.
 */
import { type ActorFamily, type Collection, type DescriptorRecord, type DocumentRecord } from '../../collection/collection.js';
import { pickText } from '../../web/i18n/fallback.js';

export type Relation = 'broader' | 'narrower' | 'related';

export interface AtlasNode {
  readonly iri: string;
  readonly label: string;
  readonly language: string;
  readonly components: readonly string[];
  readonly angles: readonly string[];
  readonly scale: string | null;
  readonly documents: number;
  /** Steps from the descriptor at the centre (0 for the centre). */
  readonly distance: number;
}

export interface AtlasEdge {
  readonly source: string;
  readonly target: string;
  readonly relation: Relation;
}

export interface Neighbourhood {
  readonly centre: string;
  readonly radius: 1 | 2;
  readonly nodes: readonly AtlasNode[];
  readonly edges: readonly AtlasEdge[];
  /** Neighbours within the radius, shown or not. */
  readonly total: number;
}

function neighboursOf(d: DescriptorRecord): { iri: string; relation: Relation }[] {
  return [
    ...d.broader.map((iri) => ({ iri, relation: 'broader' as const })),
    ...d.narrower.map((iri) => ({ iri, relation: 'narrower' as const })),
    ...d.related.map((iri) => ({ iri, relation: 'related' as const })),
  ];
}

function atlasNode(d: DescriptorRecord, distance: number, language: string): AtlasNode {
  const label = pickText(d.labels, language);
  return {
    iri: d.iri, label: label?.value ?? d.iri, language: label?.language ?? '', components: d.components, angles: d.angles,
    scale: d.scale ?? null, documents: d.documents.length, distance,
  };
}

const byUse = (collection: Collection) => (a: string, b: string) =>
  (collection.descriptors.get(b)?.documents.length ?? 0) - (collection.descriptors.get(a)?.documents.length ?? 0) || (a < b ? -1 : a > b ? 1 : 0);

/** Every neighbour within the radius, nearest first, then the most used first. */
export function neighboursWithin(collection: Collection, centre: string, radius: 1 | 2): { iri: string; distance: number }[] {
  const distance = new Map<string, number>([[centre, 0]]);
  let frontier = [centre];
  for (let step = 1; step <= radius; step++) {
    const next: string[] = [];
    for (const iri of frontier) {
      for (const { iri: neighbour } of neighboursOf(collection.descriptors.get(iri)!)) {
        if (!distance.has(neighbour) && collection.descriptors.has(neighbour)) {
          distance.set(neighbour, step);
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  const order = byUse(collection);
  return [...distance].filter(([iri]) => iri !== centre).map(([iri, d]) => ({ iri, distance: d }))
    .sort((a, b) => a.distance - b.distance || order(a.iri, b.iri));
}

/**
 * The descriptor and its neighbours within the radius, at most `limit` of them: the most used
 * of the first ring, then of the second ring among the neighbours of those kept.
 */
export function neighbourhood(collection: Collection, centre: string, radius: 1 | 2, limit: number, language: string): Neighbourhood {
  const all = neighboursWithin(collection, centre, radius);
  const firstRing = all.filter((n) => n.distance === 1);
  const keptFirst = firstRing.slice(0, radius === 1 ? limit : Math.min(firstRing.length, Math.max(1, Math.ceil(limit / 2))));
  const kept = new Map<string, number>([[centre, 0], ...keptFirst.map((n) => [n.iri, 1] as const)]);
  if (radius === 2) {
    const reachable = new Set(keptFirst.flatMap((n) => neighboursOf(collection.descriptors.get(n.iri)!).map((m) => m.iri)));
    for (const n of all) {
      if (kept.size > limit) break;
      if (n.distance === 2 && reachable.has(n.iri)) kept.set(n.iri, 2);
    }
  }
  const nodes = [...kept].map(([iri, distance]) => atlasNode(collection.descriptors.get(iri)!, distance, language));
  const edges: AtlasEdge[] = [];
  const seen = new Set<string>();
  for (const iri of kept.keys()) {
    for (const { iri: other, relation } of neighboursOf(collection.descriptors.get(iri)!)) {
      // Links between two descriptors of the outer ring would tangle the view: it shows the paths from the centre.
      if (!kept.has(other) || (kept.get(iri) === 2 && kept.get(other) === 2)) continue;
      // One edge per pair: broader rather than its inverse narrower, related once.
      const [source, target, named] = relation === 'narrower' ? [other, iri, 'broader' as const] : [iri, other, relation];
      const key = named === 'related' ? [source, target].sort().join(' ') + ' related' : `${source} ${target} broader`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ source, target, relation: named });
    }
  }
  return { centre, radius, nodes, edges, total: all.length };
}

export interface MatrixCell {
  readonly component: string;
  readonly angle: string;
  readonly descriptors: number;
  readonly documents: number;
}

/** The atlas at a glance: each component × angle with its descriptors and the sheets they index. */
export function matrix(collection: Collection): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const component of collection.components) {
    for (const angle of collection.angles) {
      const { descriptors, documents } = collection.cell(component.iri, angle.iri);
      cells.push({ component: component.iri, angle: angle.iri, descriptors: descriptors.length, documents: documents.length });
    }
  }
  return cells;
}

// ---- the network of actors ------------------------------------------------------------------

export type Scope = { readonly kind: 'collection' } | { readonly kind: 'place' | 'dossier' | 'descriptor'; readonly iri: string };

export type ActorRelation = 'co-authorship' | 'partnership' | 'membership';

export interface ActorNode {
  readonly iri: string;
  readonly label: string;
  readonly language: string;
  readonly family: ActorFamily;
  /** The family a person is counted in: that of the first organisation they belong to. */
  readonly affiliation: ActorFamily;
  /** Sheets of the scope the actor wrote or partnered. */
  readonly documents: number;
}

export interface ActorEdge {
  readonly source: string;
  readonly target: string;
  readonly relation: ActorRelation;
  /** Sheets shared (1 for a membership). */
  readonly weight: number;
  /** Whether the link joins two families: CITEGO's "décloisonnement". */
  readonly crossesFamilies: boolean;
}

export interface ActorNetwork {
  readonly nodes: readonly ActorNode[];
  readonly edges: readonly ActorEdge[];
  /** Actors in the scope, shown or not; sheets in the scope. */
  readonly actors: number;
  readonly documents: number;
  /** Links between actors of the scope (shown or not), by pair of families, "A|B" with A ≤ B. */
  readonly familyLinks: Readonly<Record<string, number>>;
}

export function documentsInScope(collection: Collection, scope: Scope): readonly DocumentRecord[] {
  switch (scope.kind) {
    case 'collection': return collection.documents;
    case 'descriptor': return Array.from(collection.descriptors.get(scope.iri)?.documents ?? [], (i) => collection.documents[i]!);
    case 'dossier': return collection.documents.filter((d) => d.dossiers.includes(scope.iri));
    case 'place': return collection.documents.filter((d) => d.places.some((p) => collection.placeAndAncestors(p).includes(scope.iri)));
  }
}

export function actorNetwork(collection: Collection, scope: Scope, limit: number, language: string): ActorNetwork {
  const documents = documentsInScope(collection, scope);
  const counts = new Map<string, number>();
  for (const d of documents) for (const actor of new Set([...d.creators, ...d.partners])) if (collection.actors.has(actor)) counts.set(actor, (counts.get(actor) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = new Set(ranked.slice(0, limit).map(([iri]) => iri));
  const affiliation = (iri: string): ActorFamily => {
    const actor = collection.actors.get(iri)!;
    if (actor.family !== 'Person') return actor.family;
    const organisation = actor.memberOf.map((o) => collection.actors.get(o)).find((o) => o && o.family !== 'Person');
    return organisation?.family ?? 'Person';
  };
  const weights = new Map<string, { source: string; target: string; relation: ActorRelation; weight: number }>();
  const familyLinks: Record<string, number> = {};
  const link = (a: string, b: string, relation: ActorRelation) => {
    if (a === b) return;
    const families = [affiliation(a), affiliation(b)].sort();
    familyLinks[families.join('|')] = (familyLinks[families.join('|')] ?? 0) + 1;
    if (!kept.has(a) || !kept.has(b)) return;
    const [source, target] = a < b ? [a, b] : [b, a];
    const key = `${source} ${target} ${relation}`;
    const edge = weights.get(key);
    if (edge) edge.weight++;
    else weights.set(key, { source, target, relation, weight: 1 });
  };
  for (const d of documents) {
    const creators = d.creators.filter((c) => collection.actors.has(c));
    const partners = d.partners.filter((p) => collection.actors.has(p));
    for (let i = 0; i < creators.length; i++) for (let j = i + 1; j < creators.length; j++) link(creators[i]!, creators[j]!, 'co-authorship');
    for (const partner of partners) for (const other of [...creators, ...partners.filter((p) => p > partner)]) link(partner, other, 'partnership');
  }
  for (const iri of counts.keys()) {
    for (const organisation of collection.actors.get(iri)!.memberOf) if (counts.has(organisation)) link(iri, organisation, 'membership');
  }
  const nodes: ActorNode[] = [...kept].map((iri) => {
    const actor = collection.actors.get(iri)!;
    const label = pickText(actor.names, language);
    return { iri, label: label?.value ?? iri, language: label?.language ?? '', family: actor.family, affiliation: affiliation(iri), documents: counts.get(iri)! };
  });
  const edges: ActorEdge[] = [...weights.values()].map((e) => ({ ...e, crossesFamilies: affiliation(e.source) !== affiliation(e.target) }));
  return { nodes, edges, actors: counts.size, documents: documents.length, familyLinks };
}
