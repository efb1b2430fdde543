/**
 * SPARQL 1.1 Query Results CSV from JSON results, as the CSV format's specification writes it:
 * a header of variable names, IRIs and literals as bare strings, blank nodes as _:label, fields
 * quoted when they hold a comma, a quote or a line break, lines ended by CRLF.
 */
interface JsonTerm { type: string; value: string }

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function jsonResultsToCsv(json: string): string {
  const parsed = JSON.parse(json) as { head: { vars?: string[] }; results?: { bindings: Record<string, JsonTerm>[] } };
  const variables = parsed.head.vars ?? [];
  const lines = [variables.map(field).join(',')];
  for (const binding of parsed.results?.bindings ?? []) {
    lines.push(variables.map((v) => {
      const term = binding[v];
      if (!term) return '';
      return field(term.type === 'bnode' ? `_:${term.value}` : term.value);
    }).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
