/**
 * A SPARQL syntax error told to a person: the line of the query with a caret under the column,
 * and what was expected there, without the parser's lists of Unicode character classes.
 */
const POSITION = /^error at (\d+):(\d+):\s*/;

export interface SyntaxErrorDescription {
  readonly line?: number;
  readonly column?: number;
  readonly text: string;
}

export function describeSyntaxError(message: string, query: string): SyntaxErrorDescription {
  const position = POSITION.exec(message);
  let detail = message.replace(POSITION, '');
  // The grammar lists what may come next, with character classes such as ['A'..='Z' | …].
  detail = detail.replace(/\[(?:[^\[\]]|\[[^\]]*\])*\]/g, '…').replace(/\s*\n\s*/g, ' ');
  detail = detail.replace(/(,\s*…)+/g, ', …').replace(/^…(,\s*…)*$/, 'something else');
  if (!position) return { text: `SPARQL syntax error: ${detail}` };
  const line = Number(position[1]);
  const column = Number(position[2]);
  const source = query.split(/\r?\n/)[line - 1] ?? '';
  const caret = `${' '.repeat(Math.max(0, Math.min(column - 1, source.length)))}^`;
  return { line, column, text: `SPARQL syntax error at line ${line}, column ${column}: ${detail}\n\n${source}\n${caret}\n` };
}
