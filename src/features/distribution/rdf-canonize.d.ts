/** The part of rdf-canonize (RDF Dataset Canonicalization, RDFC-1.0) the dumps use: it ships no types. */
declare module 'rdf-canonize' {
  interface CanonizeOptions {
    readonly algorithm: 'RDFC-1.0';
    /** Filled with each input blank node label → its canonical label (c14n0, c14n1…). */
    readonly canonicalIdMap?: Map<string, string>;
    /** Bound on the deep comparisons of look-alike blank nodes (1: linear in their number). */
    readonly maxWorkFactor?: number;
  }
  /** Canonicalises a dataset of RDF/JS-shaped quads; resolves with canonical N-Quads. */
  export function canonize(dataset: readonly object[], options: CanonizeOptions): Promise<string>;
  const canonizer: { canonize: typeof canonize };
  export default canonizer;
}
