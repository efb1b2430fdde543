/** Medians, ratios and aligned columns for the benchmark's printout. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const integer = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : 'n/a');
export const megabytes = (bytes: number): string => (Number.isFinite(bytes) ? `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB` : 'n/a');
export const ratio = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');
export const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

/** Prints rows of cells padded to the widest cell of each column. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => indent + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ')).join('\n');
}
