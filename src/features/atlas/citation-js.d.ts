/**
 * The part of citation-js the bibliography uses (the package ships no type declarations):
 * a Cite object made from CSL-JSON items, formatted by name, and the plugins registering the
 * BibTeX, RIS and CSL formats as they are imported.
 */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    readonly data: Record<string, unknown>[];
    format(name: 'bibtex' | 'ris' | 'data', options?: Readonly<Record<string, unknown>>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
