/**
 * The measures of a SPARQL query that tell whether the store can evaluate it safely, read in one
 * pass over its tokens, without parsing it: a parser's time grows faster than the text (a
 * 90 KB query took sparqljs close to a second on the main thread), and a query checked here has
 * not been parsed by anything yet.
 *
 * - depth: how deep the query's algebra nests. Oxigraph recurses through it, on a stack of fixed
 *   size: about 700 nested groups or 2,000 nested parentheses overwrite its memory and break the
 *   store for every later query. Brackets count, and so does each link of a chain that the
 *   algebra turns into nesting: an operator (`||`, `+`, `/` in a path…), and in a group each
 *   UNION, OPTIONAL, MINUS, FILTER, BIND, VALUES, GRAPH and SERVICE.
 * - triple patterns: each one joins; planning 200 unrelated patterns took 7 s. Counted as
 *   written (`?s :p ?o ; :q ?r` is two), a collection `( … )` two per element.
 * - VALUES rows, and size: the number of terms and operators outside the prologue.
 * - service: whether a SERVICE clause is present (a word "service" in a string or an IRI is not).
 *
 * The measures are exact for well-formed queries and bounded for any text: whatever the input,
 * one linear pass, no recursion, no exception.
 */

export interface QueryMeasures {
  readonly depth: number;
  readonly triplePatterns: number;
  readonly valuesRows: number;
  readonly size: number;
  readonly service: boolean;
}

export interface QueryLimits {
  readonly depth: number;
  readonly triplePatterns: number;
  readonly valuesRows: number;
  readonly size: number;
}

/** Limits that keep Oxigraph well within its stack and the endpoint's time limit. */
export const QUERY_LIMITS: QueryLimits = { depth: 128, triplePatterns: 100, valuesRows: 10_000, size: 25_000 };

type TokenKind = 'term' | 'suffix' | 'word' | 'punct';

/** Keywords that, inside a group, nest what comes before them (or start a pattern that is not a triple). */
const GROUP_CHAINS = new Set(['UNION', 'OPTIONAL', 'MINUS', 'FILTER', 'BIND', 'VALUES', 'GRAPH', 'SERVICE']);
/** Operators: in an expression or a path each one is a level of the algebra. */
const OPERATORS = new Set(['||', '&&', '=', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '|', '!', '^', '?']);
/** Words that are terms, not keywords. */
const TERM_WORDS = new Set(['a', 'true', 'false', 'undef']);

interface Frame {
  readonly bracket: '{' | '(' | '[';
  /** Levels this frame adds to the depth: itself and the chains inside it so far. */
  levels: number;
  /** In a group or a blank node: whether the current statement is a triple, and the next term's place in it. */
  statement: 'start' | 'triple' | 'other';
  /** 0 subject, 1 predicate, 2 or more object. */
  slot: number;
  /** A collection `( … )` in a triple: each element is two triple patterns. */
  readonly collection: boolean;
  /** A VALUES block: rows are its terms (one variable) or its parenthesised rows. */
  readonly values?: 'single' | 'multiple';
}

interface Token { kind: TokenKind; text: string }

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Letters, `_`, and every character from U+00C0 on: where a name may start. */
const startsName = (code: number): boolean => isLetter(code) || code === 95 || code >= 0xc0;
/** Where a name goes on: digits, `-` and U+00B7 too. */
const inName = (code: number): boolean => startsName(code) || isDigit(code) || code === 45 || code === 0xb7;
/** Where the local part of a prefixed name goes on: dots, colons and `%xx` too. */
const inLocalName = (code: number): boolean => inName(code) || code === 46 || code === 58 || code === 37;
const inLanguageTag = (code: number): boolean => isLetter(code) || isDigit(code) || code === 45;
/** Characters an IRI written between angle brackets may not hold. */
const outsideIri = (code: number): boolean => code <= 32 || code === 60 || code === 62 || code === 34 || code === 123 || code === 125
  || code === 124 || code === 94 || code === 96 || code === 92;
/** Two-character operators, by their first character. */
const PAIRS: Readonly<Record<string, string>> = { '^': '^^', '!': '!=', '<': '<=', '>': '>=', '&': '&&', '|': '||' };

/**
 * A reader of the tokens of a query text, one at a time; any character that starts no token is
 * a token of its own. It looks at each character once or twice, with no regular expression and
 * no backtracking, and reuses one token object: 100 KB of any text in a few milliseconds.
 */
class Tokens {
  private position = 0;
  private readonly token: Token = { kind: 'punct', text: '' };

  constructor(private readonly text: string) {}

  private code(offset = 0): number {
    return this.text.charCodeAt(this.position + offset);
  }

  private emit(kind: TokenKind, start: number): Token {
    this.token.kind = kind;
    this.token.text = kind === 'word' || kind === 'punct' ? this.text.slice(start, this.position) : this.text[start]!;
    return this.token;
  }

