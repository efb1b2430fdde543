/**
 * The damaged corpus: variants of the demo data, each with one kind of damage a curator, an
 * export or an editor can do, and the verdict the SHACL specification gives on it (the results
 * it must raise, or the syntax error it must stop at). The variants are built from the demo data
 * as it is today: each damage picks its target in the data (the first sheet that has a
 * modification date, the place most referred to…) and edits its text or its triples, so that
 * the corpus follows the data as it changes. Where rdf-validate-shacl departs from the
 * specification on a variant, the variant names the deviation (see reference-deviations.ts).
 *
 *     npx tsx test/validation/damaged-corpus.ts --out DIR   writes each variant to DIR/<name>/
 *                                                           (data files, and expected.json), to
 *                                                           run `npm run validate` on them
 *     npx tsx test/validation/damaged-corpus.ts --table     validates every variant with both
 *                                                           engines and prints the verdict table
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { STANDARD_PREFIXES } from '../../src/rdf/namespaces.js';
import { parseRdfChunks, RdfSyntaxError, type SyntaxProblem } from '../../src/rdf/parse.js';
import { serializeQuads } from '../../src/rdf/rdfjs.js';
import { termKey, termToNTriples, type Quad, type Term } from '../../src/rdf/terms.js';
import type { QuadSource } from '../../src/validation/compiled-validator.js';
import { bytesSource, rdfFilesIn, type Gate } from '../../src/validation/gate.js';
import type { ValidationOutcome, ValidationResult } from '../../src/validation/results.js';
import type { ShapesModel } from '../../src/validation/shapes-model.js';
import { BASE, bothEngines, DATA_DIR, projectRules, seededRandom } from '../helpers.js';
import { blank, CITEGO, DCT, named, quad, RDF_TYPE, RDFS, shuffle, splitRandomly, text, typed, XSD } from './quad-edits.js';
import { compareEngines, valuesIn, type DeviationName } from './reference-deviations.js';

// ---- what a variant is ---------------------------------------------------------------------

export type CorpusFormat = 'text/turtle' | 'application/n-triples';

export interface CorpusFile {
  readonly name: string;
  readonly format: CorpusFormat;
  readonly bytes: Uint8Array;
}

/** A result the specification gives: the focus node, the shape (its local name), the component, the value when it is not the focus. */
export interface ExpectedResult {
  readonly focus: string;
  readonly shape: string;
  readonly component: string;
  readonly value?: string;
}

export interface ExpectedSyntaxError {
  readonly file: string;
  readonly line: number;
  /** Left out where the column depends on how the parser reads ahead. */
  readonly column?: number;
  readonly problem: SyntaxProblem['kind'];
}

export type Verdict = { readonly results: readonly ExpectedResult[] } | { readonly syntaxError: ExpectedSyntaxError };

/** The kinds of damage, as the issue sorts them. */
export type DamageKind = 'set semantics' | 'class axioms' | 'literals' | 'texts' | 'escapes' | 'links' | 'dates' | 'syntax' | 'encoding';

export interface DamagedVariant {
  readonly name: string;
  readonly kind: DamageKind;
  readonly damage: string;
  readonly files: readonly CorpusFile[];
  readonly verdict: Verdict;
  /** Where the reference engine departs from the specification on this variant; none when it agrees. */
  readonly referenceDeviations: readonly DeviationName[];
}

// ---- the demo data, to damage --------------------------------------------------------------

const { skos: SKOS, foaf: FOAF, org: ORG, schema: SCHEMA, owl: OWL, geo: GEO } = STANDARD_PREFIXES;
const LOCATION = `${DCT}Location`;
const DOCUMENT_TYPES = ['ExperienceRecord', 'Analysis', 'Proposal', 'ResourceSheet', 'DossierIntroduction'].map((t) => `${CITEGO}${t}`);
const ORGANISATION_TYPES = ['LocalAuthority', 'ProfessionalNetwork', 'EducationInstitution', 'ResearchCentre', 'Association', 'Company', 'PublicAgency']
  .map((t) => `${CITEGO}${t}`);

/**
 * Which shape checks that a link points to the right kind of thing (sh:class), by the kind of
 * thing the link starts from and its property: what a thing loses when its class is lost.
 */
const LINK_CHECKS: readonly { readonly from: readonly string[]; readonly property: string; readonly shape: string }[] = [
  { from: DOCUMENT_TYPES, property: `${DCT}relation`, shape: 'Document-relation-sheet' },
  { from: DOCUMENT_TYPES, property: `${DCT}subject`, shape: 'Document-subject-descriptor' },
  { from: DOCUMENT_TYPES, property: `${DCT}creator`, shape: 'Document-creator-actor' },
  { from: DOCUMENT_TYPES, property: `${DCT}contributor`, shape: 'Document-contributor-actor' },
  { from: DOCUMENT_TYPES, property: `${CITEGO}partner`, shape: 'Document-partner-organisation' },
  { from: DOCUMENT_TYPES, property: `${DCT}spatial`, shape: 'Document-spatial-place' },
  { from: DOCUMENT_TYPES, property: `${DCT}isPartOf`, shape: 'Document-dossier' },
  { from: [`${CITEGO}Dossier`], property: `${CITEGO}coordinator`, shape: 'Dossier-coordinator-person' },
  { from: [`${CITEGO}Dossier`], property: `${CITEGO}introduction`, shape: 'Dossier-introduction' },
  { from: [`${CITEGO}Dossier`], property: `${DCT}hasPart`, shape: 'Dossier-part-sheet' },
  { from: [`${FOAF}Person`], property: `${ORG}memberOf`, shape: 'Person-member-of' },
  { from: ORGANISATION_TYPES, property: `${SCHEMA}location`, shape: 'Organization-location-place' },
  { from: ORGANISATION_TYPES, property: `${ORG}subOrganizationOf`, shape: 'Organization-unit-of' },
  { from: [`${ORG}Membership`], property: `${ORG}member`, shape: 'Membership-member' },
  { from: [`${ORG}Membership`], property: `${ORG}organization`, shape: 'Membership-organization' },
  { from: [`${ORG}Membership`], property: `${ORG}role`, shape: 'Membership-role' },
  { from: [LOCATION], property: `${SCHEMA}containedInPlace`, shape: 'Place-within' },
  { from: [`${CITEGO}Descriptor`], property: `${CITEGO}component`, shape: 'Descriptor-component-class' },
  { from: [`${CITEGO}Descriptor`], property: `${CITEGO}angle`, shape: 'Descriptor-angle-class' },
  { from: [`${CITEGO}Descriptor`], property: `${CITEGO}scale`, shape: 'Descriptor-scale' },
  { from: [`${CITEGO}Descriptor`], property: `${SKOS}related`, shape: 'Descriptor-neighbour' },
  { from: [`${CITEGO}Descriptor`], property: `${SKOS}broader`, shape: 'Descriptor-broader' },
  { from: [`${CITEGO}Descriptor`], property: `${SKOS}narrower`, shape: 'Descriptor-narrower' },
  { from: [`${CITEGO}LocalMap`], property: `${SKOS}member`, shape: 'LocalMap-members' },
  { from: [`${CITEGO}LocalMap`], property: `${DCT}spatial`, shape: 'LocalMap-place' },
  { from: [`${CITEGO}LocalMap`], property: `${DCT}creator`, shape: 'LocalMap-authors' },
];

interface DemoFile {
  readonly name: string;
  readonly text: string;
  readonly quads: readonly Quad[];
}

/** A set of files of a variant being built: each with its text, or with its triples. */
type Draft = { readonly name: string; readonly text: string } | { readonly name: string; readonly quads: readonly Quad[] };

const relative = (iri: string): string => (iri.startsWith(BASE) ? iri.slice(BASE.length) : iri);
const lineColumn = (source: string, index: number): { line: number; column: number } => {
  const before = source.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
};

class Demo {
  readonly all: readonly Quad[];

