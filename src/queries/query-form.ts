/**
 * The form of a SPARQL request (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update), read from the
 * first keyword after the prologue, without parsing the whole query: the store needs it to pick
 * a result format before it runs the query, and the endpoint to refuse updates.
 */
export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE' | 'UPDATE' | 'UNKNOWN';

const UPDATE_KEYWORDS = new Set(['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'DROP', 'CREATE', 'ADD', 'MOVE', 'COPY', 'WITH']);

export function queryForm(text: string): QueryForm {
  let i = 0;
  const n = text.length;
  const skipSpaceAndComments = (): void => {
    while (i < n) {
      const c = text[i]!;
      if (c === '#') {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      } else if (/\s/.test(c)) {
        i++;
      } else {
        return;
      }
    }
  };
  const word = (): string => {
    const start = i;
    while (i < n && /[A-Za-z]/.test(text[i]!)) i++;
    return text.slice(start, i).toUpperCase();
  };
  const skipIri = (): boolean => {
    if (text[i] !== '<') return false;
    const end = text.indexOf('>', i);
    if (end < 0) return false;
    i = end + 1;
    return true;
  };
  for (;;) {
    skipSpaceAndComments();
    const keyword = word();
    if (keyword === 'PREFIX') {
      skipSpaceAndComments();
      while (i < n && text[i] !== ':' && !/\s/.test(text[i]!)) i++;
      if (text[i] !== ':') return 'UNKNOWN';
      i++;
      skipSpaceAndComments();
      if (!skipIri()) return 'UNKNOWN';
    } else if (keyword === 'BASE') {
      skipSpaceAndComments();
      if (!skipIri()) return 'UNKNOWN';
    } else if (keyword === 'SELECT' || keyword === 'ASK' || keyword === 'CONSTRUCT' || keyword === 'DESCRIBE') {
      return keyword;
    } else if (UPDATE_KEYWORDS.has(keyword)) {
      return 'UPDATE';
    } else {
      return 'UNKNOWN';
    }
  }
}
