/**
 * A validation outcome told to a person, in French or English: each faulty resource with where
 * it starts in the sources and what kind of thing it is, then each problem with the property,
 * the value, the shape's own message and, where a value must be one of a list (a class, a
 * language), the nearest valid one. Also a JSON form for programs.
 */
import { allPrefixes, localName, prefixedName } from '../rdf/namespaces.js';
import type { Term } from '../rdf/terms.js';
import type { ValidationOutcome, ValidationResult } from './results.js';
import type { LanguageTexts, NodeShape, ShapesModel, Severity } from './shapes-model.js';

export type ReportLanguage = 'fr' | 'en';

/** The language of the person at the terminal, from the usual locale variables. */
export function languageFromEnvironment(env: NodeJS.ProcessEnv = process.env): ReportLanguage {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const WORDS = {
  fr: {
    violation: 'violation', warning: 'avertissement', info: 'note',
    violations: (n: number) => `${n} violation${n > 1 ? 's' : ''}`,
    warnings: (n: number) => `${n} avertissement${n > 1 ? 's' : ''}`,
    infos: (n: number) => `${n} note${n > 1 ? 's' : ''}`,
    resources: (n: number) => `${n} ressource${n > 1 ? 's' : ''}`,
    conforms: 'CONFORME',
    notConforming: 'NON CONFORME',
    checked: (triples: number) => `${formatNumber(triples, 'fr')} triplets validés`,
    on: 'sur',
    and: 'et',
    value: 'valeur',
    truncated: (n: number) => `La validation s'est arrêtée après ${formatNumber(n, 'fr')} résultats : corrigez ceux-ci et relancez-la.`,
    more: (n: number) => `… et ${formatNumber(n, 'fr')} autres résultats (option --max-results pour en voir plus).`,
    frequent: 'Problèmes les plus fréquents :',
    generic: 'La contrainte n\'est pas respectée.',
    noProblem: 'Aucun problème trouvé.',
    suggestion: (valid: string) => `Voulez-vous dire ${valid} ?`,
  },
  en: {
    violation: 'violation', warning: 'warning', info: 'info',
    violations: (n: number) => `${n} violation${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${n} warning${n === 1 ? '' : 's'}`,
    infos: (n: number) => `${n} info${n === 1 ? '' : 's'}`,
    resources: (n: number) => `${n} resource${n === 1 ? '' : 's'}`,
    conforms: 'CONFORMS',
    notConforming: 'DOES NOT CONFORM',
    checked: (triples: number) => `${formatNumber(triples, 'en')} triples validated`,
    on: 'in',
    and: 'and',
    value: 'value',
    truncated: (n: number) => `Validation stopped after ${formatNumber(n, 'en')} results: fix these and run it again.`,
    more: (n: number) => `… and ${formatNumber(n, 'en')} more results (use --max-results to see more).`,
    frequent: 'Most frequent problems:',
    generic: 'The constraint is not met.',
    noProblem: 'No problem found.',
    suggestion: (valid: string) => `Did you mean ${valid}?`,
  },
} as const;

function formatNumber(n: number, language: ReportLanguage): string {
  return n.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB');
}

function pickText(texts: LanguageTexts | undefined, language: ReportLanguage): string | undefined {
  if (!texts) return undefined;
  return texts[language] ?? texts.en ?? texts.fr ?? texts[''] ?? Object.values(texts)[0];
}

/** Shortens IRIs for people: relative to the base IRI, or as prefixed names. */
export class IriShortener {
  private readonly prefixes: Readonly<Record<string, string>>;

  constructor(private readonly baseIRI: string) {
    this.prefixes = allPrefixes(baseIRI);
  }

  iri(iri: string): string {
    const prefixed = prefixedName(iri, this.prefixes);
    if (prefixed) return prefixed;
    if (iri.startsWith(this.baseIRI)) return `<${iri.slice(this.baseIRI.length)}>`;
    return `<${iri}>`;
  }

  term(term: Term): string {
    switch (term.termType) {
      case 'NamedNode': return this.iri(term.value);
      case 'BlankNode': return `_:${term.value}`;
      case 'Literal': {
        const text = JSON.stringify(term.value.length > 120 ? `${term.value.slice(0, 117)}…` : term.value);
        if (term.language) return `${text}@${term.language}`;
        return term.datatype.value.endsWith('#string') ? text : `${text}^^${this.iri(term.datatype.value)}`;
      }
    }
  }
}

interface ShapeTexts {
  readonly messages: LanguageTexts;
  readonly names?: LanguageTexts;
  /** The node shapes that use this shape: their labels name the kind of thing at fault. */
  readonly owners: NodeShape[];
  /** The values a value must be one of (sh:in), as term keys, to suggest the nearest. */
  readonly allowed?: ReadonlySet<string>;
}

/** Messages, path names, allowed values and the node shapes using them, for every shape id. */
function textsByShape(shapes: ShapesModel): Map<string, ShapeTexts> {
  const texts = new Map<string, ShapeTexts>();
  for (const node of shapes.nodeShapes) {
    texts.set(node.id, { messages: node.messages, owners: [node] });
    for (const property of node.properties) {
      const known = texts.get(property.id);
      if (known) known.owners.push(node);
      else {
        const list = property.valueConstraints.find((c) => c.kind === 'in');
        texts.set(property.id, { messages: property.messages, names: property.names, owners: [node], allowed: list?.kind === 'in' ? list.keys : undefined });
      }
    }
  }
  return texts;
}

/**
 * What kind of thing the focus node is: the label of a node shape that targeted it by its class
 * (a sheet, a place), rather than one that checks every user of a property or every typed thing.
 */
function kindLabel(group: readonly ValidationResult[], texts: Map<string, ShapeTexts>, language: ReportLanguage): string | undefined {
  const candidates = group.map((r) => {
    const owners = r.nodeShape ? texts.get(r.nodeShape)?.owners : texts.get(r.sourceShape)?.owners;
    return owners?.length === 1 ? owners[0] : undefined;
  }).filter((node): node is NodeShape => node !== undefined);
  const best = candidates.find((node) => node.targetClasses.length > 0) ?? candidates[0];
  return best ? pickText(best.labels, language) : undefined;
}

/** Edit distance between two words, case aside: how many letters to add, remove or change. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The allowed value nearest to a value refused by sh:in (a misspelt class, a language code
 * written as text), when one is near enough to be what was meant.
 */
function nearestAllowed(result: ValidationResult, texts: Map<string, ShapeTexts>): string | undefined {
  const allowed = texts.get(result.sourceShape)?.allowed;
  const value = result.value;
  if (!allowed || !value || value.termType === 'BlankNode') return undefined;
  const written = value.termType === 'Literal' ? value.value : localName(value.value);
  let best: [string, number] | undefined;
  for (const key of allowed) {
    if (key.startsWith('"') || key.startsWith('_:')) continue;
    const distance = editDistance(written, localName(key));
    if (!best || distance < best[1]) best = [key, distance];
  }
  return best && best[1] <= Math.max(2, Math.floor(written.length / 3)) ? best[0] : undefined;
}

export interface ReportOptions {
  readonly language: ReportLanguage;
  readonly baseIRI: string;
  /** How many results to print in detail (the summary always counts them all). */
  readonly maxShown?: number;
}

function severityWord(severity: Severity, language: ReportLanguage): string {
  const words = WORDS[language];
  return severity === 'Violation' ? words.violation : severity === 'Warning' ? words.warning : words.info;
}

function locationOf(result: ValidationResult): string {
  const location = result.location;
  if (!location || !location.source) return '';
  return location.line > 0 ? `${location.source}:${location.line}` : location.source;
}

const SEVERITY_ORDER: Record<Severity, number> = { Violation: 0, Warning: 1, Info: 2 };

export function formatTextReport(outcome: ValidationOutcome, shapes: ShapesModel, options: ReportOptions): string {
  const { language } = options;
  const words = WORDS[language];
  const shorten = new IriShortener(options.baseIRI);
  const texts = textsByShape(shapes);
  const maxShown = options.maxShown ?? 200;
  const lines: string[] = [];

  const byFocus = new Map<string, ValidationResult[]>();
  for (const result of outcome.results) {
    const key = `${result.focusNode.termType}:${result.focusNode.value}`;
    const list = byFocus.get(key);
    if (list) list.push(result);
    else byFocus.set(key, [result]);
  }
  const groups = [...byFocus.values()].sort((a, b) => {
    const la = a[0]!.location;
    const lb = b[0]!.location;
    return (la?.source ?? '').localeCompare(lb?.source ?? '') || (la?.line ?? 0) - (lb?.line ?? 0);
  });

  let shown = 0;
  for (const group of groups) {
    if (shown >= maxShown) break;
    const first = group[0]!;
    const owner = kindLabel(group, texts, language);
    const where = locationOf(first);
    lines.push(`${where ? `${where}  ` : ''}${shorten.term(first.focusNode)}${owner ? `  (${owner})` : ''}`);
    for (const result of [...group].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])) {
      if (shown >= maxShown) break;
      shown++;
      const shapeTexts = texts.get(result.sourceShape);
      const pathName = pickText(shapeTexts?.names, language);
      const path = result.path ? (pathName ? `${pathName} (${shorten.iri(result.path)})` : shorten.iri(result.path)) : '';
      const value = result.value && !(result.value.termType === result.focusNode.termType && result.value.value === result.focusNode.value)
        ? `${words.value} ${shorten.term(result.value)}` : '';
      const subject = [path, value].filter(Boolean).join(' : ');
      lines.push(`  [${severityWord(result.severity, language)}]${subject ? ` ${subject}` : ''}`);
      const nearest = nearestAllowed(result, texts);
      lines.push(`      ${pickText(shapeTexts?.messages, language) ?? words.generic}${nearest ? ` ${words.suggestion(shorten.iri(nearest))}` : ''}`);
    }
    lines.push('');
  }
  if (outcome.results.length > shown) {
    lines.push(words.more(outcome.results.length - shown));
    lines.push('', words.frequent);
    for (const [message, count] of frequentMessages(outcome.results, texts, language).slice(0, 10)) {
      lines.push(`  ${formatNumber(count, language).padStart(9)}  ${message}`);
    }
    lines.push('');
  }
  if (outcome.truncated) lines.push(words.truncated(outcome.results.length), '');
  lines.push(summaryLine(outcome, byFocus.size, language));
  return lines.join('\n');
}