  /** `<…>` without a forbidden character: an IRI; otherwise the `<` is an operator. */
  private iri(): boolean {
    let end = this.position + 1;
    while (end < this.text.length && !outsideIri(this.text.charCodeAt(end))) end++;
    if (this.text.charCodeAt(end) !== 62) return false;
    this.position = end + 1;
    return true;
  }

  /** A string in any of SPARQL's four quotings; an unterminated one runs to the end of the text (or of its line). */
  private string(): void {
    const quote = this.code();
    const long = this.code(1) === quote && this.code(2) === quote;
    this.position += long ? 3 : 1;
    while (this.position < this.text.length) {
      const code = this.code();
      if (code === 92 /* \ */) {
        this.position += 2;
      } else if (code === quote && (!long || (this.code(1) === quote && this.code(2) === quote))) {
        this.position += long ? 3 : 1;
        return;
      } else if (!long && (code === 10 || code === 13)) {
        return;
      } else {
        this.position++;
      }
    }
    this.position = Math.min(this.position, this.text.length);
  }

  private skip(accept: (code: number) => boolean): void {
    while (this.position < this.text.length && accept(this.code())) this.position++;
  }

  /** A keyword or a prefixed name: name characters, dots inside, a colon and a local part with `%xx` and `\` escapes. */
  private name(): void {
    while (this.position < this.text.length) {
      const code = this.code();
      if (code === 92 && this.position + 1 < this.text.length) this.position += 2;
      else if (inLocalName(code)) this.position++;
      else break;
    }
    // A name never ends with a dot: that dot ends the triple.
    while (this.code(-1) === 46) this.position--;
  }

  next(): Token | undefined {
    const { text } = this;
    while (this.position < text.length) {
      const code = this.code();
      const start = this.position;
      if (isSpace(code)) {
        this.position++;
        continue;
      }
      if (code === 35 /* # */) {
        while (this.position < text.length && this.code() !== 10 && this.code() !== 13) this.position++;
        continue;
      }
      if (code === 60 /* < */ && this.iri()) return this.emit('term', start);
      if (code === 34 || code === 39 /* " ' */) {
        this.string();
        return this.emit('term', start);
      }
      if ((code === 63 || code === 36 /* ? $ */) && inName(this.code(1))) {
        this.position++;
        this.skip(inName);
        return this.emit('term', start);
      }
      if (code === 95 && this.code(1) === 58 /* _: */) {
        this.position += 2;
        this.name();
        return this.emit('term', start);
      }
      if (isDigit(code) || (code === 46 && isDigit(this.code(1)))) {
        this.skip(isDigit);
        if (this.code() === 46 && isDigit(this.code(1))) {
          this.position++;
          this.skip(isDigit);
        } else if (this.code() === 46 && (this.code(1) === 101 || this.code(1) === 69)) {
          this.position++;
        }
        if (this.code() === 101 || this.code() === 69) {
          const sign = this.code(1) === 43 || this.code(1) === 45 ? 1 : 0;
          if (isDigit(this.code(1 + sign))) {
            this.position += 1 + sign;
            this.skip(isDigit);
          }
        }
        return this.emit('term', start);
      }
      if (code === 64 /* @ */ && isLetter(this.code(1))) {
        this.position++;
        this.skip(inLanguageTag);
        return this.emit('suffix', start);
      }
      if (startsName(code) || code === 58 /* : */) {
        this.name();
        const word = text.slice(start, this.position);
        if (word.includes(':') || TERM_WORDS.has(word.toLowerCase())) return this.emit('term', start);
        this.token.kind = 'word';
        this.token.text = word.toUpperCase();
        return this.token;
      }
      const pair = PAIRS[text[start]!];
      this.position += pair !== undefined && text.startsWith(pair, start) ? 2 : 1;
      return this.emit('punct', start);
    }
    return undefined;
  }
}

/**
 * The measures of a query. Given limits, it stops as soon as one is exceeded (the measures are
 * then "at least"): a text far past a limit costs no more than one at the limit.
 */