  constructor(readonly files: readonly DemoFile[]) {
    this.all = files.flatMap((f) => f.quads);
  }

  static async read(): Promise<Demo> {
    const files: DemoFile[] = [];
    for (const path of await rdfFilesIn(DATA_DIR)) {
      const bytes = await readFile(path);
      const quads: Quad[] = [];
      await parseRdfChunks([bytes], basename(path), { baseIRI: BASE, format: 'text/turtle' }, (b) => { quads.push(...b.quads); });
      files.push({ name: basename(path), text: bytes.toString('utf8'), quads });
    }
    return new Demo(files);
  }

  values(subject: string, predicate: string): Term[] {
    return this.all.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
  }

  typesOf(subject: string): string[] {
    return this.values(subject, RDF_TYPE).map((t) => t.value);
  }

  /** The things of one of these classes that pass the test, in the order of the files. */
  things(classes: readonly string[], test: (subject: string) => boolean = () => true): string[] {
    const found = this.all.filter((q) => q.predicate.value === RDF_TYPE && classes.includes(q.object.value)).map((q) => q.subject.value);
    return [...new Set(found)].filter(test);
  }

  /** The first thing of these classes that passes the test: the damage's target. */
  first(classes: readonly string[], test?: (subject: string) => boolean): string {
    const found = this.things(classes, test)[0];
    if (!found) throw new Error(`the demo data has no ${classes.map(relative).join(' or ')} to damage here`);
    return found;
  }

  /** The thing of these classes that the most others link to. */
  mostLinked(classes: readonly string[]): string {
    const links = (s: string): number => this.all.filter((q) => q.object.termType === 'NamedNode' && q.object.value === s).length;
    return this.things(classes).sort((a, b) => links(b) - links(a))[0]!;
  }

  fileOf(subject: string): DemoFile {
    const file = this.files.find((f) => f.quads.some((q) => q.subject.value === subject));
    if (!file) throw new Error(`${subject} is described in no file`);
    return file;
  }

  /** The texts of the files, with one description's text edited: the edit must change it. */
  editing(subject: string, edit: (description: string) => string): Draft[] {
    const file = this.fileOf(subject);
    const marker = `<${relative(subject)}> `;
    const start = file.text.startsWith(marker) ? 0 : file.text.indexOf(`\n${marker}`) + 1;
    if (start === 0 && !file.text.startsWith(marker)) throw new Error(`${subject} does not start a description in ${file.name}`);
    const end = file.text.indexOf('\n\n', start) < 0 ? file.text.length : file.text.indexOf('\n\n', start);
    const description = file.text.slice(start, end);
    const edited = edit(description);
    if (edited === description) throw new Error(`the edit changed nothing in the description of ${subject}`);
    return this.texts().map((f) => (f.name === file.name ? { name: f.name, text: file.text.slice(0, start) + edited + file.text.slice(end) } : f));
  }

  /** The texts of the files, with one more statement at the end of a description. */
  adding(subject: string, statement: string): Draft[] {
    return this.editing(subject, (d) => replaceOnce(d, / \.$/, ` ;\n    ${statement} .`));
  }

  /** The texts of the files as they are. */
  texts(): Draft[] {
    return this.files.map((f) => ({ name: f.name, text: f.text }));
  }

  /** The triples of the files, changed by `change` (which receives and returns each file's triples). */
  triples(change: (quads: Quad[], file: string) => Quad[]): Draft[] {
    return this.files.map((f) => ({ name: f.name.replace(/\.ttl$/, '.nt'), quads: change([...f.quads], f.name) }));
  }

  /** The results a thing's loss of its class raises on the things that link to it (sh:class). */
  linksTo(target: string): ExpectedResult[] {
    return this.all.filter((q) => q.object.termType === 'NamedNode' && q.object.value === target).flatMap((q) => {
      const types = this.typesOf(q.subject.value);
      return LINK_CHECKS.filter((c) => c.property === q.predicate.value && c.from.some((t) => types.includes(t)))
        .map((c) => ({ focus: q.subject.value, shape: c.shape, component: 'Class', value: target }));
    });
  }
}

/** Replaces the first match in a text, and fails when there is none (the data changed under the damage). */
function replaceOnce(textIn: string, from: string | RegExp, to: string | ((match: string, ...groups: string[]) => string)): string {
  const found = typeof from === 'string' ? textIn.includes(from) : from.test(textIn);
  if (!found) throw new Error(`nothing to replace: ${String(from)}`);
  return textIn.replace(from, to as string);
}

/** The files of a variant, numbered so that a directory of them is read in this order. */
async function filesOf(drafts: readonly Draft[]): Promise<CorpusFile[]> {
  return Promise.all(drafts.map(async (draft, i) => {
    const name = `${String(i + 1).padStart(2, '0')}-${draft.name}`;
    if ('text' in draft) return { name, format: 'text/turtle' as const, bytes: new TextEncoder().encode(draft.text) };
    return { name, format: 'application/n-triples' as const, bytes: new TextEncoder().encode(await serializeQuads(draft.quads, { format: 'application/n-triples' })) };
  }));
}

const result = (focus: string, shape: string, component: string, value?: Term | string): ExpectedResult =>
  ({ focus, shape, component, ...(value === undefined ? {} : { value: typeof value === 'string' ? value : keyOfValue(value) }) });

/** A value as the corpus compares it: a blank node stands for any blank node (labels depend on the parse). */
function keyOfValue(term: Term): string {
  return term.termType === 'BlankNode' ? '_:' : termKey(term);
}

const decimal = (value: string): Term => typed(value, `${XSD}decimal`);
const xsdDate = (value: string): Term => typed(value, `${XSD}date`);
const literalIn = (description: string, predicate: string): string => {
  const match = new RegExp(`${predicate} ("[^"]*")`).exec(description);
  if (!match) throw new Error(`no ${predicate} in the description`);
  return match[1]!;
};

// ---- the variants --------------------------------------------------------------------------

interface VariantDraft {
  readonly name: string;
  readonly kind: DamageKind;
  readonly damage: string;
  /** The variant's files as texts or triples to write, or (for damage below the text) as bytes. */
  readonly drafts: readonly Draft[] | { readonly bytes: readonly CorpusFile[] };
  readonly verdict: Verdict;
  readonly referenceDeviations?: readonly DeviationName[];
}

const conforms: Verdict = { results: [] };

/** Every variant, built from the demo data as it is. */
export async function buildDamagedCorpus(): Promise<DamagedVariant[]> {
  const demo = await Demo.read();
  const drafts: VariantDraft[] = [
    ...setSemantics(demo),
    ...classAxioms(demo),
    ...literals(demo),
    ...texts(demo),
    ...escapes(demo),
    ...links(demo),
    ...dates(demo),
    ...syntax(demo),
    ...encoding(demo),
  ];
  return Promise.all(drafts.map(async (d) => ({
    name: d.name,
    kind: d.kind,
    damage: d.damage,
    files: 'bytes' in d.drafts ? d.drafts.bytes : await filesOf(d.drafts),
    verdict: d.verdict,
    referenceDeviations: d.referenceDeviations ?? [],
  })));
}

/**
 * A sheet that has a modification date and a publication date given as a day, and does not
 * introduce a dossier (a damage to its type would then also concern its dossier).
 */
function sheetWithBothDates(demo: Demo): string {
  return demo.first(DOCUMENT_TYPES.filter((t) => !t.endsWith('DossierIntroduction')), (s) => demo.values(s, `${DCT}modified`).length === 1 &&
    demo.values(s, `${DCT}issued`).some((v) => v.termType === 'Literal' && v.datatype.value === `${XSD}date`));
}

function sheetWithDayOnly(demo: Demo): string {
  return demo.first(DOCUMENT_TYPES, (s) => demo.values(s, `${DCT}modified`).length === 0 &&
    demo.values(s, `${DCT}issued`).some((v) => v.termType === 'Literal' && v.datatype.value === `${XSD}date`));
}

