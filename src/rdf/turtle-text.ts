/**
 * Writing RDF terms as Turtle text, for the code that serialises by hand (generators, dumps)
 * where a full writer would be too slow or too generic. Only the term level: statements,
 * prefixes and layout stay with the caller.
 *
 * Strings are written in the single-quote-free short form ("…"), escaping exactly what the
 * Turtle grammar forbids there (ECHAR / UCHAR), so the output parses back to the same value.
 */

// Everything that cannot appear raw between double quotes, plus the C0 controls that can but
// would make the files unreadable, plus surrogate halves (checked separately, see below).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f\ud800-\udfff]/;
const ESCAPABLE = /["\\\u0000-\u001f\u007f]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function escapeCharacter(match: string): string {
  // A well-formed surrogate pair is an ordinary astral character: keep it as is.
  if (match.length === 2) return match;
  const short = SHORT_ESCAPES[match];
  if (short !== undefined) return short;
  const code = match.charCodeAt(0);
  // A lone surrogate has no UTF-8 encoding: the file could only carry U+FFFD in its place
  // (that is what Node writes), so say so explicitly rather than emit a broken \uD8xx escape.
  if (code >= 0xd800 && code <= 0xdfff) return '\uFFFD';
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A Turtle string literal's quoted form: `"…"`, with quotes, backslashes and controls escaped. */
export function turtleString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  return `"${value.replace(ESCAPABLE, escapeCharacter)}"`;
}

// BCP 47 in the shape Turtle's LANGTAG accepts: letters, then dash-separated alphanumerics.
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
// A prefixed name such as xsd:date (PN_PREFIX ':' PN_LOCAL, restricted to the ASCII we use).
const PREFIXED_NAME = /^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
// Characters that IRIREF forbids raw: controls, space and <>"{}|^`\ .
const FORBIDDEN_IN_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

/**
 * How a literal is typed: a language tag, a datatype IRI (written `^^<iri>`), or a datatype as
 * a prefixed name (written `^^xsd:date`; the caller declares the prefix). None: xsd:string.
 */
export type LiteralOptions = { lang: string } | { datatype: string } | { datatypeName: string };

/** A complete Turtle literal: `"…"@fr`, `"…"^^<…>`, `"…"^^xsd:date` or plain `"…"`. */
export function turtleLiteral(value: string, options?: LiteralOptions): string {
  const quoted = turtleString(value);
  if (options === undefined) return quoted;
  if ('lang' in options) {
    if (!LANGUAGE_TAG.test(options.lang)) throw new Error(`invalid language tag: ${JSON.stringify(options.lang)}`);
    return `${quoted}@${options.lang}`;
  }
  if ('datatype' in options) return `${quoted}^^${turtleIri(options.datatype)}`;
  if (!PREFIXED_NAME.test(options.datatypeName)) {
    throw new Error(`invalid prefixed datatype name: ${JSON.stringify(options.datatypeName)}`);
  }
  return `${quoted}^^${options.datatypeName}`;
}

/**
 * An IRI reference in angle brackets, absolute or relative (relative ones resolve against the
 * base IRI of whoever loads the file). IRIs here are built by our own code, so a character that
 * IRIREF forbids is a bug upstream: fail loudly instead of percent-encoding it into another IRI.
 */
export function turtleIri(iri: string): string {
  if (FORBIDDEN_IN_IRI.test(iri)) throw new Error(`character not allowed in an IRI: ${JSON.stringify(iri)}`);
  return `<${iri}>`;
}
