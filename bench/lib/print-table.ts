/**
 * @module bench/lib/print-table
 * A plain-text table for the terminal, and the same rows as a Markdown table for
 * docs/performance.md: one header row, columns padded to their widest cell.
 */
export type Cell = string | number | undefined;

export function formatTable(title: string, header: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(cellText));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: Cell[][]): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [row(header), row(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => row(r.map(cellText)))].join('\n');
}

function cellText(c: Cell): string {
  if (c === undefined) return '—';
  if (typeof c === 'string') return c;
  if (!Number.isFinite(c)) return '—';
  const abs = Math.abs(c);
  return abs >= 100 ? c.toFixed(0) : abs >= 10 ? c.toFixed(1) : c.toFixed(2);
}