function placeWithOneFrenchName(demo: Demo): string {
  return demo.first([LOCATION], (p) => demo.values(p, `${SKOS}prefLabel`).filter((v) => v.termType === 'Literal' && v.language === 'fr').length === 1 &&
    demo.values(p, `${GEO}lat`).length === 1);
}

function setSemantics(demo: Demo): VariantDraft[] {
  const sheet = sheetWithBothDates(demo);
  const issued = demo.values(sheet, `${DCT}issued`)[0]!;
  const title = demo.values(sheet, `${DCT}title`).find((v) => v.termType === 'Literal' && v.language === 'fr')!;
  const descriptor = demo.first([`${CITEGO}Descriptor`], (d) => demo.values(d, `${SKOS}prefLabel`).some((v) => v.termType === 'Literal' && v.language === 'en'));
  const component = demo.first([`${CITEGO}Component`]);
  const membership = demo.first([`${ORG}Membership`]);
  const place = placeWithOneFrenchName(demo);
  const random = seededRandom(80);
  const kind = 'set semantics';
  return [
    { name: 'issued-twice-in-its-description', kind, damage: 'the publication date written twice in the sheet\'s description (a triple twice is one triple)',
      drafts: demo.adding(sheet, `dct:issued ${termToNTriples(issued)}`), verdict: conforms },
    { name: 'issued-twice-in-two-files', kind, damage: 'the publication date written again in a file of its own',
      drafts: [...demo.texts(), { name: 'again.nt', quads: [quad(named(sheet), `${DCT}issued`, issued)] }], verdict: conforms },
    { name: 'documents-file-read-twice', kind, damage: 'the file of the sheets read twice (a copy beside it)',
      drafts: [...demo.texts(), ...demo.texts().filter((f) => f.name === demo.fileOf(sheet).name).map((f) => ({ ...f, name: `copy-of-${f.name}` }))], verdict: conforms },
    { name: 'all-files-read-twice', kind, damage: 'every file read twice', drafts: [...demo.texts(), ...demo.texts().map((f) => ({ ...f, name: `copy-of-${f.name}` }))], verdict: conforms },
    { name: 'title-again-tagged-FR', kind, damage: 'the French title written again, tagged @FR: the same literal once tags are normalised',
      drafts: demo.adding(sheet, `dct:title ${termToNTriples(text(title.value, 'FR'))}`), verdict: conforms },
    { name: 'title-again-in-another-file', kind, damage: 'the French title written again in a file of its own (sh:uniqueLang sees one value)',
      drafts: [...demo.texts(), { name: 'again.nt', quads: [quad(named(sheet), `${DCT}title`, title)] }], verdict: conforms },
    { name: 'scale-twice', kind, damage: 'a descriptor\'s single scale written twice',
      drafts: demo.adding(descriptor, `citego:scale ${termToNTriples(demo.values(descriptor, `${CITEGO}scale`)[0]!)}`), verdict: conforms },
    { name: 'colour-twice', kind, damage: 'a component\'s single colour written twice',
      drafts: demo.adding(component, `citego:colour ${termToNTriples(demo.values(component, `${CITEGO}colour`)[0]!)}`), verdict: conforms },
    { name: 'member-twice-in-another-file', kind, damage: 'a membership\'s single member written again in another file',
      drafts: [{ name: 'again.nt', quads: [quad(named(membership), `${ORG}member`, demo.values(membership, `${ORG}member`)[0]!)] }, ...demo.texts()], verdict: conforms },
    { name: 'latitude-twice', kind, damage: 'a place\'s single latitude written twice, the same way',
      drafts: demo.adding(place, `geo:lat ${demo.values(place, `${GEO}lat`)[0]!.value}`), verdict: conforms },
    { name: 'label-again-tagged-EN', kind, damage: 'a descriptor\'s English label again, tagged @EN',
      drafts: demo.adding(descriptor, `skos:prefLabel ${termToNTriples(text(demo.values(descriptor, `${SKOS}prefLabel`).find((v) => v.termType === 'Literal' && v.language === 'en')!.value, 'EN'))}`),
      verdict: conforms },
    { name: 'type-twice', kind, damage: 'a sheet\'s type written twice',
      drafts: demo.adding(sheet, `a ${termToNTriples(demo.values(sheet, RDF_TYPE)[0]!)}`), verdict: conforms },
    { name: 'all-triples-shuffled', kind, damage: 'every triple of the data in one file, in random order (every description scattered)',
      drafts: [{ name: 'shuffled.nt', quads: shuffle([...demo.all], random) }], verdict: conforms },
    { name: 'files-in-reverse-order', kind, damage: 'the files read in reverse order (sheets before the descriptors and places they link to)',
      drafts: [...demo.texts()].reverse(), verdict: conforms },
    { name: 'sheet-split-across-files', kind, damage: 'a sheet\'s triples split between two files, the later half read first',
      drafts: (() => {
        const own = demo.all.filter((q) => q.subject.value === sheet);
        const rest = demo.triples((quads) => quads.filter((q) => q.subject.value !== sheet));
        return [{ name: 'second-half.nt', quads: own.slice(own.length / 2) }, ...rest, { name: 'first-half.nt', quads: own.slice(0, own.length / 2) }];
      })(),
      verdict: conforms },
    { name: 'data-dealt-into-three-files', kind, damage: 'the data shuffled and dealt into three files', drafts: splitRandomly(shuffle([...demo.all], random), 3, random)
      .map((quads, i) => ({ name: `part-${i + 1}.nt`, quads })), verdict: conforms },
  ];
}