function frequentMessages(results: readonly ValidationResult[], texts: Map<string, ShapeTexts>, language: ReportLanguage): [string, number][] {
  const counts = new Map<string, number>();
  for (const result of results) {
    const message = pickText(texts.get(result.sourceShape)?.messages, language) ?? WORDS[language].generic;
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

export function summaryLine(outcome: ValidationOutcome, resources: number, language: ReportLanguage): string {
  const words = WORDS[language];
  const warnings = outcome.results.filter((r) => r.severity === 'Warning').length;
  const infos = outcome.results.filter((r) => r.severity === 'Info').length;
  const verdict = outcome.conforms ? words.conforms : words.notConforming;
  if (outcome.results.length === 0) return `${verdict}: ${words.noProblem} (${words.checked(outcome.triples)})`;
  const parts = [words.violations(outcome.violations)];
  if (warnings) parts.push(words.warnings(warnings));
  if (infos) parts.push(words.infos(infos));
  return `${verdict}: ${parts.join(', ')} ${words.on} ${words.resources(resources)} (${words.checked(outcome.triples)})`;
}

/** The outcome for programs: SHACL's own terms, plus the message in the chosen language. */
export function formatJsonReport(outcome: ValidationOutcome, shapes: ShapesModel, language: ReportLanguage): string {
  const texts = textsByShape(shapes);
  return JSON.stringify({
    conforms: outcome.conforms,
    violations: outcome.violations,
    triples: outcome.triples,
    truncated: outcome.truncated,
    results: outcome.results.map((r) => ({
      severity: r.severity,
      focusNode: r.focusNode.value,
      path: r.path,
      value: r.value?.value,
      sourceShape: r.sourceShape,
      sourceConstraintComponent: r.component,
      message: pickText(texts.get(r.sourceShape)?.messages, language),
      suggestion: nearestAllowed(r, texts),
      source: r.location?.source,
      line: r.location?.line,
    })),
  }, null, 2);
}