export function measureQuery(text: string, stopPast?: QueryLimits): QueryMeasures {
  const stack: Frame[] = [];
  let depth = 0;
  let maxDepth = 0;
  let triplePatterns = 0;
  let valuesRows = 0;
  let size = 0;
  let service = false;
  /** After VALUES: its variable (one) or its parenthesised variables (several), before its block. */
  let valuesHeader: 'keyword' | 'variables' | 'single' | 'multiple' | undefined;
  /** Tokens of a PREFIX or BASE declaration still to skip. */
  let prologue = 0;
  let datatypeFollows = false;

  const deeper = (levels: number): void => {
    depth += levels;
    maxDepth = Math.max(maxDepth, depth);
  };
  const isGroup = (frame: Frame | undefined): frame is Frame => frame !== undefined && frame.bracket !== '(';
  /** A term (or a bracket that stands for one) in the innermost frame: a VALUES row, a collection's element, a triple's part. */
  const term = (frame: Frame | undefined): void => {
    if (!frame) return;
    if (frame.values) {
      if (frame.values === 'single') valuesRows++;
      return;
    }
    if (frame.collection) triplePatterns += 2;
    if (frame.bracket === '(') return;
    if (frame.statement === 'start') {
      frame.statement = 'triple';
      frame.slot = 0;
    }
    if (frame.statement !== 'triple') return;
    if (frame.slot >= 2) triplePatterns++;
    frame.slot = Math.min(frame.slot + 1, 3);
  };

  const reader = new Tokens(text);
  for (let token = reader.next(); token; token = reader.next()) {
    if (stopPast && (maxDepth > stopPast.depth || triplePatterns > stopPast.triplePatterns || valuesRows > stopPast.valuesRows || size > stopPast.size)) break;
    const frame = stack[stack.length - 1];
    if (prologue > 0) {
      prologue--;
      continue;
    }
    if (token.kind === 'word' && (token.text === 'PREFIX' || token.text === 'BASE') && stack.length === 0) {
      prologue = token.text === 'PREFIX' ? 2 : 1;
      continue;
    }
    size++;
    if (token.kind === 'suffix') continue;
    if (datatypeFollows) {
      // A literal's datatype is part of the literal.
      datatypeFollows = false;
      continue;
    }
    if (token.kind === 'word') {
      if (token.text === 'SERVICE') service = true;
      if (token.text === 'VALUES') valuesHeader = 'keyword';
      if (isGroup(frame)) {
        frame.statement = 'other';
        if (GROUP_CHAINS.has(token.text)) {
          frame.levels++;
          deeper(1);
        }
      }
      continue;
    }
    if (token.kind === 'term') {
      if (valuesHeader === 'keyword' && /^[?$]/.test(token.text)) valuesHeader = 'single';
      term(frame);
      continue;
    }

    const symbol = token.text;
    if (symbol === '{' || symbol === '(' || symbol === '[') {
      let values: Frame['values'];
      if (symbol === '{') {
        if (valuesHeader === 'single' || valuesHeader === 'multiple') values = valuesHeader;
        valuesHeader = undefined;
      } else if (symbol === '(' && valuesHeader === 'keyword') {
        valuesHeader = 'variables';
      }
      if (frame?.values === 'multiple' && symbol === '(') valuesRows++;
      // In a triple, a parenthesis is a collection, except in the predicate's place, where it groups a path.
      const inTriple = isGroup(frame) && frame.statement === 'triple';
      const collection = symbol === '(' && ((inTriple && frame.slot !== 1) || frame?.collection === true);
      if (symbol === '{' && isGroup(frame)) frame.statement = 'other';
      if (symbol !== '{') term(frame);
      stack.push({ bracket: symbol, levels: 1, statement: symbol === '[' ? 'triple' : 'start', slot: 1, collection, values });
      deeper(1);
      continue;
    }
    if (symbol === '}' || symbol === ')' || symbol === ']') {
      if (symbol === ')' && valuesHeader === 'variables') valuesHeader = 'multiple';
      // A closing bracket ends the innermost frame, whatever it opened with: unbalanced text stays linear.
      const closed = stack.pop();
      if (closed) depth -= closed.levels;
      const parent = stack[stack.length - 1];
      // After a group, a filter's or a binding's parentheses, a new triple may start.
      if (isGroup(parent) && parent.statement === 'other') parent.statement = 'start';
      continue;
    }
    if (symbol === '^^') {
      datatypeFollows = true;
      continue;
    }
    if (isGroup(frame) && frame.statement === 'triple') {
      if (symbol === '.') frame.statement = 'start';
      else if (symbol === ';') frame.slot = 1;
      else if (symbol === ',') frame.slot = 2;
      // A path goes on in the predicate's place: `:a/:b`, `:a|:b`, `^:a`.
      else if (symbol === '/' || symbol === '|' || symbol === '^') frame.slot = 1;
    } else if (isGroup(frame) && symbol === '.') {
      frame.statement = 'start';
    }
    if (frame && OPERATORS.has(symbol)) {
      frame.levels++;
      deeper(1);
    }
  }
  return { depth: maxDepth, triplePatterns, valuesRows, size, service };
}

/** The first limit a query's measures exceed, with the measure and the limit; undefined when none is. */
export function exceededLimit(measures: QueryMeasures, limits: QueryLimits = QUERY_LIMITS): { name: keyof QueryLimits; value: number; limit: number } | undefined {
  for (const name of ['depth', 'triplePatterns', 'valuesRows', 'size'] as const) {
    if (measures[name] > limits[name]) return { name, value: measures[name], limit: limits[name] };
  }
  return undefined;
}