function classAxioms(demo: Demo): VariantDraft[] {
  const sheet = sheetWithBothDates(demo);
  const memo = `${BASE}id/class/Memo`;
  const withoutTitles = (d: string): string => d.replace(/\n {4}dct:title [^\n]*(\n {8}[^\n]*)*?;(?=\n)/, '');
  const retype = (d: string, type: string): string => replaceOnce(d, /^(<[^>]*>) a citego:\w+/, `$1 a ${type}`);
  // Statements added at the end of a file, whose prefixes they cannot count on: IRIs in full.
  const appended = (drafts: Draft[], file: string, lines: string): Draft[] =>
    drafts.map((f) => (f.name === file && 'text' in f ? { ...f, text: `${f.text}\n${lines}\n` } : f));
  const subClassOf = (subclass: string, ...superclasses: string[]): string => `${subclass} <${RDFS}subClassOf> ${superclasses.join(' , ')} .`;
  const documents = demo.fileOf(sheet).name;
  const titleMissing = result(sheet, 'Document-title-required', 'MinCount');
  const notModel = (cls: string): ExpectedResult => result(sheet, 'Type-defined', 'In', cls);
  const descriptor = demo.mostLinked([`${CITEGO}Descriptor`]);
  const theme = `${BASE}id/class/Theme`;
  const place = demo.mostLinked([LOCATION]);
  const kind = 'class axioms';
  return [
    { name: 'sheet-of-a-class-declared-after-it', kind,
      damage: 'a sheet without title typed with a class the data declares a kind of citego:Document, after the sheet',
      drafts: appended(demo.editing(sheet, (d) => withoutTitles(retype(d, '<id/class/Memo>'))), documents, subClassOf('<id/class/Memo>', '<ontology#Document>')),
      verdict: { results: [titleMissing, notModel(memo)] } },
    { name: 'sheet-of-a-class-chain-declared-after-it', kind,
      damage: 'the same, through a chain of two classes declared after the sheet',
      drafts: appended(demo.editing(sheet, (d) => withoutTitles(retype(d, '<id/class/Memo>'))), documents,
        `${subClassOf('<id/class/Memo>', '<id/class/Note>')}\n${subClassOf('<id/class/Note>', '<ontology#Document>')}`),
      verdict: { results: [titleMissing, notModel(memo)] } },
    { name: 'sheet-of-a-class-chain-declared-top-down-before-it', kind,
      damage: 'the same, the chain declared from the top, in the first file read',
      drafts: (() => {
        const edited = demo.editing(sheet, (d) => withoutTitles(retype(d, '<id/class/Memo>')));
        const first = edited[0]!;
        return [{ name: first.name, text: `@prefix citego: <ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<id/class/Note> rdfs:subClassOf citego:Document .\n<id/class/Memo> rdfs:subClassOf <id/class/Note> .\n${'text' in first ? first.text : ''}` }, ...edited.slice(1)];
      })(),
      verdict: { results: [titleMissing, notModel(memo)] } },
    { name: 'sheet-of-a-blank-node-class', kind,
      damage: 'a sheet without title typed with a class written as a blank node, declared a kind of citego:Document',
      drafts: appended(demo.editing(sheet, (d) => withoutTitles(retype(d, '_:memo'))), documents, subClassOf('_:memo', '<ontology#Document>')),
      verdict: { results: [titleMissing, result(sheet, 'Type-defined', 'In', '_:')] } },
    { name: 'sheet-of-a-declared-class-with-its-title', kind,
      damage: 'a complete sheet typed with a class the data declares a kind of citego:Document: only the class is refused',
      drafts: appended(demo.editing(sheet, (d) => retype(d, '<id/class/Memo>')), documents, subClassOf('<id/class/Memo>', '<ontology#Document>')),
      verdict: { results: [notModel(memo)] } },
    { name: 'sheet-of-a-class-in-a-cycle', kind,
      damage: 'a sheet without title typed with a class that is a kind of citego:Document and of a class that is a kind of it (a cycle)',
      drafts: appended(demo.editing(sheet, (d) => withoutTitles(retype(d, '<id/class/Memo>'))), documents,
        `${subClassOf('<id/class/Memo>', '<id/class/Note>', '<ontology#Document>')}\n${subClassOf('<id/class/Note>', '<id/class/Memo>')}`),
      verdict: { results: [titleMissing, notModel(memo)] }, referenceDeviations: ['subclass-cycle'] },
    { name: 'two-classes-subclasses-of-each-other', kind,
      damage: 'two classes declared subclasses of each other, below citego:Document, and nothing typed with them',
      drafts: appended(demo.texts(), documents, `${subClassOf('<id/class/Memo>', '<id/class/Note>', '<ontology#Document>')}\n${subClassOf('<id/class/Note>', '<id/class/Memo>')}`),
      verdict: conforms, referenceDeviations: ['subclass-cycle'] },
    { name: 'descriptor-of-a-class-declared-after-the-sheets', kind,
      damage: 'the descriptor most linked to typed with a class the last file read declares a kind of citego:Descriptor',
      drafts: appended(demo.editing(descriptor, (d) => retype(d, '<id/class/Theme>')), demo.files[demo.files.length - 1]!.name,
        subClassOf('<id/class/Theme>', '<ontology#Descriptor>')),
      verdict: { results: [result(descriptor, 'Type-defined', 'In', theme)] } },
    { name: 'descriptor-of-a-class-declared-before-everything', kind,
      damage: 'the same, the class declared in a file read first',
      drafts: [{ name: 'classes.nt', quads: [quad(named(theme), `${RDFS}subClassOf`, named(`${CITEGO}Descriptor`))] },
        ...demo.editing(descriptor, (d) => retype(d, '<id/class/Theme>'))],
      verdict: { results: [result(descriptor, 'Type-defined', 'In', theme)] } },
    { name: 'descriptor-of-a-blank-node-class', kind,
      damage: 'the same, the class a blank node declared after the descriptor in its file',
      drafts: appended(demo.editing(descriptor, (d) => retype(d, '_:theme')), demo.fileOf(descriptor).name,
        subClassOf('_:theme', '<ontology#Descriptor>')),
      verdict: { results: [result(descriptor, 'Type-defined', 'In', '_:')] } },
    { name: 'place-of-a-class-declared-in-the-triples', kind,
      damage: 'the place most linked to typed, in N-Triples, with a class declared a kind of dct:Location at the end of the last file',
      drafts: (() => {
        const city = named(`${BASE}id/class/City`);
        const files = demo.triples((quads) => quads.map((q) => (q.subject.value === place && q.predicate.value === RDF_TYPE ? { ...q, object: city } : q)));
        return [...files, { name: 'classes.nt', quads: [quad(city, `${RDFS}subClassOf`, named(LOCATION))] }];
      })(),
      verdict: { results: [result(place, 'Type-defined', 'In', `${BASE}id/class/City`)] } },
  ];
}

