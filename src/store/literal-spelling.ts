/**
 * Literals as the embedded store spells them. Oxigraph keeps XSD values in a native encoding and
 * writes them back in their canonical lexical form, sometimes under another datatype: "01" and
 * "+1" become "1", "1.50" becomes "1.5", an xsd:int an xsd:integer, "+00:00" becomes "Z". What
 * must agree with the store triple for triple (the dumps, whose counts equal the endpoint's)
 * spells literals the same way: the forms the store keeps as they are are recognised at once
 * (the patterns below, checked against Oxigraph by test/store/literal-spelling.test.ts), and the
 * others, rare in practice, are given to a small Oxigraph store of their own, in batches, and
 * read back as it writes them.
 */
import oxigraph from 'oxigraph';
import { STANDARD_PREFIXES } from '../rdf/namespaces.js';
import type { Literal } from '../rdf/terms.js';

const { xsd, rdf } = STANDARD_PREFIXES;

/**
 * A date of the Gregorian calendar in its canonical form: any month's first 28 days, the 29th and
 * 30th of every month but February, the 31st of the months that have one (the 29th of February,
 * which depends on the year, is left to the store).
 */
const DATE = '[1-9][0-9]{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)';
/** Lexical forms the store keeps as they are, by datatype. */
export const KEPT_AS_WRITTEN: Readonly<Record<string, RegExp>> = {
  [`${xsd}integer`]: /^(?:0|-?[1-9][0-9]{0,14})$/,
  [`${xsd}decimal`]: /^(?:0|-?[1-9][0-9]{0,14})$|^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{0,9}[1-9]$/,
  [`${xsd}boolean`]: /^(?:true|false)$/,
  [`${xsd}date`]: new RegExp(`^${DATE}Z?$`),
  [`${xsd}gYear`]: /^[1-9][0-9]{3}Z?$/,
  [`${xsd}gYearMonth`]: /^[1-9][0-9]{3}-(?:0[1-9]|1[0-2])Z?$/,
  [`${xsd}dateTime`]: new RegExp(`^${DATE}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{0,5}[1-9])?Z?$`),
};

/** Whether the store writes a literal back exactly as it is given. */
export function keptAsWritten(literal: Literal): boolean {
  const datatype = literal.datatype.value;
  if (!datatype.startsWith(xsd) && !datatype.startsWith(rdf)) return true;
  if (datatype === `${xsd}string` || datatype === `${rdf}langString`) return true;
  return KEPT_AS_WRITTEN[datatype]?.test(literal.value) ?? false;
}

const SUBJECT = 'urn:x-citego:literal:';
const LINE = new RegExp(`^<${SUBJECT}(\\d+)> <urn:x-citego:value> (.*) \\.$`);

/** A small store of its own holding each literal (in N-Triples) as the value of a subject numbered by its place. */
function storeOf(literals: readonly string[]): oxigraph.Store {
  const store = new oxigraph.Store();
  store.load(literals.map((literal, index) => `<${SUBJECT}${index}> <urn:x-citego:value> ${literal} .\n`).join(''), { format: 'application/n-triples' });
  return store;
}

/** The lexical form the store gives each literal (in N-Triples), as its queries' results show it: "01"^^xsd:integer is "1". */
export function lexicalFormsInStore(literals: readonly string[]): string[] {
  const forms = new Array<string>(literals.length);
  for (const quad of storeOf(literals).match()) forms[Number(quad.subject.value.slice(SUBJECT.length))] = quad.object.value;
  return forms;
}

/**
 * Spells literals the way the store does, in batches: `add` queues a literal (in canonical
 * N-Triples) with what it belongs to; `onSpelt` receives them back with the store's spelling.
 * Spellings already seen are remembered, up to a bound.
 */
export class LiteralSpeller<T> {
  private pending: { item: T; literal: string }[] = [];
  private readonly known = new Map<string, string>();

  constructor(private readonly onSpelt: (item: T, literal: string) => void, private readonly batchSize = 10_000) {}

  add(item: T, literal: string): void {
    const known = this.known.get(literal);
    if (known !== undefined) return this.onSpelt(item, known);
    this.pending.push({ item, literal });
    if (this.pending.length >= this.batchSize) this.flush();
  }

  /** Spells the literals queued so far. */
  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const store = storeOf(batch.map(({ literal }) => literal));
    const spelt = new Array<string>(batch.length);
    for (const line of store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }).split('\n')) {
      const match = LINE.exec(line);
      if (match) spelt[Number(match[1])] = match[2]!;
    }
    batch.forEach(({ item, literal }, index) => {
      const spelling = spelt[index] ?? literal;
      if (this.known.size < 100_000) this.known.set(literal, spelling);
      this.onSpelt(item, spelling);
    });
  }
}