function literals(demo: Demo): VariantDraft[] {
  const place = placeWithOneFrenchName(demo);
  const descriptor = demo.first([`${CITEGO}Descriptor`], (d) => demo.values(d, `${SKOS}prefLabel`).filter((v) => v.termType === 'Literal' && v.language === 'fr').length === 1);
  const latitude = (value: string): Draft[] => demo.editing(place, (d) => replaceOnce(d, /geo:lat [-0-9.]+/, `geo:lat ${value}`));
  const asDecimal = (value: string): string => `"${value}"^^<${XSD}decimal>`;
  const rangeOfLatitude = (value: string, components: string[]): Verdict =>
    ({ results: components.map((c) => result(place, 'Place-latitude', c, decimal(value))) });
  const retag = (subject: string, tag: string): Draft[] => demo.editing(subject, (d) => replaceOnce(d, /("[^"]*")@fr\b/, `$1@${tag}`));
  const kind = 'literals';
  return [
    { name: 'place-french-name-tagged-fra', kind, damage: 'a place\'s only French name tagged @fra (ISO 639-3 for French, but not the range "fr")',
      drafts: retag(place, 'fra'), verdict: { results: [result(place, 'Place-label-french', 'QualifiedMinCount')] }, referenceDeviations: ['language-range'] },
    { name: 'place-french-name-tagged-frr', kind, damage: 'a place\'s only French name tagged @frr (North Frisian)',
      drafts: retag(place, 'frr'), verdict: { results: [result(place, 'Place-label-french', 'QualifiedMinCount')] }, referenceDeviations: ['language-range'] },
    { name: 'place-french-name-tagged-fr-CA', kind, damage: 'a place\'s only French name tagged @fr-CA, which the range "fr" covers',
      drafts: retag(place, 'fr-CA'), verdict: conforms },
    { name: 'descriptor-french-label-tagged-fra', kind, damage: 'a descriptor\'s only French label tagged @fra',
      drafts: retag(descriptor, 'fra'), verdict: { results: [result(descriptor, 'Concept-label-french', 'QualifiedMinCount')] }, referenceDeviations: ['language-range'] },
    { name: 'latitude-with-a-decimal-comma', kind, damage: 'a latitude written "54,5260"^^xsd:decimal: not a decimal, so not comparable with -90 and 90',
      drafts: latitude(asDecimal('54,5260')), verdict: rangeOfLatitude('54,5260', ['Datatype', 'MinInclusive', 'MaxInclusive']), referenceDeviations: ['ill-formed-comparison'] },
    { name: 'latitude-with-two-minus-signs', kind, damage: 'a latitude written "--8.7832"^^xsd:decimal',
      drafts: latitude(asDecimal('--8.7832')), verdict: rangeOfLatitude('--8.7832', ['Datatype', 'MinInclusive', 'MaxInclusive']), referenceDeviations: ['decimal-lexical-space'] },
    { name: 'latitude-in-scientific-notation', kind, damage: 'a latitude written "1e2"^^xsd:decimal, which is a double\'s form',
      drafts: latitude(asDecimal('1e2')), verdict: rangeOfLatitude('1e2', ['Datatype', 'MinInclusive', 'MaxInclusive']), referenceDeviations: ['ill-formed-comparison'] },
    { name: 'latitude-just-above-90', kind, damage: 'a latitude of 90.00000000000000001, above 90 as a decimal, equal to it as a float',
      drafts: latitude('90.00000000000000001'), verdict: rangeOfLatitude('90.00000000000000001', ['MaxInclusive']), referenceDeviations: ['decimal-comparison'] },
    { name: 'latitude-just-below-minus-90', kind, damage: 'a latitude of -90.00000000000000001',
      drafts: latitude('-90.00000000000000001'), verdict: rangeOfLatitude('-90.00000000000000001', ['MinInclusive']), referenceDeviations: ['decimal-comparison'] },
    { name: 'latitude-of-exactly-90', kind, damage: 'a latitude of 90.000, at the bound', drafts: latitude('90.000'), verdict: conforms },
    { name: 'latitude-as-a-double', kind, damage: 'a latitude written as an xsd:double: in range, but not an xsd:decimal',
      drafts: latitude(`"54.526"^^<${XSD}double>`), verdict: { results: [result(place, 'Place-latitude', 'Datatype', typed('54.526', `${XSD}double`))] } },
  ];
}

function texts(demo: Demo): VariantDraft[] {
  const sheet = sheetWithBothDates(demo);
  const person = demo.first([`${FOAF}Person`], (p) => demo.values(p, `${FOAF}name`).length === 1);
  const dossier = demo.first([`${CITEGO}Dossier`]);
  const descriptor = demo.first([`${CITEGO}Descriptor`], (d) => demo.values(d, `${SKOS}definition`).length > 0);
  const escaped = (value: string): string => JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  /** A variant with a thing's French text of a property replaced: refused by `shape` or not. */
  const frenchText = (variant: { name: string; damage: string }, subject: string, prefixed: string, shape: string, value: string, refused: boolean,
    deviation?: DeviationName): VariantDraft => ({
    ...variant, kind: 'texts',
    drafts: demo.editing(subject, (d) => replaceOnce(d, new RegExp(`${prefixed} ("\"\"[^]*?\"\"\"|"[^"]*")@fr`), `${prefixed} ${escaped(value)}@fr`)),
    verdict: { results: refused ? [result(subject, shape, 'Node', text(value, 'fr'))] : [] },
    referenceDeviations: deviation ? [deviation] : [],
  });
  const name = (value: string): Draft[] => demo.editing(person, (d) => replaceOnce(d, /foaf:name "[^"]*"/, `foaf:name ${escaped(value)}`));
  const nameResult = (shape: string, component: string, value: string): ExpectedResult => result(person, shape, component, text(value));
  const titled = (n: string, damage: string, value: string, refused: boolean, deviation?: DeviationName): VariantDraft =>
    frenchText({ name: n, damage }, sheet, 'dct:title', 'Title-text', value, refused, deviation);
  const kind = 'texts';
  return [
    titled('title-with-a-nul', 'a NUL character in a title', 'Une régie\u0000 agricole', true, 'xpath-regular-expressions'),
    titled('title-with-a-bell', 'a bell character (U+0007) in a title', 'Une régie agricole\u0007', true, 'xpath-regular-expressions'),
    titled('title-with-a-line-break', 'a line break in a title', 'Une régie\nagricole', true, 'xpath-regular-expressions'),
    titled('title-with-a-delete', 'a delete character (U+007F) in a title', 'Une régie\u007f agricole', true, 'xpath-regular-expressions'),
    titled('title-empty', 'an empty title ""@fr', '', true),
    titled('title-of-spaces', 'a title of three spaces', '   ', true),
    titled('title-of-no-break-spaces', 'a title of two no-break spaces (separators, no letter)', '\u00a0\u00a0', true),
    titled('title-of-the-letter-p', 'a one-letter title "p": visible text', 'p', false, 'xpath-regular-expressions'),
    frenchText({ name: 'abstract-with-an-escape-character', damage: 'a terminal escape sequence (U+001B) in an abstract' },
      sheet, 'dct:abstract', 'Abstract-text', 'Une fiche.\u001b[0m Fin.', true, 'xpath-regular-expressions'),
    frenchText({ name: 'abstract-in-paragraphs', damage: 'an abstract in paragraphs, with line breaks and a tab: allowed in long texts' },
      sheet, 'dct:abstract', 'Abstract-text', 'Premier paragraphe.\n\n\tSecond paragraphe.\r\nFin.', false),
    frenchText({ name: 'dossier-description-with-a-nul', damage: 'a NUL character in a dossier\'s description' },
      dossier, 'dct:description', 'Description-text', 'Un dossier\u0000.', true, 'xpath-regular-expressions'),
    frenchText({ name: 'definition-with-a-control-character', damage: 'a control character (U+0002) in a descriptor\'s definition' },
      descriptor, 'skos:definition', 'Definition-text', 'Une notion\u0002.', true, 'xpath-regular-expressions'),
    { name: 'person-name-of-two-spaces', kind, damage: 'a person\'s name made of two spaces: two characters, none visible',
      drafts: name('  '), verdict: { results: [nameResult('Name-text', 'Node', '  ')] } },
    { name: 'person-name-of-one-character-outside-the-bmp', kind, damage: 'a person\'s name of one character, "𠀀", two UTF-16 units: shorter than two characters',
      drafts: name('𠀀'), verdict: { results: [nameResult('Person-name-text', 'MinLength', '𠀀')] }, referenceDeviations: ['string-length'] },
    { name: 'person-name-of-two-characters', kind, damage: 'a person\'s name of two characters, "Lê"', drafts: name('Lê'), verdict: conforms },
    { name: 'person-name-with-a-c1-control', kind, damage: 'a C1 control character (U+0085) at the end of a person\'s name',
      drafts: name('Zoé Martin\u0085'), verdict: { results: [nameResult('Name-text', 'Node', 'Zoé Martin\u0085')] }, referenceDeviations: ['xpath-regular-expressions'] },
    { name: 'person-name-with-a-nul', kind, damage: 'a NUL at the end of a person\'s name: no XML character, so not an xsd:string either',
      drafts: name('Zoé Martin\u0000'),
      verdict: { results: [nameResult('Name-text', 'Node', 'Zoé Martin\u0000'), nameResult('Person-name-text', 'Or', 'Zoé Martin\u0000')] },
      referenceDeviations: ['xpath-regular-expressions', 'xml-characters'] },
  ];
}

function escapes(demo: Demo): VariantDraft[] {
  const analysis = demo.mostLinked([`${CITEGO}Analysis`]);
  const person = demo.mostLinked([`${FOAF}Person`]);
  const place = demo.mostLinked([LOCATION]);
  const descriptor = demo.mostLinked([`${CITEGO}Descriptor`]);
  const sheet = demo.mostLinked(DOCUMENT_TYPES);
  const retype = (subject: string, type: string | undefined): Draft[] =>
    demo.editing(subject, (d) => replaceOnce(d, /^(<[^>]*>) a [\w:]+ ;/, type ? `$1 a ${type} ;` : '$1'));
  const escaped = (subject: string, type?: string): ExpectedResult[] => [
    ...(type ? [result(subject, 'Type-defined', 'In', type)] : []),
    result(subject, 'Resource', 'Or'),
    ...demo.linksTo(subject),
  ];
  const kind = 'escapes';
  return [
    { name: 'sheet-class-misspelt', kind, damage: 'the analysis most linked to typed citego:Analyse: it would escape every shape of sheets',
      drafts: retype(analysis, 'citego:Analyse'), verdict: { results: escaped(analysis, `${CITEGO}Analyse`) } },
    { name: 'person-class-misspelt', kind, damage: 'the person most linked to typed foaf:Persn',
      drafts: retype(person, '<http://xmlns.com/foaf/0.1/Persn>'), verdict: { results: escaped(person, `${FOAF}Persn`) } },
    { name: 'place-class-misspelt', kind, damage: 'the place most linked to typed dct:Locatoin',
      drafts: retype(place, 'dct:Locatoin'), verdict: { results: escaped(place, `${DCT}Locatoin`) } },
    { name: 'descriptor-class-misspelt', kind, damage: 'the descriptor most linked to typed citego:Descripteur',
      drafts: retype(descriptor, 'citego:Descripteur'), verdict: { results: escaped(descriptor, `${CITEGO}Descripteur`) } },
    { name: 'sheet-without-type', kind, damage: 'the sheet most linked to left without any type',
      drafts: retype(sheet, undefined), verdict: { results: escaped(sheet) } },
    { name: 'sheet-typed-only-as-a-schema-article', kind, damage: 'the sheet most linked to typed schema:Article only: a class of the model, but no shape checks it',
      drafts: retype(sheet, '<http://schema.org/Article>'), verdict: { results: escaped(sheet) } },
    { name: 'untyped-thing-with-a-title', kind, damage: 'a thing with a title and nothing else: CITEGO data of no kind',
      drafts: [...demo.texts(), { name: 'orphan.nt', quads: [quad(named(`${BASE}id/document/orphan`), `${DCT}title`, text('Une fiche orpheline', 'fr'))] }],
      verdict: { results: [result(`${BASE}id/document/orphan`, 'Resource', 'Or')] } },
    { name: 'typed-thing-of-an-unknown-class', kind, damage: 'a thing typed with a class no one defines, and no CITEGO property',
      drafts: [...demo.texts(), { name: 'other.nt', quads: [quad(named(`${BASE}id/other/x`), RDF_TYPE, named('http://example.org/Widget'))] }],
      verdict: { results: [result(`${BASE}id/other/x`, 'Type-defined', 'In', 'http://example.org/Widget')] } },
    { name: 'blank-node-sheet-without-type', kind, damage: 'an untyped blank node with a title and an abstract',
      drafts: [...demo.texts(), { name: 'blank.nt', quads: [quad(blank('sheet'), `${DCT}title`, text('Sans nom', 'fr')), quad(blank('sheet'), `${DCT}abstract`, text('Une fiche anonyme.', 'fr'))] }],
      verdict: { results: [{ focus: '_:', shape: 'Resource', component: 'Or' }] } },
  ];
}

function links(demo: Demo): VariantDraft[] {
  const sheet = sheetWithBothDates(demo);
  const place = demo.first([LOCATION], (p) => demo.values(p, `${OWL}sameAs`).length > 0);
  const descriptor = demo.first([`${CITEGO}Descriptor`]);
  const component = demo.first([`${CITEGO}Component`], (c) => demo.values(c, `${SKOS}inScheme`).length > 0);
  const homepage = demo.first([...ORGANISATION_TYPES, `${FOAF}Person`], (a) => demo.values(a, `${FOAF}homepage`).length > 0);
  const homepageShape = demo.typesOf(homepage).includes(`${FOAF}Person`) ? 'Person-homepage-link' : 'Organization-homepage-link';
  const source = demo.values(sheet, `${DCT}source`)[0]!.value;
  const sameAs = demo.values(place, `${OWL}sameAs`)[0]!.value;
  const kind = 'links';
  return [
    { name: 'source-link-without-scheme', kind, damage: 'a sheet\'s original page written <www.citego.org/…>: a relative IRI, which resolves inside the service',
      drafts: demo.editing(sheet, (d) => replaceOnce(d, `<${source}>`, `<${source.replace(/^https?:\/\//, '')}>`)),
      verdict: { results: [result(sheet, 'Document-source-link', 'Node', `${BASE}${source.replace(/^https?:\/\//, '')}`)] } },
    { name: 'source-link-with-ftp-scheme', kind, damage: 'a sheet\'s original page given with the ftp scheme',
      drafts: demo.editing(sheet, (d) => replaceOnce(d, `<${source}>`, `<${source.replace(/^https?/, 'ftp')}>`)),
      verdict: { results: [result(sheet, 'Document-source-link', 'Node', source.replace(/^https?/, 'ftp'))] } },
    { name: 'homepage-without-scheme', kind, damage: 'a homepage written without its scheme',
      drafts: demo.editing(homepage, (d) => replaceOnce(d, /foaf:homepage <https?:\/\/([^>]*)>/, 'foaf:homepage <$1>')),
      verdict: { results: [result(homepage, homepageShape, 'Node', `${BASE}${demo.values(homepage, `${FOAF}homepage`)[0]!.value.replace(/^https?:\/\//, '')}`)] } },
    { name: 'same-as-without-scheme', kind, damage: 'a place\'s identity link written <www.wikidata.org/entity/…>',
      drafts: demo.editing(place, (d) => replaceOnce(d, `<${sameAs}>`, `<${sameAs.replace(/^https?:\/\//, '')}>`)),
      verdict: { results: [result(place, 'SameAs-link', 'Node', `${BASE}${sameAs.replace(/^https?:\/\//, '')}`)] } },
    { name: 'same-as-as-text-on-a-place', kind, damage: 'a place\'s identity link given as a text',
      drafts: demo.editing(place, (d) => replaceOnce(d, `<${sameAs}>`, JSON.stringify(sameAs))),
      verdict: { results: [result(place, 'SameAs-link', 'Node', text(sameAs))] } },
    { name: 'same-as-as-text-on-a-sheet', kind, damage: 'a sheet\'s identity link given as a text (sheets had no rule for it)',
      drafts: demo.adding(sheet, `<${OWL}sameAs> "http://www.wikidata.org/entity/Q1"`),
      verdict: { results: [result(sheet, 'SameAs-link', 'Node', text('http://www.wikidata.org/entity/Q1'))] } },
    { name: 'exact-match-as-text', kind, damage: 'a descriptor\'s exact match given as a text',
      drafts: demo.adding(descriptor, `<${SKOS}exactMatch> "http://www.wikidata.org/entity/Q2"`),
      verdict: { results: [result(descriptor, 'ExactMatch-link', 'Node', text('http://www.wikidata.org/entity/Q2'))] } },
    { name: 'component-scheme-as-text', kind, damage: 'a component\'s scheme given as a text',
      drafts: demo.editing(component, (d) => replaceOnce(d, /skos:inScheme <[^>]*>/, 'skos:inScheme "components"')),
      verdict: { results: [result(component, 'InScheme-scheme', 'Class', text('components'))] } },
    { name: 'component-top-concept-of-a-place', kind, damage: 'a component declared the top concept of a place',
      drafts: demo.adding(component, `<${SKOS}topConceptOf> <${relative(place)}>`),
      verdict: { results: [result(component, 'TopConceptOf-scheme', 'Class', place)] } },
    { name: 'licence-as-text', kind, damage: 'a sheet\'s licence given as a text',
      drafts: demo.adding(sheet, `<${DCT}license> "CC BY-SA 4.0"`),
      verdict: { results: [result(sheet, 'Document-license-link', 'Node', text('CC BY-SA 4.0'))] } },
  ];
}

function dates(demo: Demo): VariantDraft[] {
  const dayOnly = sheetWithDayOnly(demo);
  const both = sheetWithBothDates(demo);
  const issuedOf = (s: string): Term => demo.values(s, `${DCT}issued`)[0]!;
  const modifiedOf = (s: string): Term => demo.values(s, `${DCT}modified`)[0]!;
  const issued = (subject: string, literal: string): Draft[] => demo.editing(subject, (d) => replaceOnce(d, /dct:issued "[^"]*"\^\^xsd:\w+/, `dct:issued ${literal}`));
  const modified = (literal: string): Draft[] => demo.editing(both, (d) => replaceOnce(d, /dct:modified "[^"]*"\^\^xsd:\w+/, `dct:modified ${literal}`));
  const notADate = (value: string): Verdict => ({ results: [result(dayOnly, 'Document-issued-date', 'Or', xsdDate(value))] });
  const modifiedDay = (modifiedOf(both) as { value: string }).value;
  const day = (iso: string, shift: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + shift * 86400000).toISOString().slice(0, 10);
  const kind = 'dates';
  return [
    { name: 'issued-30-february', kind, damage: 'a publication date of 30 February', drafts: issued(dayOnly, '"2013-02-30"^^xsd:date'),
      verdict: notADate('2013-02-30'), referenceDeviations: ['calendar-dates'] },
    { name: 'issued-29-february-2017', kind, damage: 'a publication date of 29 February in a year that is not leap',
      drafts: issued(dayOnly, '"2017-02-29"^^xsd:date'), verdict: notADate('2017-02-29'), referenceDeviations: ['calendar-dates'] },
    { name: 'issued-29-february-2016', kind, damage: 'a publication date of 29 February in a leap year', drafts: issued(dayOnly, '"2016-02-29"^^xsd:date'), verdict: conforms },
    { name: 'issued-29-february-1900', kind, damage: 'a publication date of 29 February 1900 (divisible by 100, not by 400: not leap)',
      drafts: issued(dayOnly, '"1900-02-29"^^xsd:date'), verdict: notADate('1900-02-29'), referenceDeviations: ['calendar-dates'] },
    { name: 'issued-29-february-2000', kind, damage: 'a publication date of 29 February 2000 (divisible by 400: leap)', drafts: issued(dayOnly, '"2000-02-29"^^xsd:date'), verdict: conforms },
    { name: 'issued-31-april', kind, damage: 'a publication date of 31 April', drafts: issued(dayOnly, '"2013-04-31"^^xsd:date'),
      verdict: notADate('2013-04-31'), referenceDeviations: ['calendar-dates'] },
    { name: 'issued-thirteenth-month-as-a-year-month', kind, damage: 'a publication month "2014-13"^^xsd:gYearMonth',
      drafts: issued(dayOnly, '"2014-13"^^xsd:gYearMonth'),
      verdict: { results: ['Or', 'Pattern'].map((c) => result(dayOnly, 'Document-issued-date', c, typed('2014-13', `${XSD}gYearMonth`))) },
      referenceDeviations: ['calendar-dates'] },
    { name: 'modified-30-february', kind, damage: 'a modification date of 30 February: not a date, and so not comparable with the publication date',
      drafts: modified('"2017-02-30"^^xsd:date'),
      verdict: { results: [result(both, 'Document-modified-date', 'Datatype', xsdDate('2017-02-30')), result(both, 'Document-modified-after-issued', 'LessThanOrEquals', issuedOf(both))] },
      referenceDeviations: ['calendar-dates', 'ill-formed-comparison'] },
    { name: 'modified-before-issued', kind, damage: 'a modification date the day before the publication date',
      drafts: modified(`"${day((issuedOf(both) as { value: string }).value, -1)}"^^xsd:date`),
      verdict: { results: [result(both, 'Document-modified-after-issued', 'LessThanOrEquals', issuedOf(both))] } },
    { name: 'modified-on-the-day-of-issue', kind, damage: 'a modification date on the day of publication', drafts: modified(`"${(issuedOf(both) as { value: string }).value}"^^xsd:date`), verdict: conforms },
    { name: 'issued-as-a-year-modified-later', kind, damage: 'a publication date given as the year before the modification',
      drafts: issued(both, `"${Number(modifiedDay.slice(0, 4)) - 1}"^^xsd:gYear`), verdict: conforms },
    { name: 'issued-as-a-year-after-modified', kind, damage: 'a publication date given as the year after the modification',
      drafts: issued(both, `"${Number(modifiedDay.slice(0, 4)) + 1}"^^xsd:gYear`),
      verdict: { results: [result(both, 'Document-modified-after-issued', 'LessThanOrEquals', typed(String(Number(modifiedDay.slice(0, 4)) + 1), `${XSD}gYear`))] } },
    { name: 'issued-as-the-month-of-modification', kind, damage: 'a publication date given as the month of the modification, which starts it',
      drafts: issued(both, `"${modifiedDay.slice(0, 7)}"^^xsd:gYearMonth`), verdict: conforms },
    { name: 'modified-as-text', kind, damage: 'a modification date given as a text',
      drafts: modified('"l\'an dernier"'),
      verdict: { results: [
        result(both, 'Document-modified-date', 'Datatype', text('l\'an dernier')), result(both, 'Document-modified-date', 'Pattern', text('l\'an dernier')),
        result(both, 'Document-modified-after-issued', 'LessThanOrEquals', issuedOf(both)),
      ] } },
  ];
}

function syntax(demo: Demo): VariantDraft[] {
  const sheet = sheetWithBothDates(demo);
  const documents = demo.fileOf(sheet);
  const source = demo.values(sheet, `${DCT}source`)[0]!.value;
  /** A variant whose file `file` is the demo file edited by `edit`, with the error expected at `at` in the edited text. */
  const broken = (name: string, damage: string, edit: (t: string) => string, at: (t: string) => number, problem: SyntaxProblem['kind'], withColumn = true): VariantDraft => {
    const edited = edit(documents.text);
    const position = lineColumn(edited, at(edited));
    const index = demo.files.indexOf(documents);
    return {
      name, kind: 'syntax', damage,
      drafts: demo.texts().map((f) => (f.name === documents.name ? { ...f, text: edited } : f)),
      verdict: { syntaxError: { file: `${String(index + 1).padStart(2, '0')}-${documents.name}`, line: position.line, column: withColumn ? position.column : undefined, problem } },
    };
  };
  const spaced = source.replace(/\/([^/]+)$/, '/ $1');
  const title = literalIn(documents.text.slice(documents.text.indexOf(`<${relative(sheet)}>`)), 'dct:title');
  const endOfSheet = (t: string): number => t.indexOf('\n\n', t.indexOf(`<${relative(sheet)}>`));
  return [
    broken('iri-with-a-space', 'a space in an IRI, as when a URL is copied with one', (t) => replaceOnce(t, `<${source}>`, `<${spaced}>`),
      (t) => t.indexOf(`<${spaced}>`), 'space-in-iri'),
    broken('prefix-not-declared', 'the @prefix of dct: removed from the file of the sheets', (t) => replaceOnce(t, /@prefix dct: <[^>]*> \.\n/, ''),
      (t) => t.indexOf('dct:', t.indexOf('\n<')), 'undefined-prefix'),
    broken('missing-dot-after-a-sheet', 'the dot that ends a sheet\'s description left out', (t) => {
      const end = endOfSheet(t);
      return t.slice(0, end - 2) + t.slice(end);
    }, (t) => endOfSheet(t), 'statement-not-ended'),
    broken('title-typed-lang-string', 'a title typed ^^rdf:langString instead of tagged', (t) => replaceOnce(t, `${title}@fr`, `${title}^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>`),
      (t) => t.indexOf(`${title}^^<`) + title.length + 2, 'lang-string-datatype'),
    broken('title-not-closed', 'a title without its closing quotation mark', (t) => replaceOnce(t, `${title}@fr`, `${title.slice(0, -1)}@fr`),
      (t) => t.indexOf(`${title.slice(0, -1)}@fr`), 'unterminated-string', false),
  ];
}

function encoding(demo: Demo): VariantDraft[] {
  const documents = demo.files.find((f) => /[^\x00-\x7f]/.test(f.text))!;
  const index = (file: DemoFile): number => demo.files.indexOf(file);
  const numbered = (file: DemoFile): string => `${String(index(file) + 1).padStart(2, '0')}-${file.name}`;
  const withBytes = (file: DemoFile, bytes: Uint8Array): { bytes: CorpusFile[] } => ({
    bytes: demo.files.map((f, i) => ({
      name: `${String(i + 1).padStart(2, '0')}-${f.name}`, format: 'text/turtle', bytes: f === file ? bytes : new TextEncoder().encode(f.text),
    })),
  });
  const firstAccent = documents.text.search(/[^\x00-\x7f]/);
  const accent = lineColumn(documents.text, firstAccent);
  const utf8 = new TextEncoder().encode(documents.text);
  // The last character written with several bytes, cut after its first byte.
  let cut = utf8.length - 1;
  while (cut > 0 && utf8[cut]! < 0xc0) cut--;
  const cutText = new TextDecoder().decode(utf8.subarray(0, cut));
  const kind = 'encoding';
  return [
    { name: 'file-in-latin-1', kind, damage: 'a file saved in Latin-1: its accented letters are single bytes that are not UTF-8',
      drafts: withBytes(documents, Uint8Array.from(documents.text, (c) => c.charCodeAt(0) & 0xff)),
      verdict: { syntaxError: { file: numbered(documents), line: accent.line, column: accent.column, problem: 'not-utf8' } } },
    { name: 'file-in-utf-16', kind, damage: 'a file saved in UTF-16, with its byte order mark',
      drafts: withBytes(documents, new Uint8Array(Buffer.from(`\ufeff${documents.text}`, 'utf16le'))),
      verdict: { syntaxError: { file: numbered(documents), line: 1, column: 1, problem: 'not-utf8' } } },
    { name: 'file-cut-inside-a-character', kind, damage: 'a file cut short in the middle of a character written with several bytes',
      drafts: withBytes(documents, utf8.subarray(0, cut + 1)),
      verdict: { syntaxError: { file: numbered(documents), ...lineColumn(cutText, cutText.length), problem: 'not-utf8' } } },
  ];
}

// ---- running a variant -----------------------------------------------------------------------

/** A result as the corpus compares it. */
export function expectedKey(r: ExpectedResult): string {
  return [r.focus, r.shape, r.component, r.value ?? ''].join(' | ');
}

export function resultKey(r: ValidationResult): string {
  const local = (iri: string): string => iri.slice(iri.lastIndexOf('#') + 1);
  const focus = r.focusNode.termType === 'BlankNode' ? '_:' : r.focusNode.value;
  const isFocus = r.value !== undefined && r.value.termType === r.focusNode.termType && r.value.value === r.focusNode.value;
  return expectedKey({
    focus, shape: local(r.sourceShape), component: local(r.component).replace(/ConstraintComponent$/, ''),
    value: r.value === undefined || isFocus ? undefined : keyOfValue(r.value),
  });
}

export function sourcesOfVariant(variant: DamagedVariant): QuadSource[] {
  return variant.files.map((f) => bytesSource(f.name, f.bytes, f.format, BASE));
}

/** The triples of a variant that parses, for explaining the engines' disagreements. */
export async function quadsOfVariant(variant: DamagedVariant): Promise<Quad[]> {
  const quads: Quad[] = [];
  for (const source of sourcesOfVariant(variant)) await source.read((batch) => { quads.push(...batch.quads); });
  return quads;
}

/** What one engine made of a variant: results, a syntax error, or a failure. */
export type EngineVerdict =
  | { readonly outcome: ValidationOutcome }
  | { readonly syntaxError: RdfSyntaxError }
  | { readonly failure: Error };

export async function runEngine(gate: Gate, variant: DamagedVariant): Promise<EngineVerdict> {
  try {
    return { outcome: await gate.validate(sourcesOfVariant(variant)) };
  } catch (error) {
    if (error instanceof RdfSyntaxError) return { syntaxError: error };
    return { failure: error as Error };
  }
}

/** Whether an engine's verdict is the one the specification gives: undefined when it is, else what differs. */
export function departure(verdict: Verdict, got: EngineVerdict): string | undefined {
  if ('syntaxError' in verdict) {
    if (!('syntaxError' in got)) return `expected a syntax error, got ${'outcome' in got ? `${got.outcome.results.length} results` : got.failure.message}`;
    const e = got.syntaxError;
    const expected = verdict.syntaxError;
    const found = { file: e.file, line: e.line, column: expected.column === undefined ? undefined : e.column, problem: e.problem.kind };
    return JSON.stringify(found) === JSON.stringify({ file: expected.file, line: expected.line, column: expected.column, problem: expected.problem })
      ? undefined : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(found)}`;
  }
  if (!('outcome' in got)) return `expected results, got ${'syntaxError' in got ? got.syntaxError.message : got.failure.message}`;
  const expected = verdict.results.map(expectedKey).sort();
  const actual = got.outcome.results.map(resultKey).sort();
  if (JSON.stringify(expected) === JSON.stringify(actual)) return undefined;
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  return [...missing.map((k) => `missing: ${k}`), ...extra.map((k) => `unexpected: ${k}`)].join('\n') || 'the same results, in other numbers';
}

export interface VariantReport {
  readonly variant: DamagedVariant;
  /** Where the compiled engine departs from the specification's verdict (undefined: it gives it). */
  readonly compiled: string | undefined;
  /** The deviations the reference engine shows on the variant, and what no known deviation explains. */
  readonly reference: { readonly deviations: readonly DeviationName[]; readonly unexplained: readonly string[] };
}

/** Both engines on one variant, judged against the specification's verdict. */
export async function judgeVariant(variant: DamagedVariant, engines: { compiled: Gate; reference: Gate }, shapes: ShapesModel): Promise<VariantReport> {
  const [fast, slow] = await Promise.all([runEngine(engines.compiled, variant), runEngine(engines.reference, variant)]);
  const compiled = departure(variant.verdict, fast);
  if ('failure' in slow) {
    const known = slow.failure.name === 'ReferenceEngineError' ? ['subclass-cycle' as const] : [];
    return { variant, compiled, reference: { deviations: known, unexplained: known.length ? [] : [slow.failure.message] } };
  }
  if ('syntaxError' in variant.verdict || !('outcome' in fast) || !('outcome' in slow)) {
    const off = departure(variant.verdict, slow);
    return { variant, compiled, reference: { deviations: [], unexplained: off ? [off] : [] } };
  }
  const comparison = compareEngines(fast.outcome, slow.outcome, shapes, valuesIn(await quadsOfVariant(variant)));
  return { variant, compiled, reference: { deviations: [...comparison.deviations].sort(), unexplained: comparison.unexplained } };
}

// ---- run alone ---------------------------------------------------------------------------------

async function main(args: string[]): Promise<void> {
  const corpus = await buildDamagedCorpus();
  const out = args[args.indexOf('--out') + 1];
  if (args.includes('--out') && out) {
    for (const variant of corpus) {
      const dir = join(out, variant.name);
      mkdirSync(dir, { recursive: true });
      for (const file of variant.files) writeFileSync(join(dir, file.name), file.bytes);
      writeFileSync(join(dir, 'expected.json'), `${JSON.stringify({ damage: variant.damage, verdict: variant.verdict, referenceDeviations: variant.referenceDeviations }, null, 2)}\n`);
    }
    process.stdout.write(`wrote ${corpus.length} variants to ${out}\n`);
  }
  if (args.includes('--table')) {
    const engines = await bothEngines();
    const shapes = (await projectRules()).shapes;
    const rows: string[] = [];
    let right = 0;
    const byDeviation = new Map<string, number>();
    for (const variant of corpus) {
      const report = await judgeVariant(variant, engines, shapes);
      if (report.compiled === undefined) right++;
      for (const d of report.reference.deviations) byDeviation.set(d, (byDeviation.get(d) ?? 0) + 1);
      const verdict = 'syntaxError' in variant.verdict ? `syntax error (${variant.verdict.syntaxError.problem})`
        : variant.verdict.results.length === 0 ? 'conforms' : `${variant.verdict.results.length} result(s)`;
      rows.push(`| ${variant.kind} | ${variant.name} | ${verdict} | ${report.compiled === undefined ? 'yes' : `NO: ${report.compiled.split('\n')[0]}`} | ` +
        `${report.reference.unexplained.length ? `UNEXPLAINED: ${report.reference.unexplained[0]}` : report.reference.deviations.join(', ') || 'agrees'} |`);
    }
    process.stdout.write(['| kind | variant | specification\'s verdict | compiled engine gives it | reference engine |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));
    process.stdout.write(`\n\n${corpus.length} variants; the compiled engine gives the specification's verdict on ${right}.\n`);
    process.stdout.write(`Reference deviations: ${[...byDeviation].map(([d, n]) => `${d} (${n})`).join(', ')}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
